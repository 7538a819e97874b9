/**
 * Template mapping (report-format.md §10, §12; rules.md design notes 4 and 5): the page's
 * tables, read as one stream of rows in document order, are matched against the template
 * of tables 二/三/四. This joins tables split over several `<table>`s, skips repeated
 * header rows and the 索引号 metadata table, splits fused rows, merges rows broken by a page
 * break, and assigns values by their ordinal position in the row, never by grid column.
 */
import type {
  CellId,
  CellValue,
  ColIssue,
  Format,
  LabelIssue,
  MappedCell,
  PageModel,
  SourceCell,
  TableId,
  TableMapping,
} from './types';
import { BoundedMemo, cellNorm, matchLabel, normaliseLabel, type LabelMatch } from './normalise';
import { normaliseValue } from './value';
import {
  cellId,
  T2_BLOCKS,
  T3_COLUMNS,
  T3_GROUP_RESULT,
  T3_GROUPS,
  T3_ROWS,
  T4_COLUMNS,
  T4_GROUPS,
  T4_OUTCOMES,
  T4_ROW,
  type ColumnDef,
  type RowDef,
  type T2Block,
} from './template';
import { toGrid } from './grid';

export interface MappingResult {
  cells: Map<CellId, MappedCell>;
  tables: Record<TableId, TableMapping>;
}

// ------------------------------------------------------------------ vocabulary

const memo = new Map<string, string>();
/** normaliseLabel, memoised for template vocabulary. */
const N = (s: string): string => {
  let v = memo.get(s);
  if (v === undefined) {
    v = normaliseLabel(s);
    memo.set(s, v);
  }
  return v;
};

const CAPTION_RE = /^第二十条第\(([一五六八九])\)项/;
const META_LABELS = new Set(['索引号', '分类', '组配分类', '发布机构', '发文日期', '成文日期', '文号', '有效性', '主题分类', '发布日期', '公开方式', '公开范围', '生效日期', '废止日期']);
const T3_HEADER_WORDS = new Set(
  ['申请人情况', '法人或其他组织', ...T3_COLUMNS.map((c) => c.label)].map(N),
);
const T4_HEADER_WORDS = new Set(
  ['行政复议', '行政诉讼', ...T4_GROUPS.map((g) => g.label), ...T4_OUTCOMES.map((o) => o.label)].map(N),
);
const T4_ONLY_WORDS = new Set(['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结'].map(N));
const NOTE_KEY = '勾稽关系';
const DEBRIS = /^[-—_=|:：.·*~]+$/;
/** Non-numeric texts seen in value cells (VAL-TEXT) that must not be read as labels. */
const VALUE_TEXT = /^(暂无|不涉及|见附件|若干|无|未发生|空|约\d.*|\d+余.*|[零〇一二三四五六七八九十百两]{1,3})$/;
/** A value cell starts with a digit (possibly signed, full-width, padded) or is a placeholder. */
const VALUE_START =
  /^[\s\u00a0\u3000]*[+\-＋－−]?[\s\u00a0\u3000]*[0-9０-９][0-9０-９,，.．\s\u00a0\u3000]*(亿元|万元|元|人次|件|项|个|条|次|宗)?[\s\u00a0\u3000]*$/;
const PLACEHOLDER = /^[\s\u00a0\u3000]*([/／\\\-－—―−×*]+|无)[\s\u00a0\u3000]*$/;

const GROUP_NUMERAL: Record<string, keyof typeof T3_GROUPS> = { 三: '3.3', 四: '3.4', 五: '3.5', 六: '3.6' };

// ------------------------------------------------------------------ rows

interface Cell {
  src: SourceCell;
  /** Normalised label text, computed lazily. */
  norm: string;
}

interface Row {
  part: number;
  /** Index of the source row in its table. */
  rowIndex: number;
  cells: Cell[];
}

interface Split {
  labels: string[];
  values: SourceCell[];
}

function isValueLike(c: Cell): boolean {
  const t = c.src.text;
  return VALUE_START.test(t) || PLACEHOLDER.test(t) || VALUE_TEXT.test(c.norm);
}

