import type { Severity } from './types';

/** Findings counted by severity. */
export type Counts = Record<Severity, number>;

/** How many findings of each severity. */
export function countBySeverity(findings: Iterable<{ severity: Severity }>): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
