/**
 * The engine's data model. Everything here is plain data (plus optional DOM element
 * references for highlighting), free of extension APIs, so that the CLI, the tests and
 * the content script share it.
 *
 * Terms follow ../shared/spec/contract.md (cell ids, result JSON) and
 * ../shared/spec/report-format.md (formats, labels, normalisation).
 */

export type Format = '2019' | '2021';
export type Severity = 'error' | 'warning' | 'info';
export type Tier = 'core' | 'narrative' | 'cross-year' | 'content';
export type TableId = 'T2' | 'T3' | 'T4';
/** `TABLE:ROW:COLUMN`, e.g. `T3:3.5.1:natural` (contract §1). */
export type CellId = string;

/** Notes recorded while normalising a value cell (report-format.md §11). */
export type ValueFlag =
  | 'blank' // empty after whitespace removal → VAL-BLANK
  | 'placeholder' // / － — × 无 … → VAL-PLACEHOLDER-SYMBOL
  | 'text' // other non-numeric text → VAL-TEXT
  | 'fullwidth' // full-width digits/sign/point → VAL-FULLWIDTH
  | 'whitespace' // number padded with spaces/NBSP/U+3000 → VAL-WHITESPACE
  | 'thousands' // thousands separators → VAL-THOUSANDS
  | 'unit' // trailing unit stripped → VAL-UNIT-IN-CELL
  | 'signedWord'; // 增3 / 减2 → VAL-SIGNED-DELTA

export interface CellValue {
  /** The cell's text as on the page: text nodes concatenated without separators. */
  raw: string;
  /** The number after normalisation; null when blank or not a number. */
  value: number | null;
  flags: ValueFlag[];
  /** The unit that was stripped (`万元`, `元`, `件` …), when `flags` has 'unit'. */
  unit?: string;
}

/** A template cell found on the page. */
export interface MappedCell extends CellValue {
  id: CellId;
  table: TableId;
  row: string;
  col: string;
  /** The page element holding the value (td/th), for highlighting. Never serialised. */
  el?: Element;
  /** PDF attachments: where the cell sits (page and box), for evidence and drawing. */
  box?: CellBox;
}

/** A cell's place in a PDF: 1-based page number and box in points from the page's top-left corner. */
export interface CellBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a block of text sits in the document. */
export interface TextBlock {
  kind: 'text';
  /** Text with whitespace runs collapsed to one space and trimmed (display form). */
  text: string;
  el?: Element;
}
export interface TableBlock {
  kind: 'table';
  /** Index into PageModel.tables. */
  table: number;
  el?: Element;
}
/** An image standing in the content (DOC-IMAGE-TABLE). */
export interface ImageBlock {
  kind: 'image';
  src: string;
  el?: Element;
}
export type Block = TextBlock | TableBlock | ImageBlock;

/** One row of a source table, as the page has it. */
export interface SourceRow {
  /** The row's own cells, in order (a `<tr>`'s td/th, or a text dump's fields). */
  cells: SourceCell[];
  el?: Element;
}
export interface SourceCell {
  /** Text nodes concatenated without separators (report-format.md §10 step 1). */
  text: string;
  /** normaliseLabel(text), cached by `cellNorm()` so that no stage normalises a cell twice. */
  norm?: string;
  rowSpan: number;
  colSpan: number;
  el?: Element;
  /** PDF attachments: the cell's page and box (lib/pdf/layout.ts). */
  box?: CellBox;
}
export interface SourceTable {
  rows: SourceRow[];
  el?: Element;
}