/** Labels = non-empty cells up to the last label before the first value; values = the rest. */
function splitRow(row: Row): Split {
  let firstValue = row.cells.length;
  for (let i = 0; i < row.cells.length; i++) {
    const c = row.cells[i]!;
    if (c.norm !== '' && isValueLike(c)) {
      firstValue = i;
      break;
    }
  }
  let last = -1;
  for (let i = 0; i < firstValue; i++) if (row.cells[i]!.norm !== '') last = i;
  const labels: string[] = [];
  for (let i = 0; i <= last; i++) if (row.cells[i]!.norm !== '') labels.push(row.cells[i]!.norm);
  return { labels, values: row.cells.slice(last + 1).map((c) => c.src) };
}

const isEmpty = (c: SourceCell) => cellNorm(c) === '';

/** Drop empty surplus cells, right end first, then left (rules.md TPL-CELL-COUNT). */
function trimValues(values: SourceCell[], expected: number): SourceCell[] {
  const v = values.slice();
  while (v.length > expected && isEmpty(v[v.length - 1]!)) v.pop();
  while (v.length > expected && isEmpty(v[0]!)) v.shift();
  return v;
}

// ------------------------------------------------------------------ matching

interface Best {
  def: RowDef;
  match: LabelMatch;
  found: string;
}

function rank(m: LabelMatch): number {
  if (m.kind === 'exact') return 0;
  if (m.kind === 'whitelist') return 1;
  if (m.kind === 'fuzzy') return 2 + m.distance;
  return 99;
}

/** Per list of row definitions (module constants, see rowLists): label → best match. */
const bestMemo = new WeakMap<readonly RowDef[], BoundedMemo<Best | null>>();

/** The row definition whose label matches `found` best; memoised per (defs, found) — the results are shared, read-only. */
function bestMatch(found: string, defs: readonly RowDef[]): Best | null {
  let memo = bestMemo.get(defs);
  if (!memo) bestMemo.set(defs, (memo = new BoundedMemo(5_000)));
  const hit = memo.get(found);
  if (hit !== undefined) return hit;
  let best: Best | null = null;
  for (const def of defs) {
    const m = matchLabel(found, N(def.label));
    if (m.kind === 'none') continue;
    if (!best || rank(m) < rank(best.match)) best = { def, match: m, found };
  }
  return memo.set(found, best);
}

interface RowLists {
  t2Rows: readonly RowDef[];
  t3Rows: readonly RowDef[];
  t3TopRows: readonly RowDef[];
  t3Items: Record<keyof typeof T3_GROUPS, readonly RowDef[]>;
}

const rowListMemo = new Map<Format, RowLists>();
/** The row definitions the mapper matches against, built once per format (stable arrays: the memo keys of bestMatch). */
function rowLists(format: Format): RowLists {
  let lists = rowListMemo.get(format);
  if (!lists) {
    const t3Rows = T3_ROWS[format];
    const items = (g: keyof typeof T3_GROUPS) => t3Rows.filter((r) => r.group === T3_GROUPS[g]);
    lists = {
      t2Rows: T2_BLOCKS[format].flatMap((b) => b.rows),
      t3Rows,
      t3TopRows: t3Rows.filter((r) => !r.group || r.group === T3_GROUP_RESULT),
      t3Items: { '3.3': items('3.3'), '3.4': items('3.4'), '3.5': items('3.5'), '3.6': items('3.6') },
    };
    rowListMemo.set(format, lists);
  }
  return lists;
}

/** T3 group of a label: `（三）不予公开`, or its bare numeral `(三)` (page-break split). */
function t3Group(label: string): keyof typeof T3_GROUPS | 'result' | null {
  if (matchLabel(label, N(T3_GROUP_RESULT)).kind !== 'none' || /^三、本/.test(label)) return 'result';
  for (const [key, text] of Object.entries(T3_GROUPS) as [keyof typeof T3_GROUPS, string][]) {
    const m = matchLabel(label, N(text));
    if (m.kind === 'exact' || m.kind === 'whitelist' || (m.kind === 'fuzzy' && m.distance <= 1)) return key;
  }
  const bare = /^\(([三四五六])\)/.exec(label);
  if (bare && label.length <= 8) return GROUP_NUMERAL[bare[1]!] ?? null;
  return null;
}

