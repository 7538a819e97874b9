/**
 * D. Value format (rules.md §D): what a value cell holds, read from the flags that value
 * normalisation (lib/value.ts, report-format.md §11) recorded. Per cell, except the
 * normalisation notices VAL-FULLWIDTH, VAL-WHITESPACE and VAL-THOUSANDS: one per table.
 */
import type { AuditContext, CellId, Format, MappedCell, Rule, RuleFinding, TableId, ValueFlag } from '../types';
import { AMOUNT_CELLS, describeCell, isChangeCell, templateCellIds } from '../template';
import { defineRule, fmt } from './define';

const BOTH = ['2019', '2021'] as const;
const TABLE_NAMES: Record<TableId, string> = { T2: '表二', T3: '表三', T4: '表四' };

const orderMemo = new Map<Format, Map<CellId, number>>();
/** Position of each template cell id, per format. */
function templateOrder(format: Format): Map<CellId, number> {
  let order = orderMemo.get(format);
  if (!order) {
    order = new Map();
    templateCellIds(format).forEach((id, i) => order!.set(id, i));
    orderMemo.set(format, order);
  }
  return order;
}

/** orderedCells per cell map and format: every VAL rule asks for the same list. */
const orderedMemo = new WeakMap<Map<CellId, MappedCell>, { format: Format; cells: readonly MappedCell[] }>();

/**
 * The page's cells in template order (then any others in page order). Memoised per
 * `ctx.cells` (the mapping's map, not changed once the rules run) and format; the list is
 * shared, read-only.
 */
export function orderedCells(ctx: AuditContext): readonly MappedCell[] {
  const format: Format = ctx.format ?? '2021';
  const hit = orderedMemo.get(ctx.cells);
  if (hit && hit.format === format) return hit.cells;
  const order = templateOrder(format);
  const cells = [...ctx.cells.values()]
    .map((c, i) => ({ c, k: order.get(c.id) ?? 100_000 + i }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c);
  orderedMemo.set(ctx.cells, { format, cells });
  return cells;
}

const has = (c: MappedCell, f: ValueFlag) => c.flags.includes(f);
const shown = (raw: string) => JSON.stringify(raw.length > 40 ? raw.slice(0, 40) + '…' : raw);

/** One finding per affected cell. */
function perCell(ctx: AuditContext, pick: (c: MappedCell) => RuleFinding | null): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const c of orderedCells(ctx)) {
    const f = pick(c);
    if (f) out.push(f);
  }
  return out;
}

/** One finding per table listing every affected cell. */
function perTable(ctx: AuditContext, flag: ValueFlag, what: string): RuleFinding[] {
  const byTable = new Map<TableId, CellId[]>();
  for (const c of orderedCells(ctx)) {
    if (!has(c, flag)) continue;
    const list = byTable.get(c.table) ?? [];
    list.push(c.id);
    byTable.set(c.table, list);
  }
  return [...byTable].map(([table, cells]) => ({
    cells,
    message: `${TABLE_NAMES[table]}有 ${cells.length} 个数值单元格${what}（首个：${describeCell(cells[0]!, ctx.format)}）；已按数值读取`,
  }));
}

const valBlank = defineRule(
  {
    id: 'VAL-BLANK',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '单元格空白', en: 'Blank cell' },
    description: {
      zh: '数值单元格为空（含仅有空格或 &nbsp; 的单元格）；模板要求填写数字，没有发生也应填 0。空白按缺失处理，不当作 0 参与求和。',
      en: 'A value cell is blank (empty, spaces or &nbsp; only); the template expects a number, 0 included. A blank is a missing value, never read as 0 in sums.',
    },
  },
  (ctx) =>
    perCell(ctx, (c) =>
      has(c, 'blank')
        ? { severity: ctx.settings.strictBlanks ? 'error' : 'warning', cells: [c.id], message: `${describeCell(c.id, ctx.format)} 为空白，应填写数字（无则填 0）` }
        : null,
    ),
);

