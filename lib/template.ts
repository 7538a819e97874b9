/**
 * The State Council templates (report-format.md §4–§6, contract.md §1) as data:
 * every table, block, row and column with its canonical key and template label.
 */
import type { CellId, Format, TableId } from './types';

export interface ColumnDef {
  key: string;
  /** Template header label (as printed, full-width punctuation). */
  label: string;
}

export interface RowDef {
  key: string;
  /** Template label of the row's own (last) label cell. */
  label: string;
  /** Group label for T3 item rows (`（三）不予公开` …), matched together with the item. */
  group?: string;
  /** Value columns in template order. */
  cols: readonly ColumnDef[];
}

export interface T2Block {
  /** Block id: the 第二十条 item numeral. */
  id: '一' | '五' | '六' | '八' | '九';
  caption: string;
  /** Header columns after 信息内容 (what the header row prints). */
  header: readonly ColumnDef[];
  rows: readonly RowDef[];
}

// ---------------------------------------------------------------- T2

const c = (key: string, label: string): ColumnDef => ({ key, label });

const T2_19_DOCS = [c('newlyMade', '本年新制作数量'), c('newlyPublished', '本年新公开数量'), c('totalPublished', '对外公开总数量')];
const T2_19_ITEMS = [c('previousCount', '上一年项目数量'), c('change', '本年增/减'), c('decisions', '处理决定数量')];
const T2_19_FEES = [c('previousCount', '上一年项目数量'), c('change', '本年增/减')];
const T2_19_PROC = [c('projects', '采购项目数量'), c('amount', '采购总金额')];
const T2_21_DOCS = [c('issued', '本年制发件数'), c('repealed', '本年废止件数'), c('inForce', '现行有效件数')];
const T2_21_DECISIONS = [c('decisions', '本年处理决定数量')];
const T2_21_FEES = [c('feeAmount', '本年收费金额（单位：万元）')];

export const T2_BLOCKS: Record<Format, readonly T2Block[]> = {
  '2019': [
    {
      id: '一',
      caption: '第二十条第（一）项',
      header: T2_19_DOCS,
      rows: [
        { key: 'regulations', label: '规章', cols: T2_19_DOCS },
        { key: 'normativeDocuments', label: '规范性文件', cols: T2_19_DOCS },
      ],
    },
    {
      id: '五',
      caption: '第二十条第（五）项',
      header: T2_19_ITEMS,
      rows: [
        { key: 'licensing', label: '行政许可', cols: T2_19_ITEMS },
        { key: 'otherServices', label: '其他对外管理服务事项', cols: T2_19_ITEMS },
      ],
    },
    {
      id: '六',
      caption: '第二十条第（六）项',
      header: T2_19_ITEMS,
      rows: [
        { key: 'penalties', label: '行政处罚', cols: T2_19_ITEMS },
        { key: 'enforcement', label: '行政强制', cols: T2_19_ITEMS },
      ],
    },
    {
      id: '八',
      caption: '第二十条第（八）项',
      header: T2_19_FEES,
      rows: [{ key: 'fees', label: '行政事业性收费', cols: T2_19_FEES }],
    },
    {
      id: '九',
      caption: '第二十条第（九）项',
      header: T2_19_PROC,
      rows: [{ key: 'procurement', label: '政府集中采购', cols: T2_19_PROC }],
    },
  ],
  '2021': [
    {
      id: '一',
      caption: '第二十条第（一）项',
      header: T2_21_DOCS,
      rows: [
        { key: 'regulations', label: '规章', cols: T2_21_DOCS },
        { key: 'normativeDocuments', label: '行政规范性文件', cols: T2_21_DOCS },
      ],
    },
    {
      id: '五',
      caption: '第二十条第（五）项',
      header: T2_21_DECISIONS,
      rows: [{ key: 'licensing', label: '行政许可', cols: T2_21_DECISIONS }],
    },
    {
      id: '六',
      caption: '第二十条第（六）项',
      header: T2_21_DECISIONS,
      rows: [
        { key: 'penalties', label: '行政处罚', cols: T2_21_DECISIONS },
        { key: 'enforcement', label: '行政强制', cols: T2_21_DECISIONS },
      ],
    },
    {
      id: '八',
      caption: '第二十条第（八）项',
      header: T2_21_FEES,
      rows: [{ key: 'fees', label: '行政事业性收费', cols: T2_21_FEES }],
    },
  ],
};