// ------------------------------------------------------------------ state

function emptyMapping(table: TableId): TableMapping {
  return {
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
  };
}

class Mapper {
  readonly cells = new Map<CellId, MappedCell>();
  readonly tables: Record<TableId, TableMapping> = { T2: emptyMapping('T2'), T3: emptyMapping('T3'), T4: emptyMapping('T4') };
  private ctx: TableId | null = null;
  private t2Block: T2Block | null = null;
  private readonly t2Captions = new Set<string>();
  private readonly t2Headers = new Set<string>();
  /** Rows seen (mapped, short of cells, or empty of values), per table. */
  private readonly seen: Record<TableId, Set<string>> = { T2: new Set(), T3: new Set(), T4: new Set() };
  private t3Group: keyof typeof T3_GROUPS | null = null;
  private t3HeaderLabels: string[] = [];
  private t3HeaderRows: { part: number; row: number }[] = [];
  private t3DataSeen = false;
  private t4HeaderLabels: string[] = [];
  private readonly t2Rows: readonly RowDef[];
  private readonly t3Rows: readonly RowDef[];
  private readonly t3TopRows: readonly RowDef[];
  private readonly t3Items: Record<keyof typeof T3_GROUPS, readonly RowDef[]>;

  constructor(
    private readonly page: PageModel,
    private readonly format: Format,
  ) {
    ({ t2Rows: this.t2Rows, t3Rows: this.t3Rows, t3TopRows: this.t3TopRows, t3Items: this.t3Items } = rowLists(format));
  }

  private use(table: TableId, part: number): void {
    const m = this.tables[table];
    m.found = true;
    if (!m.parts.includes(part)) m.parts.push(part);
    this.ctx = table;
  }

  // ---------------------------------------------------------------- value assignment

  private assign(table: TableId, def: RowDef, values: SourceCell[], label: string, part: number): boolean {
    this.use(table, part);
    if (this.seen[table].has(def.key)) return false; // repeated row (e.g. a split table repeating rows): first wins
    this.seen[table].add(def.key);
    const expected = def.cols.length;
    let vals = trimValues(values, expected);
    if (vals.length === 0) {
      this.tables[table].missingRows.push({ table, row: def.key, label: def.label, kind: 'data', present: true });
      return false;
    }
    if (vals.length !== expected) {
      // an extra column announced by the header: drop it by its grid position
      const extraIdx = table === 'T3' ? this.t3ExtraColumnIndex(vals.length) : -1;
      if (extraIdx >= 0) {
        const extra = vals[extraIdx]!;
        this.recordExtraCol(def.key, extra);
        vals = vals.filter((_, i) => i !== extraIdx);
      }
    }
    if (vals.length !== expected) {
      if (vals.every(isEmpty) && vals.length < expected) {
        this.tables[table].missingRows.push({ table, row: def.key, label: def.label, kind: 'data', present: true });
      } else {
        this.tables[table].cellCountIssues.push({ table, row: def.key, label: def.label, found: vals.length, expected });
      }
      return false;
    }
    this.tables[table].rowOrder.push(def.key);
    def.cols.forEach((col: ColumnDef, i: number) => {
      const src = vals[i]!;
      const id = cellId(table, def.key, col.key);
      const v = normaliseValue(src.text);
      const mc: MappedCell = { id, table, row: def.key, col: col.key, ...v };
      if (src.el) mc.el = src.el;
      if (src.box) mc.box = src.box;
      this.cells.set(id, mc);
    });
    return true;
  }

  private labelIssue(table: TableId, def: RowDef, found: string, match: LabelMatch | { kind: 'position' }): void {
    if (match.kind === 'exact' || match.kind === 'none') return;
    const cells = def.cols.map((c) => cellId(table, def.key, c.key));
    const issue: LabelIssue = {
      table,
      row: def.key,
      found,
      expected: N(def.label),
      match: match.kind,
      meaningChanged: match.kind === 'whitelist' ? match.meaningChanged : false,
      cells,
    };
    this.tables[table].labelIssues.push(issue);
  }

