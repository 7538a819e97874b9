/**
 * Build an AuditContext from a compact spec, for rule tests. Anything not given gets a
 * neutral default: a detected 2019-format report for 2020 with no cells and no text.
 */
import type {
  AuditContext,
  Block,
  AuditSettings,
  CellId,
  Detection,
  Format,
  MappedCell,
  PageModel,
  SectionHeading,
  TableId,
  TableMapping,
} from '../../lib/types';
import { normaliseValue } from '../../lib/value';
import { BOILERPLATE_PHRASES } from '../../lib/rules/content';
import { parseCellId } from '../../lib/template';

export interface ContextSpec {
  format?: Format | null;
  year?: number | null;
  entity?: string | null;
  entityType?: Detection['entityType'];
  /** Cells by id with their raw text; '' is a blank cell. Absent ids are cells not on the page. */
  cells?: Record<CellId, string>;
  tables?: Partial<Record<TableId, Partial<TableMapping>>>;
  narrative?: string[];
  sections?: SectionHeading[];
  pubDate?: string | null;
  signature?: AuditContext['signature'];
  page?: Partial<PageModel>;
  detection?: Partial<Detection>;
  settings?: Partial<AuditSettings>;
}

export const DEFAULT_SETTINGS: AuditSettings = {
  allowedHosts: [],
  townshipDeadline: '03-31',
  townshipFeeThreshold: 1000,
  strictBlanks: false,
  boilerplatePhrases: BOILERPLATE_PHRASES,
};

export function emptyMapping(table: TableId, found = true): TableMapping {
  return {
    table,
    found,
    parts: found ? [0] : [],
    rowOrder: [],
    labelIssues: [],
    colIssues: [],
    missingRows: [],
    missingBlocks: [],
    cellCountIssues: [],
    extras: [],
    note: table === 'T3' ? '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)' : undefined,
    artifacts: [],
    headerFound: found,
    headerTexts: {},
  };
}

export function makeContext(spec: ContextSpec = {}): AuditContext {
  const format = spec.format === undefined ? '2019' : spec.format;
  const year = spec.year === undefined ? 2020 : spec.year;
  const cells = new Map<CellId, MappedCell>();
  for (const [id, raw] of Object.entries(spec.cells ?? {})) {
    const { table, row, col } = parseCellId(id);
    cells.set(id, { id, table, row, col, ...normaliseValue(raw) });
  }
  const page: PageModel = {
    source: 'test.html',
    isFile: true,
    host: null,
    meta: {},
    htmlTitle: null,
    headingCandidates: [],
    dumpFields: {},
    blocks: [],
    tables: [],
    links: [],
    hasViewerFrame: false,
    ...spec.page,
  };
  const detection: Detection = {
    detected: true,
    reason: 'test',
    evidence: { E1: true, E2: false, E3: false, E4: 3 },
    title: `测试镇${year ?? ''}年政府信息公开工作年度报告`,
    year,
    entity: spec.entity === undefined ? '测试镇' : spec.entity,
    entityType: spec.entityType ?? 'township',
    format,
    legacy: false,
    signatures: { '2019': format === '2019' ? 5 : 0, '2021': format === '2021' ? 5 : 0 },
    ...spec.detection,
  };
  const tables = {} as Record<TableId, TableMapping>;
  for (const t of ['T2', 'T3', 'T4'] as const) tables[t] = { ...emptyMapping(t), ...spec.tables?.[t] };
  return {
    page,
    detection,
    format,
    year,
    cells,
    tables,
    sections: spec.sections ?? [],
    narrative: spec.narrative ?? [],
    pubDate: spec.pubDate ?? null,
    signature: spec.signature ?? null,
    settings: { ...DEFAULT_SETTINGS, ...spec.settings },
  };
}

/** The template's section headings, by number. */
const HEADINGS = ['', '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

/** A report body: section number → its paragraphs (0 = the preamble before 一), as page blocks with headings. */
export function reportBody(sections: Record<number, string[]>): Pick<ContextSpec, 'narrative' | 'sections' | 'page'> {
  const blocks: Block[] = [];
  const heads: SectionHeading[] = [];
  const narrative: string[] = [];
  for (const [k, paras] of Object.entries(sections).sort(([a], [b]) => Number(a) - Number(b))) {
    const n = Number(k);
    if (n > 0) {
      heads.push({ section: n, numeral: n, text: HEADINGS[n]!, block: blocks.length });
      blocks.push({ kind: 'text', text: HEADINGS[n]! });
    }
    for (const p of paras) {
      blocks.push({ kind: 'text', text: p });
      narrative.push(p);
    }
  }
  return { narrative, sections: heads, page: { blocks } };
}
