/**
 * What the extension's background tells the page about cross-year checks (the audit-complete
 * reply, lib/messages.ts): the earlier reports of the same body it holds, the pairing it used
 * (entity, site and why they matched) and the cross-year findings. zod, because the page
 * parses what it is sent like any message.
 */
import { z } from 'zod';
import { FindingSchema } from './schema';

const Url = z.string().max(8_192);
const Text = z.string().max(2_000);

export const EarlierReportSchema = z.object({
  url: Url,
  year: z.number().int(),
  title: Text.nullable(),
  entity: Text.nullable(),
  site: Text.nullable(),
  format: z.enum(['2019', '2021']).nullable(),
  /** lib/body.ts BodyMatch.reason: why it is taken as the same body's (zh-CN). */
  reason: Text,
  basis: z.enum(['name-and-site', 'name-only', 'different-name', 'different-site', 'no-name']),
  /** The auditor marked it "not the same body". */
  rejected: z.boolean(),
});
export type EarlierReport = z.infer<typeof EarlierReportSchema>;

export const CrossYearViewSchema = z.object({
  /** This report's body and site. */
  entity: Text.nullable(),
  site: Text.nullable(),
  year: z.number().int().nullable(),
  /** The same body's stored reports of earlier years, newest first (rejected ones included, marked). */
  earlier: z.array(EarlierReportSchema).max(200),
  /** The comparison with Y−1, when that report is stored and not rejected. */
  compared: z
    .object({
      url: Url,
      year: z.number().int(),
      /** What could be compared (lib/crossyear.ts comparisonScope). */
      note: Text,
      findings: z.array(FindingSchema).max(500),
    })
    .nullable(),
});
export type CrossYearView = z.infer<typeof CrossYearViewSchema>;