// ---------------------------------------------------------------- T3

export const T3_COLUMNS: readonly ColumnDef[] = [
  c('natural', '自然人'),
  c('commercial', '商业企业'),
  c('research', '科研机构'),
  c('nonprofit', '社会公益组织'),
  c('legal', '法律服务机构'),
  c('other', '其他'),
  c('total', '总计'),
];
/** The six applicant columns (C6 in rules.md). */
export const C6 = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other'] as const;
/** C6 ∪ {total}. */
export const C7 = [...C6, 'total'] as const;

export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
/** Header labels that are not value columns. */
export const T3_HEADER_GROUPS = ['申请人情况', '法人或其他组织'];

export const T3_GROUP_RESULT = '三、本年度办理结果';
export const T3_GROUPS = {
  '3.3': '（三）不予公开',
  '3.4': '（四）无法提供',
  '3.5': '（五）不予处理',
  '3.6': '（六）其他处理',
} as const;

const t3 = (key: string, label: string, group?: string): RowDef => ({ key, label, group, cols: T3_COLUMNS });

const T3_COMMON_HEAD: RowDef[] = [
  t3('1', '一、本年新收政府信息公开申请数量'),
  t3('2', '二、上年结转政府信息公开申请数量'),
  t3('3.1', '（一）予以公开', T3_GROUP_RESULT),
  t3('3.2', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', T3_GROUP_RESULT),
  t3('3.3.1', '1.属于国家秘密', T3_GROUPS['3.3']),
  t3('3.3.2', '2.其他法律行政法规禁止公开', T3_GROUPS['3.3']),
  t3('3.3.3', '3.危及“三安全一稳定”', T3_GROUPS['3.3']),
  t3('3.3.4', '4.保护第三方合法权益', T3_GROUPS['3.3']),
  t3('3.3.5', '5.属于三类内部事务信息', T3_GROUPS['3.3']),
  t3('3.3.6', '6.属于四类过程性信息', T3_GROUPS['3.3']),
  t3('3.3.7', '7.属于行政执法案卷', T3_GROUPS['3.3']),
  t3('3.3.8', '8.属于行政查询事项', T3_GROUPS['3.3']),
  t3('3.4.1', '1.本机关不掌握相关政府信息', T3_GROUPS['3.4']),
  t3('3.4.2', '2.没有现成信息需要另行制作', T3_GROUPS['3.4']),
  t3('3.4.3', '3.补正后申请内容仍不明确', T3_GROUPS['3.4']),
  t3('3.5.1', '1.信访举报投诉类申请', T3_GROUPS['3.5']),
  t3('3.5.2', '2.重复申请', T3_GROUPS['3.5']),
  t3('3.5.3', '3.要求提供公开出版物', T3_GROUPS['3.5']),
  t3('3.5.4', '4.无正当理由大量反复申请', T3_GROUPS['3.5']),
  t3('3.5.5', '5.要求行政机关确认或重新出具已获取信息', T3_GROUPS['3.5']),
];
const T3_COMMON_TAIL: RowDef[] = [t3('3.7', '（七）总计', T3_GROUP_RESULT), t3('4', '四、结转下年度继续办理')];

export const T3_ROWS: Record<Format, readonly RowDef[]> = {
  '2019': [...T3_COMMON_HEAD, t3('3.6', '（六）其他处理', T3_GROUP_RESULT), ...T3_COMMON_TAIL],
  '2021': [
    ...T3_COMMON_HEAD,
    t3('3.6.1', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', T3_GROUPS['3.6']),
    t3('3.6.2', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', T3_GROUPS['3.6']),
    t3('3.6.3', '3.其他', T3_GROUPS['3.6']),
    ...T3_COMMON_TAIL,
  ],
};

/** The T3 result rows (RES in rules.md), in template order. */
export function t3ResultRows(format: Format): string[] {
  return T3_ROWS[format].map((r) => r.key).filter((k) => k.startsWith('3.') && k !== '3.7');
}

// ---------------------------------------------------------------- T4

export const T4_GROUPS = [
  { key: 'review', label: '行政复议' },
  { key: 'directSuit', label: '未经复议直接起诉' },
  { key: 'suitAfterReview', label: '复议后起诉' },
] as const;
export const T4_OUTCOMES = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
] as const;
export const T4_COLUMNS: readonly ColumnDef[] = T4_GROUPS.flatMap((g) =>
  T4_OUTCOMES.map((o) => c(`${g.key}.${o.key}`, o.label)),
);
export const T4_ROW: RowDef = { key: 'cases', label: '', cols: T4_COLUMNS };

// ---------------------------------------------------------------- helpers

export function cellId(table: TableId, row: string, col: string): CellId {
  return `${table}:${row}:${col}`;
}

export function parseCellId(id: CellId): { table: TableId; row: string; col: string } {
  const [table, row, col] = id.split(':') as [TableId, string, string];
  return { table, row, col };
}

/** Every data row of a table in template order. */
export function templateRows(table: TableId, format: Format): readonly RowDef[] {
  if (table === 'T2') return T2_BLOCKS[format].flatMap((b) => b.rows);
  if (table === 'T3') return T3_ROWS[format];
  return [T4_ROW];
}

/** Every canonical cell id of a format, in table and row order. */
export function templateCellIds(format: Format): CellId[] {
  const ids: CellId[] = [];
  for (const table of ['T2', 'T3', 'T4'] as const) {
    for (const row of templateRows(table, format)) for (const col of row.cols) ids.push(cellId(table, row.key, col.key));
  }
  return ids;
}

/** Amount cells: decimals allowed, tolerance ±0.01, units expected (rules.md D). */
export const AMOUNT_CELLS: ReadonlySet<CellId> = new Set(['T2:procurement:amount', 'T2:fees:feeAmount']);

/** Cells where a signed value is legal (T2 2019 本年增/减). */
export function isChangeCell(id: CellId): boolean {
  return /^T2:[^:]+:change$/.test(id);
}

const TABLE_NAMES: Record<TableId, string> = { T2: '表二', T3: '表三', T4: '表四' };

/** The cell in an auditor's words: "表三 （七）总计 / 自然人". */
export function describeCell(id: CellId, format: Format | null = '2021'): string {
  const { table, row, col } = parseCellId(id);
  const fmt: Format = format ?? '2021';
  const name = TABLE_NAMES[table] ?? table;
  if (table === 'T4') {
    const [g, o] = col.split('.');
    const group = T4_GROUPS.find((x) => x.key === g);
    const outcome = T4_OUTCOMES.find((x) => x.key === o);
    const groupLabel = group ? (group.key === 'review' ? '行政复议' : `行政诉讼·${group.label}`) : g;
    return `${name} ${groupLabel} / ${outcome?.label ?? o}`;
  }
  const rows = [...templateRows(table, fmt), ...templateRows(table, fmt === '2019' ? '2021' : '2019')];
  const def = rows.find((r) => r.key === row);
  const colDef = def?.cols.find((x) => x.key === col) ?? rows.flatMap((r) => r.cols).find((x) => x.key === col);
  let rowLabel = def?.label ?? row;
  if (def?.group && def.group !== T3_GROUP_RESULT) rowLabel = `${def.group.slice(0, 3)}${rowLabel}`;
  rowLabel = rowLabel.replace(/（区分处理的.*$/, '');
  return `${name} ${rowLabel} / ${colDef?.label ?? col}`;
}
