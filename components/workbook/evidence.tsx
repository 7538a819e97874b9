/**
 * A stored report's 表二, 表三 and 表四 rebuilt from its evidence: the template's rows and
 * columns (lib/template.ts) with the page's raw text in each cell, the cells a finding flags
 * marked by severity, and the selected finding's cells outlined. Text only, never markup.
 */
import type { Format } from '../../lib/types';
import { T2_BLOCKS, T3_COLUMNS, T3_GROUP_RESULT, T3_ROWS, T4_COLUMNS, T4_GROUPS, T4_OUTCOMES, cellId } from '../../lib/template';
import type { Translate } from './i18n';

type Severity = 'error' | 'warning' | 'info';
export type Evidence = Record<string, { raw: string; value: number | null }>;

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Keys only one format has. */
const ONLY_2021 = /^T2:[^:]+:(issued|repealed|inForce|feeAmount)$|^T3:3\.6\.\d:/;
const ONLY_2019 = /^T2:[^:]+:(newlyMade|newlyPublished|totalPublished|previousCount|change|projects|amount)$|^T3:3\.6:|^T2:(otherServices|procurement):/;

/** The report's format, or the one its cells belong to when the report did not say. */
export function layoutFormat(format: Format | null, cells: Evidence): Format {
  if (format) return format;
  let f2019 = 0;
  let f2021 = 0;
  for (const id of Object.keys(cells)) {
    if (ONLY_2021.test(id)) f2021++;
    else if (ONLY_2019.test(id)) f2019++;
  }
  return f2019 > f2021 ? '2019' : '2021';
}

/** The worst severity of the findings whose first cell each cell is. */
export function flaggedCells(findings: readonly { severity: Severity; cells: readonly string[] }[]): Map<string, Severity> {
  const out = new Map<string, Severity>();
  for (const f of findings) {
    const id = f.cells[0];
    if (!id) continue;
    const had = out.get(id);
    if (!had || RANK[f.severity] > RANK[had]) out.set(id, f.severity);
  }
  return out;
}

export interface EvidenceTablesProps {
  t: Translate;
  format: Format | null;
  cells: Evidence;
  flags: ReadonlyMap<string, Severity>;
  /** The selected finding's cells. */
  active: ReadonlySet<string>;
  /** The first of them. */
  focus: string | null;
  onCell?(id: string): void;
}

export function EvidenceTables(p: EvidenceTablesProps) {
  const fmt = layoutFormat(p.format, p.cells);
  const td = (id: string) => {
    const c = p.cells[id];
    const flag = p.flags.get(id);
    const cls = ['v', flag ? `flag ${flag}` : '', p.active.has(id) ? 'active' : '', id === p.focus ? 'focus' : '', c ? '' : 'missing'].filter(Boolean).join(' ');
    return (
      <td
        key={id}
        class={cls}
        data-cell={id}
        data-severity={flag}
        title={c ? id : `${id} · ${p.t('workbook.notExtracted')}`}
        onClick={flag && p.onCell ? () => p.onCell!(id) : undefined}
      >
        {c?.raw ?? ''}
      </td>
    );
  };

  const t3Rows = T3_ROWS[fmt];
  // rows of the same group (（三）不予公开 …) share a rowspan'd group cell
  const groupSpan = (i: number): number => {
    const g = t3Rows[i]!.group;
    if (!g || g === T3_GROUP_RESULT || (i > 0 && t3Rows[i - 1]!.group === g)) return 0;
    let n = 1;
    while (t3Rows[i + n]?.group === g) n++;
    return n;
  };

  return (
    <div class="evidence" data-testid="evidence-tables" data-format={fmt}>
      <section>
        <h3>{p.t('workbook.table2')}</h3>
        {T2_BLOCKS[fmt].map((b) => (
          <table class="tpl t2" key={b.id} data-block={b.id}>
            <caption>{b.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{p.t('workbook.content')}</th>
                {b.header.map((h) => (
                  <th scope="col" key={h.key}>
                    {h.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  {b.header.map((h) => (r.cols.some((c) => c.key === h.key) ? td(cellId('T2', r.key, h.key)) : <td key={h.key} class="na" />))}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
      <section>
        <h3>{p.t('workbook.table3')}</h3>
        <table class="tpl t3">
          <thead>
            <tr>
              <th scope="col" colSpan={2} rowSpan={2}>
                {p.t('workbook.applicants')}
              </th>
              <th scope="col" rowSpan={2}>
                {T3_COLUMNS[0]!.label}
              </th>
              <th scope="colgroup" colSpan={5}>
                {p.t('workbook.legalPersons')}
              </th>
              <th scope="col" rowSpan={2}>
                {T3_COLUMNS[6]!.label}
              </th>
            </tr>
            <tr>
              {T3_COLUMNS.slice(1, 6).map((c) => (
                <th scope="col" key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t3Rows.map((r, i) => {
              const span = groupSpan(i);
              const grouped = !!r.group && r.group !== T3_GROUP_RESULT;
              return (
                <tr key={r.key} data-row={r.key}>
                  {span > 0 && (
                    <th scope="rowgroup" rowSpan={span} class="group">
                      {r.group}
                    </th>
                  )}
                  <th scope="row" colSpan={grouped ? 1 : 2}>
                    {r.group === T3_GROUP_RESULT && r.key === '3.1' ? `${T3_GROUP_RESULT} ${r.label}` : r.label}
                  </th>
                  {r.cols.map((c) => td(cellId('T3', r.key, c.key)))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section>
        <h3>{p.t('workbook.table4')}</h3>
        <div class="scroll">
          <table class="tpl t4">
            <thead>
              <tr>
                {T4_GROUPS.map((g) => (
                  <th scope="colgroup" colSpan={T4_OUTCOMES.length} key={g.key}>
                    {g.key === 'review' ? g.label : `行政诉讼 · ${g.label}`}
                  </th>
                ))}
              </tr>
              <tr>
                {T4_COLUMNS.map((c) => (
                  <th scope="col" key={c.key}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>{T4_COLUMNS.map((c) => td(cellId('T4', 'cases', c.key)))}</tr>
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