  /** Cells listed in label issues must exist on the page: prune after mapping. */
  private pruneIssueCells(): void {
    for (const t of Object.values(this.tables)) {
      for (const li of t.labelIssues) li.cells = li.cells.filter((id) => this.cells.has(id));
      for (const ci of t.colIssues) ci.cells = ci.cells.filter((id) => this.cells.has(id));
    }
  }

  // ---------------------------------------------------------------- T2

  private t2Caption(labels: string[], part: number): boolean {
    for (const l of labels) {
      const m = CAPTION_RE.exec(l);
      if (m) {
        const block = T2_BLOCKS[this.format].find((b) => b.id === m[1]);
        this.use('T2', part);
        this.t2Block = block ?? null;
        if (block) this.t2Captions.add(block.id);
        return true;
      }
    }
    return false;
  }

  private t2Header(labels: string[], part: number): void {
    this.use('T2', part);
    const cols = labels.slice(1);
    // the block this header belongs to: the caption's, else the block whose header fits best
    let block = this.t2Block;
    const fit = (b: T2Block) =>
      b.header.reduce((n, h, i) => n + (cols[i] !== undefined && matchLabel(cols[i]!, N(h.label)).kind !== 'none' ? 1 : 0), 0);
    if (!block || (fit(block) === 0 && cols.length > 0)) {
      let best: T2Block | null = null;
      let bestFit = 0;
      for (const b of T2_BLOCKS[this.format]) {
        if (this.t2Headers.has(b.id)) continue;
        const f = fit(b);
        if (f > bestFit) {
          best = b;
          bestFit = f;
        }
      }
      if (best) block = best;
    }
    if (!block) return;
    this.t2Block = block;
    this.t2Headers.add(block.id);
    const m = this.tables.T2;
    m.headerFound = true;
    block.header.forEach((h, i) => {
      const found = cols[i];
      if (found !== undefined) m.headerTexts[h.key] = found;
      const issue = compareHeader(found, N(h.label));
      if (issue) m.colIssues.push({ table: 'T2', col: h.key, expected: h.label, found: found ?? null, kind: issue, cells: block!.rows.map((r) => cellId('T2', r.key, h.key)) });
    });
  }

  private t2Row(best: Best, values: SourceCell[], part: number): void {
    const block = T2_BLOCKS[this.format].find((b) => b.rows.includes(best.def));
    if (block) this.t2Block = block;
    this.labelIssue('T2', best.def, best.found, best.match);
    this.assign('T2', best.def, values, best.found, part);
  }

  // ---------------------------------------------------------------- T3

  private t3Resolve(labels: string[]): { best: Best | null; position?: RowDef; groupOnly?: string } {
    let group = this.t3Group;
    for (const l of labels.slice(0, -1)) {
      const g = t3Group(l);
      if (g === 'result') group = null;
      else if (g) group = g;
    }
    const last = labels[labels.length - 1]!;
    const lastGroup = t3Group(last);
    // 2019 （六）其他处理 is itself a data row; otherwise a group label carrying values is a subtotal row
    const top = bestMatch(last, this.t3TopRows);
    if (top && top.match.kind === 'exact') {
      this.t3Group = null;
      return { best: top };
    }
    const items = group ? this.t3Items[group] : [];
    const item = items.length ? bestMatch(last, items) : null;
    const best = [top, item].filter((b): b is Best => b !== null).sort((a, b) => rank(a.match) - rank(b.match))[0] ?? null;
    if (best) {
      this.t3Group = best.def.group && best.def.group !== T3_GROUP_RESULT ? group : null;
      return { best };
    }
    if (lastGroup && lastGroup !== 'result') {
      this.t3Group = lastGroup;
      return { best: null, groupOnly: last };
    }
    // position: `N.…` inside a group takes the group's N-th item
    const num = /^(\d)\./.exec(last);
    if (group && num) {
      const def = items[Number(num[1]) - 1];
      if (def) {
        this.t3Group = group;
        return { best: null, position: def };
      }
    }
    this.t3Group = group;
    return { best: null };
  }