const valPlaceholder = defineRule(
  {
    id: 'VAL-PLACEHOLDER-SYMBOL',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '单元格填写占位符号', en: 'Placeholder instead of a number' },
    description: {
      zh: '单元格填写“/”“-”“—”“×”“无”等占位符号而非数字；按缺失处理。',
      en: 'The cell holds a placeholder (`/`, `-`, `—`, `×`, `无` …) instead of a number; treated as missing.',
    },
  },
  (ctx) =>
    perCell(ctx, (c) =>
      has(c, 'placeholder') ? { cells: [c.id], message: `${describeCell(c.id, ctx.format)} 填写了占位符号 ${shown(c.raw.trim())}，应填写数字（无则填 0）` } : null,
    ),
);

const valText = defineRule(
  {
    id: 'VAL-TEXT',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '单元格含非数字内容', en: 'Non-numeric content in a value cell' },
    description: {
      zh: '单元格内容不是数字，如“暂无”“不涉及”“见附件”“若干”“约30”“30余”或中文数字；按缺失处理。',
      en: 'The cell holds text that is not a number (`暂无`, `不涉及`, `见附件`, `若干`, `约30`, `30余`, Chinese numerals); treated as missing.',
    },
  },
  (ctx) => perCell(ctx, (c) => (has(c, 'text') ? { cells: [c.id], message: `${describeCell(c.id, ctx.format)} 内容为 ${shown(c.raw.trim())}，不是数字` } : null)),
);

const valNegative = defineRule(
  {
    id: 'VAL-NEGATIVE',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '负数', en: 'Negative value' },
    description: {
      zh: '数量或金额为负数。2019年版表二“本年增/减”列可以为负，不在此列。',
      en: 'A count or amount is negative. The 2019 format’s T2 本年增/减 (change) column may be negative and is exempt.',
    },
  },
  (ctx) =>
    perCell(ctx, (c) =>
      c.value !== null && c.value < 0 && !isChangeCell(c.id)
        ? { cells: [c.id], actual: c.value, message: `${describeCell(c.id, ctx.format)} 为负数 ${fmt(c.value)}` }
        : null,
    ),
);

const valDecimal = defineRule(
  {
    id: 'VAL-DECIMAL',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '件数为小数', en: 'Decimal in a count cell' },
    description: {
      zh: '计数单元格出现小数；采购总金额、收费金额等金额单元格除外。',
      en: 'A count cell holds a non-integer; the amount cells (procurement amount, fee amount) are exempt.',
    },
  },
  (ctx) =>
    perCell(ctx, (c) =>
      c.value !== null && !Number.isInteger(c.value) && !AMOUNT_CELLS.has(c.id)
        ? { cells: [c.id], actual: c.value, message: `${describeCell(c.id, ctx.format)} 为小数 ${fmt(c.value)}，件数应为整数` }
        : null,
    ),
);

const valFullwidth = defineRule(
  {
    id: 'VAL-FULLWIDTH',
    severity: 'info',
    formats: BOTH,
    tier: 'core',
    title: { zh: '全角数字', en: 'Full-width digits' },
    description: {
      zh: '数值单元格使用全角数字或全角符号（０–９、＋、－、．）；已按半角读取。每张表一条。',
      en: 'Value cells use full-width digits or signs (０–９, ＋, －, ．); read as ASCII. One finding per table.',
    },
  },
  (ctx) => perTable(ctx, 'fullwidth', '使用全角数字或符号'),
);

const valWhitespace = defineRule(
  {
    id: 'VAL-WHITESPACE',
    severity: 'info',
    formats: BOTH,
    tier: 'core',
    title: { zh: '数字前后有空格', en: 'Number padded with spaces' },
    description: {
      zh: '数字前后有空格、不间断空格（&nbsp;）或全角空格；已去除后读取，不是空白单元格。每张表一条。',
      en: 'A number is padded with spaces, NBSP or U+3000; read after trimming (not a blank cell). One finding per table.',
    },
  },
  (ctx) => perTable(ctx, 'whitespace', '数字前后有空格'),
);

const valThousands = defineRule(
  {
    id: 'VAL-THOUSANDS',
    severity: 'info',
    formats: BOTH,
    tier: 'core',
    title: { zh: '千分位分隔符', en: 'Thousands separators' },
    description: {
      zh: '数字含千分位分隔符（1,234、1，234、1 234）；已去除后读取。每张表一条。',
      en: 'A number uses thousands separators (`1,234`, `1，234`, `1 234`); read without them. One finding per table.',
    },
  },
  (ctx) => perTable(ctx, 'thousands', '使用千分位分隔符'),
);

