/** Tool name and version in every audit result (contract §3). Kept equal to package.json by a test. */
export const TOOL = { name: 'report-auditor', version: '0.1.0' } as const;