  private t3Row(rows: Row[], i: number, split: Split): number {
    const row = rows[i]!;
    const saved = this.t3Group;
    let res = this.t3Resolve(split.labels);
    let consumed = 1;
    // a row broken by a page break: the next row holds only the rest of the labels
    if (!res.best || res.best.match.kind !== 'exact') {
      const next = rows[i + 1];
      if (next) {
        const ns = splitRow(next);
        if (ns.labels.length && ns.values.every(isEmpty)) {
          const merged = mergeLabels(split.labels, ns.labels);
          const after = this.t3Group;
          this.t3Group = saved;
          const res2 = this.t3Resolve(merged);
          if (res2.best && (!res.best || rank(res2.best.match) < rank(res.best.match))) {
            res = res2;
            consumed = 2;
          } else {
            this.t3Group = after;
          }
        }
      }
    }
    this.use('T3', row.part);
    if (res.best) {
      this.t3DataSeen = true;
      this.labelIssue('T3', res.best.def, res.best.found, res.best.match);
      this.assign('T3', res.best.def, split.values, res.best.found, row.part);
    } else if (res.position) {
      this.t3DataSeen = true;
      this.labelIssue('T3', res.position, split.labels[split.labels.length - 1]!, { kind: 'position' });
      this.assign('T3', res.position, split.values, split.labels[split.labels.length - 1]!, row.part);
    } else if (split.values.some((v) => !isEmpty(v))) {
      this.recordExtraRow('T3', split.labels.join(''), split.values, T3_COLUMNS);
    }
    return consumed;
  }

  private t3ExtraColumnIndex(found: number): number {
    // leaf header labels in grid order; the one that is no template column is the extra
    if (found !== T3_COLUMNS.length + 1 || this.t3HeaderRows.length === 0) return -1;
    const leaves = this.t3Leaves();
    if (leaves.length !== found) return -1;
    return leaves.findIndex((l) => !isT3Column(l));
  }

  /** Bottom-most header text of each value column of the T3 header, in grid order. */
  private t3Leaves(): string[] {
    const first = this.t3HeaderRows[0]!;
    const table = this.page.tables[first.part];
    if (!table) return [];
    const rows = this.t3HeaderRows.filter((r) => r.part === first.part).map((r) => r.row);
    const grid = toGrid({ rows: table.rows.slice(rows[0]!, rows[rows.length - 1]! + 1) });
    const leaves: string[] = [];
    for (let c = 0; c < grid.width; c++) {
      let text = '';
      for (let r = grid.slots.length - 1; r >= 0; r--) {
        const s = grid.slots[r]![c];
        if (!s) continue;
        const t = cellNorm(table.rows[rows[0]! + s.row]!.cells[s.cell]!);
        if (t) {
          text = t;
          break;
        }
      }
      if (text && !text.includes(NOTE_KEY) && leaves[leaves.length - 1] !== text) leaves.push(text);
    }
    return leaves;
  }

  private recordExtraCol(rowKey: string, cell: SourceCell): void {
    const leaves = this.t3Leaves();
    const label = leaves.find((l) => !isT3Column(l)) ?? '';
    const t = this.tables.T3;
    let extra = t.extras.find((e) => e.kind === 'col' && e.label === label);
    if (!extra) {
      extra = { table: 'T3', kind: 'col', label, values: {} };
      t.extras.push(extra);
    }
    extra.values[rowKey] = normaliseValue(cell.text);
  }

  private recordExtraRow(table: TableId, label: string, values: SourceCell[], cols: readonly ColumnDef[]): void {
    const vals = trimValues(values, cols.length);
    const rec: Record<string, CellValue> = {};
    cols.forEach((c, i) => {
      const v = vals[i];
      if (v) rec[c.key] = normaliseValue(v.text);
    });
    this.tables[table].extras.push({ table, kind: 'row', label, values: rec });
  }

  private t3HeaderRow(labels: string[], part: number, rowIndex: number): void {
    this.use('T3', part);
    this.tables.T3.headerFound = true;
    this.t3HeaderRows.push({ part, row: rowIndex });
    for (const l of labels) {
      if (l.includes(NOTE_KEY)) {
        if (this.tables.T3.note === null) this.tables.T3.note = l;
      } else this.t3HeaderLabels.push(l);
    }
  }