const valUnit = defineRule(
  {
    id: 'VAL-UNIT-IN-CELL',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '单元格内带单位', en: 'Unit inside the cell' },
    description: {
      zh: '单元格数字后带单位（万元、元、件、项、个、条、次）；已去除单位读取。金额单元格为提示，计数单元格为警告。',
      en: 'A unit follows the number (`万元`, `元`, `件`, `项`, `个`, `条`, `次`); read without it. Info for amount cells, warning for count cells.',
    },
  },
  (ctx) =>
    perCell(ctx, (c) =>
      has(c, 'unit')
        ? {
            severity: AMOUNT_CELLS.has(c.id) ? 'info' : 'warning',
            cells: [c.id],
            message: `${describeCell(c.id, ctx.format)} 写有单位“${c.unit ?? ''}”（${shown(c.raw.trim())}），按 ${fmt(c.value ?? 0)} 读取`,
          }
        : null,
    ),
);

/** Whether a header text names a unit of money. */
const MONEY_UNIT = /元/;

const valAmountUnit = defineRule(
  {
    id: 'VAL-AMOUNT-UNIT',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '金额单位不明或有误', en: 'Amount unit unknown or wrong' },
    description: {
      zh: '2019年版：采购总金额大于 0，但单元格和表头都未写单位。2021年版：表头已定为“万元”，收费金额却写“元”；乡镇报告收费金额达到阈值（默认 1000 万元）时，疑似把“元”填在“万元”栏。',
      en: '2019: procurement amount > 0 with no unit in the cell or its header. 2021: the fee amount is written in 元 although the header fixes 万元; for a township, a fee amount at or above the threshold (default 1000 万元) suggests 元 entered under 万元.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    const t2 = ctx.tables.T2;
    if (ctx.format === '2019') {
      const c = ctx.cells.get('T2:procurement:amount');
      const header = t2.headerTexts['amount'] ?? '';
      if (c && c.value !== null && c.value > 0 && !c.unit && !MONEY_UNIT.test(header)) {
        out.push({ cells: [c.id], actual: c.value, message: `采购总金额 ${fmt(c.value)} 未注明单位（元或万元），单元格和表头都没有单位` });
      }
    } else if (ctx.format === '2021') {
      const c = ctx.cells.get('T2:fees:feeAmount');
      if (c && c.value !== null) {
        if (c.unit === '元') {
          out.push({ cells: [c.id], actual: c.value, message: `收费金额写为 ${shown(c.raw.trim())}，但表头单位为万元` });
        } else if (ctx.detection.entityType === 'township' && c.value >= ctx.settings.townshipFeeThreshold) {
          out.push({
            cells: [c.id],
            actual: c.value,
            message: `乡镇收费金额为 ${fmt(c.value)} 万元（≥ ${fmt(ctx.settings.townshipFeeThreshold)} 万元），疑似以“元”填入“万元”栏`,
          });
        }
      }
    }
    return out;
  },
);

const valSignedDelta = defineRule(
  {
    id: 'VAL-SIGNED-DELTA',
    severity: 'info',
    formats: ['2019'],
    tier: 'core',
    title: { zh: '增减用文字表示', en: 'Change written with words' },
    description: {
      zh: '2019年版表二“本年增/减”写成“增3”“减2”“增加3”“减少2”；已读作 +3、−2。直接写 +n / -n 符合要求，不提示。',
      en: '2019 T2 本年增/减 written with words (`增3`, `减2`, `增加3`, `减少2`); read as ±n. Plain `+n`/`-n` is fine.',
    },
  },
  (ctx) =>
    perCell(ctx, (c) =>
      isChangeCell(c.id) && has(c, 'signedWord') && c.value !== null
        ? { cells: [c.id], actual: c.value, message: `${describeCell(c.id, ctx.format)} 写为 ${shown(c.raw.trim())}，按 ${c.value > 0 ? '+' : ''}${fmt(c.value)} 读取` }
        : null,
    ),
);

export const rules: Rule[] = [
  valBlank,
  valPlaceholder,
  valText,
  valNegative,
  valDecimal,
  valFullwidth,
  valWhitespace,
  valThousands,
  valUnit,
  valAmountUnit,
  valSignedDelta,
];