/** The page, read once: metadata, title evidence, and the content as blocks. */
export interface PageModel {
  /** URL of the page, or the file path for CLI input. */
  source: string;
  /** True for file input (CLI) and file: pages. */
  isFile: boolean;
  /** Host name when the source is an http(s) URL. */
  host: string | null;
  /** `<meta name=… content=…>` values, by name (case as written). */
  meta: Record<string, string>;
  /** `<title>` text, or null. */
  htmlTitle: string | null;
  /** Candidate title texts from the article heading (h1, .article_title, first centred bold p) or a text dump's first lines. */
  headingCandidates: string[];
  /** Header fields of an archive text dump (`标题`, `发布时间`, `栏目`, `原文链接` …). */
  dumpFields: Record<string, string>;
  /** Content blocks in document order (text outside tables, tables, images). */
  blocks: Block[];
  tables: SourceTable[];
  /** Links in the content (href, text), for attachment detection. */
  links: { href: string; text: string }[];
  /** The content holds a PDF viewer / flip-book iframe or embed. */
  hasViewerFrame: boolean;
  /** The document's element used as the content root (for highlighting scope). */
  root?: Element;
}

export type EntityType = 'township' | 'department' | 'government' | 'unknown';

export interface Detection {
  detected: boolean;
  /** Why not detected (negative case) or which evidence held. */
  reason: string;
  evidence: { E1: boolean; E2: boolean; E3: boolean; E4: number };
  title: string | null;
  year: number | null;
  entity: string | null;
  entityType: EntityType;
  /** '2019' | '2021' | null; null for legacy or unrecognised. */
  format: Format | null;
  legacy: boolean;
  /** Signature counts per format (tables only). */
  signatures: { '2019': number; '2021': number };
}

/** How a page label matched its template label (report-format.md §10). */
export type MatchKind = 'exact' | 'whitelist' | 'fuzzy' | 'position';

export interface LabelIssue {
  table: TableId;
  /** Row key (contract §1). */
  row: string;
  /** Normalised label as on the page. */
  found: string;
  /** Template label (normalised). */
  expected: string;
  match: Exclude<MatchKind, 'exact'>;
  /** A whitelisted substitution that changes the meaning (住房→信访, 收购→采购): error. */
  meaningChanged: boolean;
  /** The row's value cells (canonical ids) that exist on the page. */
  cells: CellId[];
}

export interface ColIssue {
  table: TableId;
  col: string;
  /** Header text as found (normalised), or null when the header is missing. */
  found: string | null;
  expected: string;
  kind: 'missing' | 'truncated' | 'different' | 'variant';
  /** That column's cell in the table's first data row, when it exists. */
  cells: CellId[];
}

export interface MissingRow {
  table: TableId;
  /** Row key for data rows; `caption:五` / `header:五` for T2 caption and header rows. */
  row: string;
  label: string;
  kind: 'data' | 'caption' | 'header';
  /** Data row present but with no value cell (as opposed to absent). */
  present: boolean;
}

export interface CellCountIssue {
  table: TableId;
  row: string;
  label: string;
  found: number;
  expected: number;
}

export interface ExtraRowCol {
  table: TableId;
  kind: 'row' | 'col';
  label: string;
  /** Values of the extra row (per column key) or column (per row key). */
  values: Record<string, CellValue>;
}

export interface TableMapping {
  table: TableId;
  found: boolean;
  /** The `<table>` parts that make up this table, in order. */
  parts: number[];
  /** Row keys in the order the page has them. */
  rowOrder: string[];
  labelIssues: LabelIssue[];
  colIssues: ColIssue[];
  missingRows: MissingRow[];
  /** T2 blocks ('一' '五' '六' '八' '九') whose data rows are all absent. */
  missingBlocks: string[];
  cellCountIssues: CellCountIssue[];
  extras: ExtraRowCol[];
  /** T3 only: the top-left note cell as found (normalised), null when absent. */
  note?: string | null;
  /** Debris rows (`------`), kept for CONTENT-ARTIFACT. */
  artifacts: string[];
  /** Header rows were found (TPL-COL-LABEL is assessable). */
  headerFound: boolean;
  /** Header text found per column key (normalised), e.g. `amount` → `采购总金额(万元)`. */
  headerTexts: Record<string, string>;
}

/** A section heading found outside the tables. */
export interface SectionHeading {
  /** Template section 1..6 (一 … 六). */
  section: number;
  /** The heading's own numeral as written (一 … 十), or null. */
  numeral: number | null;
  text: string;
  /** Index into PageModel.blocks. */
  block: number;
}