  private t3Columns(): void {
    const m = this.tables.T3;
    if (!m.headerFound) return;
    const firstRow = m.rowOrder[0] ?? '1';
    const used = new Set<number>();
    const found = this.t3HeaderLabels;
    for (const col of T3_COLUMNS) {
      const exp = N(col.label);
      let idx = found.findIndex((f, i) => !used.has(i) && f === exp);
      let kind: ColIssue['kind'] | null = null;
      if (idx < 0) {
        idx = found.findIndex((f, i) => !used.has(i) && f.length >= 2 && exp.startsWith(f) && !T3_HEADER_WORDS.has(f));
        if (idx >= 0) kind = 'truncated';
      }
      if (idx < 0) {
        idx = found.findIndex((f, i) => !used.has(i) && !T3_HEADER_WORDS.has(f) && compareHeader(f, exp) !== 'different' && matchLabel(f, exp).kind !== 'none');
        if (idx >= 0) kind = 'different';
      }
      if (idx < 0 && col.key !== 'total') {
        // a variant with an addition: 其他(个人) …
        idx = found.findIndex((f, i) => !used.has(i) && f.startsWith(exp) && /^\(.*\)$/.test(f.slice(exp.length)));
        if (idx >= 0) kind = 'variant';
      }
      if (idx >= 0) used.add(idx);
      else kind = 'missing';
      if (kind) m.colIssues.push({ table: 'T3', col: col.key, expected: col.label, found: idx >= 0 ? found[idx]! : null, kind, cells: [cellId('T3', firstRow, col.key)] });
    }
    found.forEach((f, i) => {
      if (used.has(i) || T3_HEADER_WORDS.has(f)) return;
      if (!m.extras.some((e) => e.kind === 'col' && e.label === f)) m.extras.push({ table: 'T3', kind: 'col', label: f, values: {} });
    });
  }

  // ---------------------------------------------------------------- T4

  private t4Header(labels: string[], part: number): void {
    this.use('T4', part);
    this.tables.T4.headerFound = true;
    this.t4HeaderLabels.push(...labels);
  }

  private t4Columns(): void {
    const m = this.tables.T4;
    if (!m.headerFound) return;
    const labels = this.t4HeaderLabels;
    for (const g of T4_GROUPS) {
      if (!labels.includes(N(g.label))) {
        m.colIssues.push({ table: 'T4', col: `${g.key}.total`, expected: g.label, found: null, kind: 'missing', cells: [cellId('T4', 'cases', `${g.key}.total`)] });
      }
    }
    for (const o of T4_OUTCOMES) {
      const n = labels.filter((l) => l === N(o.label)).length;
      // missing outcome headers are attributed to the last groups
      for (let k = n; k < T4_GROUPS.length; k++) {
        const g = T4_GROUPS[T4_GROUPS.length - 1 - (k - n)]!;
        m.colIssues.push({ table: 'T4', col: `${g.key}.${o.key}`, expected: o.label, found: null, kind: 'missing', cells: [cellId('T4', 'cases', `${g.key}.${o.key}`)] });
      }
    }
  }

  // ---------------------------------------------------------------- driver

  run(): MappingResult {
    const rows = this.rows();
    for (let i = 0; i < rows.length; ) i += this.step(rows, i);
    this.finish();
    return { cells: this.cells, tables: this.tables };
  }

  /** Rows of the candidate tables (those carrying any template label), fused rows split. */
  private rows(): Row[] {
    const out: Row[] = [];
    this.page.tables.forEach((table, part) => {
      const rows: Row[] = table.rows.map((r, rowIndex) => ({
        part,
        rowIndex,
        cells: r.cells.map((src) => ({ src, norm: cellNorm(src) })),
      }));
      if (!rows.some((r) => r.cells.some((c) => isTemplateLabel(c.norm, this.t3Rows)))) return;
      if (rows.some((r) => r.cells.some((c) => c.norm === '索引号')) && !rows.some((r) => r.cells.some((c) => c.norm === '信息内容' || c.norm.includes(NOTE_KEY)))) return;
      for (const r of rows) out.push(...splitFused(r, this.t3Rows));
    });
    return out;
  }

