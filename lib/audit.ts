/**
 * The audit: page → detection → template mapping → document analysis → rules → result
 * (contract §3). Pure engine code: runs in the content script, the CLI and tests alike.
 */
import type {
  AuditContext,
  AuditResult,
  AuditSettings,
  CellId,
  Detection,
  Finding,
  Format,
  PageModel,
  Rule,
  Severity,
  TableId,
  TableMapping,
} from './types';
import { detectPage } from './detect';
import { mapTables, type MappingResult } from './mapping';
import { analyseDocument } from './sections';
import { RULES } from './rules';
import { templateCellIds } from './template';
import { TOOL } from './version';
import { BOILERPLATE_PHRASES } from './rules/content';

export const DEFAULT_SETTINGS: AuditSettings = {
  allowedHosts: [],
  townshipDeadline: '03-31',
  townshipFeeThreshold: 1000,
  strictBlanks: false,
  boilerplatePhrases: BOILERPLATE_PHRASES,
};

export interface AuditOptions {
  /** Fixed clock for reproducible output (tests). */
  now?: Date;
  settings?: Partial<AuditSettings>;
  /** Rules to run (default: all). */
  rules?: readonly Rule[];
}

export interface AuditRun {
  result: AuditResult;
  detection: Detection;
  /** Null when the page is not a report. */
  context: AuditContext | null;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function emptyTables(): Record<TableId, TableMapping> {
  const m = (table: TableId): TableMapping => ({
    table,
    found: false,
    parts: [],
    rowOrder: [],
    labelIssues: [],
    colIssues: [],
    missingRows: [],
    missingBlocks: [],
    cellCountIssues: [],
    extras: [],
    note: table === 'T3' ? null : undefined,
    artifacts: [],
    headerFound: false,
    headerTexts: {},
  });
  return { T2: m('T2'), T3: m('T3'), T4: m('T4') };
}

/** The format the tables are mapped with: the detected one, else the one the year calls for. */
export function mappingFormat(d: Detection): Format | null {
  if (d.legacy) return null;
  if (d.format) return d.format;
  return d.year !== null && d.year >= 2021 ? '2021' : '2019';
}

/** Whether a rule runs on a page of this format (rules.md design note 8). */
export function ruleApplies(rule: Rule, format: Format | null, legacy: boolean): boolean {
  const f = rule.meta.formats;
  if (legacy) return f.includes('legacy') || rule.meta.id === 'DOC-MIRROR-DOMAIN';
  if (f.includes('legacy') && !f.includes('2019') && !f.includes('2021')) return false;
  if (format === null) return f.includes('2019') && f.includes('2021');
  return f.includes(format);
}

/** Sort: severity, then page-level findings, then table and row order of the first cell. */
export function sortFindings(findings: Finding[], format: Format | null): Finding[] {
  const order = new Map<CellId, number>();
  templateCellIds(format ?? '2021').forEach((id, i) => order.set(id, i));
  if (format !== '2019') templateCellIds('2019').forEach((id, i) => order.has(id) || order.set(id, 10_000 + i));
  const pos = (f: Finding) => (f.cells.length === 0 ? -1 : (order.get(f.cells[0]!) ?? 20_000));
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || pos(a.f) - pos(b.f) || a.i - b.i)
    .map((x) => x.f);
}

export function runRules(ctx: AuditContext, rules: readonly Rule[] = RULES): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    if (!ruleApplies(rule, ctx.format, ctx.detection.legacy)) continue;
    for (const rf of rule.check(ctx)) {
      const f: Finding = { ruleId: rule.meta.id, severity: rf.severity ?? rule.meta.severity, cells: rf.cells, message: rf.message };
      if (rf.expected !== undefined) f.expected = rf.expected;
      if (rf.actual !== undefined) f.actual = rf.actual;
      if (rf.text !== undefined) f.text = rf.text;
      out.push(f);
    }
  }
  return out;
}

export function auditPage(page: PageModel, opts: AuditOptions = {}): AuditRun {
  const auditedAt = (opts.now ?? new Date()).toISOString();
  const detection = detectPage(page);
  const base = { schemaVersion: 1 as const, tool: { ...TOOL }, source: page.source, auditedAt };
  if (!detection.detected) return { result: { ...base, detected: false }, detection, context: null };

  const fmt = mappingFormat(detection);
  const mapping: MappingResult = fmt ? mapTables(page, fmt) : { cells: new Map(), tables: emptyTables() };
  const doc = analyseDocument(page, detection);
  const ctx: AuditContext = {
    page,
    detection,
    format: detection.format,
    year: detection.year,
    cells: mapping.cells,
    tables: mapping.tables,
    sections: doc.sections,
    narrative: doc.narrative,
    pubDate: doc.pubDate,
    signature: doc.signature,
    settings: { ...DEFAULT_SETTINGS, ...opts.settings },
  };
  const findings = sortFindings(runRules(ctx, opts.rules), detection.format);
  const cells: Record<CellId, { raw: string; value: number | null }> = {};
  const ids = fmt ? templateCellIds(fmt) : [];
  for (const id of ids) {
    const c = mapping.cells.get(id);
    if (c) cells[id] = { raw: c.raw, value: c.value };
  }
  return {
    result: {
      ...base,
      detected: true,
      report: { title: detection.title, year: detection.year, entity: detection.entity, format: detection.format },
      cells,
      findings,
    },
    detection,
    context: ctx,
  };
}