/** Everything a rule may read. Built once per page by audit.ts. */
export interface AuditContext {
  page: PageModel;
  detection: Detection;
  format: Format | null;
  year: number | null;
  cells: Map<CellId, MappedCell>;
  tables: Record<TableId, TableMapping>;
  /** Template section headings found, in document order. */
  sections: SectionHeading[];
  /** Narrative text blocks (outside tables), in document order. */
  narrative: string[];
  /** Publication date from PubDate / 发布日期 / 发布时间 / dump header, ISO `YYYY-MM-DD`. */
  pubDate: string | null;
  /** The signature at the end of the report: body name and date (ISO), when present. */
  signature: { entity: string | null; date: string | null; rawDate: string | null } | null;
  settings: AuditSettings;
}

export interface AuditSettings {
  /** Hosts (suffixes) treated as government sites besides *.gov.cn (DOC-MIRROR-DOMAIN). */
  allowedHosts: string[];
  /** Deadline for township reports, as MM-DD of Y+1 (DATE-DEADLINE). */
  townshipDeadline: string;
  /** VAL-AMOUNT-UNIT: township feeAmount at or above this (万元) suggests 元 entered under 万元. */
  townshipFeeThreshold: number;
  /** Raise VAL-BLANK to error. */
  strictBlanks: boolean;
  /** CONTENT-BOILERPLATE: outdated or generic phrases to report (rules.md's list by default). */
  boilerplatePhrases: readonly string[];
}

/** What a rule's check returns; the engine adds ruleId and default severity. */
export interface RuleFinding {
  /** Defaults to the rule's meta.severity. */
  severity?: Severity;
  cells: CellId[];
  expected?: number;
  actual?: number;
  message: string;
  /** Narrative rules: the sentence the finding is about. */
  text?: TextAnchor;
}

export interface RuleMeta {
  id: string;
  /** Default severity. */
  severity: Severity;
  /** Formats the rule runs on; 'legacy' rules run on legacy pages only. */
  formats: readonly (Format | 'legacy')[];
  tier: Tier;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: AuditContext): RuleFinding[];
}

/** A finding in the audit result (contract §3). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  cells: CellId[];
  expected?: number;
  actual?: number;
  message: string;
  /**
   * Cross-year findings only (rules.md §J, lib/crossyear.ts): the ids (`source`) of the two
   * reports compared, this year's and last year's. Optional: contract §3 only ever adds fields.
   */
  reports?: { current: string; previous: string };
  /** Narrative findings (rules.md §H): the sentence the finding is about. Optional, added to contract §3. */
  text?: TextAnchor;
}

/**
 * Where a narrative finding sits in the report's text: the sentence as written (display text,
 * whitespace runs collapsed) and, when known, its text block (index into PageModel.blocks of
 * that audit) with the sentence's offsets in the block's display text. `quote` alone is enough
 * to find the sentence again (the extension searches it whitespace-insensitively).
 */
export interface TextAnchor {
  quote: string;
  block?: number;
  start?: number;
  end?: number;
}

/** The audit result (contract §3, schemaVersion 1). */
export interface AuditResult {
  schemaVersion: 1;
  tool: { name: 'report-auditor'; version: string };
  source: string;
  auditedAt: string;
  detected: boolean;
  report?: {
    title: string | null;
    year: number | null;
    entity: string | null;
    format: Format | null;
  };
  cells?: Record<CellId, { raw: string; value: number | null }>;
  findings?: Finding[];
  /** Reports published as a PDF or DOCX attachment: the file audited (optional, contract §3 addendum). */
  attachment?: AttachmentEvidence;
}

/** Evidence of an audited attachment (lib/attachments.ts, lib/pdf/). */
export interface AttachmentEvidence {
  kind: 'pdf' | 'docx';
  /** The attachment's URL, when it was fetched (a file's path is `source`). */
  url?: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
  bytes: number;
  /** PDF: number of pages. */
  pages?: number;
  /** PDF: page and box (points, from the page's top-left corner) of every cell a finding names. */
  cellBoxes?: Record<CellId, CellBox>;
}