  private step(rows: Row[], i: number): number {
    const row = rows[i]!;
    const nonEmpty = row.cells.filter((c) => c.norm !== '');
    if (nonEmpty.length === 0) return 1;
    if (nonEmpty.every((c) => DEBRIS.test(c.norm))) {
      if (this.ctx) this.tables[this.ctx].artifacts.push(nonEmpty.map((c) => c.src.text).join(' | '));
      return 1;
    }
    const split = splitRow(row);
    const { labels, values } = split;
    if (labels.length === 0) {
      const vals = trimValues(values, T4_COLUMNS.length);
      if (vals.length === T4_COLUMNS.length && (this.ctx === 'T4' || this.tables.T4.headerFound)) {
        this.assign('T4', T4_ROW, values, '', row.part);
      }
      return 1;
    }
    if (META_LABELS.has(labels[0]!)) return 1;
    if (this.t2Caption(labels, row.part)) return 1;
    if (labels[0] === '信息内容') {
      this.t2Header(labels, row.part);
      return 1;
    }
    if (labels.some((l) => l.includes(NOTE_KEY))) {
      this.t3HeaderRow(labels, row.part, row.rowIndex);
      return 1;
    }
    // header rows of T3 / T4
    const valuesEmpty = values.every(isEmpty);
    if (valuesEmpty && labels.every((l) => T4_HEADER_WORDS.has(l)) && labels.some((l) => T4_ONLY_WORDS.has(l))) {
      this.t4Header(labels, row.part);
      return 1;
    }
    if (valuesEmpty && this.ctx === 'T4' && labels.every((l) => T4_HEADER_WORDS.has(l))) {
      this.t4Header(labels, row.part);
      return 1;
    }
    if (valuesEmpty && labels.every((l) => T3_HEADER_WORDS.has(l)) && (this.ctx !== 'T4' || labels.some((l) => !T4_HEADER_WORDS.has(l)))) {
      this.t3HeaderRow(labels, row.part, row.rowIndex);
      return 1;
    }
    // data rows: T3 labels are long and distinctive, T2 labels short
    const last = labels[labels.length - 1]!;
    const t3Top = bestMatch(last, this.t3Rows);
    const t2 = bestMatch(last, this.t2Rows);
    const inT3 = this.ctx === 'T3';
    if (t2 && (!t3Top || rank(t2.match) < rank(t3Top.match)) && !(inT3 && t2.match.kind !== 'exact')) {
      this.t2Row(t2, values, row.part);
      return 1;
    }
    if (inT3 || t3Top || labels.some((l) => t3Group(l) !== null)) {
      if (inT3 && !this.t3DataSeen && valuesEmpty && !t3Top && !labels.some((l) => t3Group(l) !== null)) {
        // still in the header: a header cell that is no template word (truncated, misspelt)
        this.t3HeaderRow(labels, row.part, row.rowIndex);
        return 1;
      }
      return this.t3Row(rows, i, split);
    }
    if (this.ctx === 'T2' && values.some((v) => !isEmpty(v)) && this.t2Block) {
      this.recordExtraRow('T2', labels.join(''), values, this.t2Block.rows[0]!.cols);
    }
    return 1;
  }

  private finish(): void {
    this.t3Columns();
    this.t4Columns();
    // T2 blocks, rows, captions and headers
    const t2 = this.tables.T2;
    if (t2.found) {
      for (const block of T2_BLOCKS[this.format]) {
        const anyRow = block.rows.some((r) => this.seen.T2.has(r.key));
        if (!anyRow) {
          t2.missingBlocks.push(block.id);
          continue;
        }
        if (!this.t2Captions.has(block.id)) t2.missingRows.push({ table: 'T2', row: `caption:${block.id}`, label: block.caption, kind: 'caption', present: false });
        if (!this.t2Headers.has(block.id)) t2.missingRows.push({ table: 'T2', row: `header:${block.id}`, label: '信息内容', kind: 'header', present: false });
        for (const r of block.rows) {
          if (!this.seen.T2.has(r.key)) t2.missingRows.push({ table: 'T2', row: r.key, label: r.label, kind: 'data', present: false });
        }
      }
    }
    const t3 = this.tables.T3;
    if (t3.found) {
      for (const r of this.t3Rows) {
        if (!this.seen.T3.has(r.key)) t3.missingRows.push({ table: 'T3', row: r.key, label: r.label, kind: 'data', present: false });
      }
    }
    const t4 = this.tables.T4;
    if (t4.found && !this.seen.T4.has('cases')) t4.missingRows.push({ table: 'T4', row: 'cases', label: '', kind: 'data', present: false });
    this.pruneIssueCells();
  }
}

/** Compare a found header with the template's: null when it matches. */
function compareHeader(found: string | undefined, expected: string): ColIssue['kind'] | null {
  if (found === undefined || found === '') return 'missing';
  if (found === expected) return null;
  if (found.startsWith(expected) && /^\(.*\)$/.test(found.slice(expected.length))) return 'variant';
  if (found.length >= 2 && expected.startsWith(found)) return 'truncated';
  const m = matchLabel(found, expected);
  if (m.kind === 'whitelist') return 'variant';
  return 'different';
}

/** A T3 header leaf that is a template column (exactly, or cut short). */
function isT3Column(leaf: string): boolean {
  return T3_COLUMNS.some((c) => {
    const label = N(c.label);
    return leaf === label || (leaf.length >= 2 && label.startsWith(leaf)) || matchLabel(leaf, label).kind === 'whitelist';
  });
}

function mergeLabels(a: string[], b: string[]): string[] {
  if (a.length === b.length) return a.map((x, i) => x + b[i]);
  const out = a.slice();
  out[out.length - 1] += b.join('');
  return out;
}

const T2_VOCAB = ['第二十条', '信息内容'];

/**
 * A signature that makes a table a candidate: T2 captions and headers, the T3 note and
 * header, T3 top-level rows, T4 headers. T2 row labels alone (规章, 行政许可) are too common
 * in news and budget tables to count.
 */
function isTemplateLabel(norm: string, t3Rows: readonly RowDef[]): boolean {
  if (!norm || norm.length > 80) return false;
  if (norm.includes(NOTE_KEY) || T2_VOCAB.some((v) => norm.startsWith(v)) || CAPTION_RE.test(norm)) return true;
  if (T4_ONLY_WORDS.has(norm) || norm === '申请人情况') return true;
  return memoised(topRowMemo, t3Rows, norm, () => t3Rows.some((r) => r.key.length === 1 && matchLabel(norm, N(r.label)).kind !== 'none'));
}

/** Per T3 row list: label → whether it matches a top-level row (isTemplateLabel), or a row that starts a fused part (splitFused). */
const topRowMemo = new WeakMap<readonly RowDef[], BoundedMemo<boolean>>();
const fusedStartMemo = new WeakMap<readonly RowDef[], BoundedMemo<boolean>>();

function memoised(memos: WeakMap<readonly RowDef[], BoundedMemo<boolean>>, defs: readonly RowDef[], norm: string, fn: () => boolean): boolean {
  let memo = memos.get(defs);
  if (!memo) memos.set(defs, (memo = new BoundedMemo(5_000)));
  return memo.get(norm) ?? memo.set(norm, fn());
}

/** Split a row where a known T3 top-level row label, a T2 caption or `信息内容` starts after other content. */
function splitFused(row: Row, t3Rows: readonly RowDef[]): Row[] {
  const out: Row[] = [];
  let start = 0;
  for (let i = 1; i < row.cells.length; i++) {
    const n = row.cells[i]!.norm;
    if (!n) continue;
    const starts =
      n === '信息内容' ||
      CAPTION_RE.test(n) ||
      memoised(fusedStartMemo, t3Rows, n, () => t3Rows.some((r) => /^[一二四]、/.test(r.label) && matchLabel(n, N(r.label)).kind !== 'none'));
    if (starts && row.cells.slice(start, i).some((c) => c.norm !== '')) {
      out.push({ part: row.part, rowIndex: row.rowIndex, cells: row.cells.slice(start, i) });
      start = i;
    }
  }
  out.push({ part: row.part, rowIndex: row.rowIndex, cells: row.cells.slice(start) });
  return out;
}

export function mapTables(page: PageModel, format: Format): MappingResult {
  return new Mapper(page, format).run();
}
