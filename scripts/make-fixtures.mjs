#!/usr/bin/env node
/**
 * Fixture generator for the acceptance tests.
 *
 *   node scripts/make-fixtures.mjs
 *
 * 1. Reads the five seed text dumps (tests/fixtures/real/00n_*.txt) and writes each seed as a full HTML page
 *    in three real-site markups (tests/fixtures/seeds/<seed>.{word,flat,split}.html):
 *    - word:  Word export / paste (MsoNormalTable, nowrap widths, <p class=MsoNormal><span>…), merged cells rebuilt
 *             as real rowspan/colspan per the template (report-format.md §4–§6), blanks as <p>&nbsp;</p>,
 *             multi-line cells with <br />, labels split over several <span>s, title as a centred bold <p>.
 *    - flat:  a TRS CMS page: one <td> per field exactly as the dump has it (span placeholders become empty
 *             <td></td>), inside <div class="TRS_Editor">, TRS meta tags and an 索引号 metadata table.
 *    - split: T2 as one <table> per block, T3 cut in two <table>s at 三（四） with the header rows repeated,
 *             digits split over <span>s, full-width spaces / NBSP inside labels.
 * 2. Writes mutated copies (tests/fixtures/mutated/<name>.html) of the word markup of seeds 002 and 000 and of
 *    tests/fixtures/real/pingtan-2024.html, one injected defect each, with <name>.expect.json: the findings the
 *    defect must add (and the source findings it must remove), worked out from docs/spec/rules.md.
 *
 * Deliberately independent of lib/ (a fixture generator must not share the parser it tests): the dump reader
 * below follows docs/spec/seed-findings.md §0 on its own. Plain ESM, no dependency. Output is deterministic.
 */
import { readFileSync, writeFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REAL = join(ROOT, 'tests/fixtures/real');
const SEEDS_OUT = join(ROOT, 'tests/fixtures/seeds');
const MUT_OUT = join(ROOT, 'tests/fixtures/mutated');

export const SEEDS = {
  '000': '000_071676f2277229f7.txt',
  '001': '001_7c44bb757eda1ba7.txt',
  '002': '002_99c313048ea6a297.txt',
  '003': '003_eb5fc01c7533c9cc.txt',
  '004': '004_f7f13551a3070eae.txt',
};

// ------------------------------------------------------------------ text helpers

/** HTML-escape text for element content and double-quoted attributes; NBSP is written as &nbsp;. */
export function esc(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\u00a0/g, '&nbsp;');
}

/** Label normalisation as in report-format.md §10 steps 2–3 (NFKC, all whitespace deleted). */
function norm(s) {
  return String(s)
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\u2000-\u200b\ufeff]/g, '');
}

const TITLE_RE = /^(.*?)((?:19|20)\d{2})年(?:度)?(.*?)政[府务]信息公开(?:工作)?(?:的)?年(?:度)?报(?:告)?(?:\([^)]*\))?$/;

/** A value cell's text: empty/whitespace, or a number with optional sign, separators and unit. */
function isValueLike(t) {
  const s = norm(t);
  return s === '' || /^[+-]?\d[\d.,]*(万元|元|件|项)?$/.test(s);
}

const isEmpty = (t) => norm(t) === '';

/** Drop empty surplus cells, right end first, then the left (report-format.md §12.2). */
function trimSurplus(vals, n) {
  const v = [...vals];
  while (v.length > n && isEmpty(v[v.length - 1])) v.pop();
  while (v.length > n && isEmpty(v[0])) v.shift();
  return v;
}

// ------------------------------------------------------------------ template (report-format.md §4–§6)

const T2_19 = {
  一: { rows: ['regulations', 'normativeDocuments'], cols: ['newlyMade', 'newlyPublished', 'totalPublished'] },
  五: { rows: ['licensing', 'otherServices'], cols: ['previousCount', 'change', 'decisions'] },
  六: { rows: ['penalties', 'enforcement'], cols: ['previousCount', 'change', 'decisions'] },
  八: { rows: ['fees'], cols: ['previousCount', 'change'] },
  九: { rows: ['procurement'], cols: ['projects', 'amount'] },
};
const T3_COLS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'];
const T4_COLS = ['review', 'directSuit', 'suitAfterReview'].flatMap((g) =>
  ['upheld', 'corrected', 'other', 'pending', 'total'].map((o) => `${g}.${o}`),
);
const CN_DIGIT = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

// ------------------------------------------------------------------ dump reader (seed-findings.md §0)

/**
 * Text dump → { layout, blocks }. Blocks are { kind: 'para', text } or { kind: 'table', rows }, a row being an
 * array of cells and a cell an array of lines.
 * Layout A: a cell starts a line with a TAB; lines without a TAB continue the current cell; an empty line ends
 * the row; a lone TAB is an empty cell. A line starting with " \t" (seed 003) is a row fused onto the previous
 * one in the dump: the real page had a row break there, so it starts a new row.
 * Layout B: one row per line, cells separated by TABs; empty lines are spacing only.
 */
export function readDump(text) {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const layout = lines.some((l) => /[^\s]\t/.test(l)) ? 'B' : 'A';
  const blocks = [];
  let table = null;
  let row = null;
  const endRow = () => {
    if (row) table.rows.push(row);
    row = null;
  };
  for (const line of lines) {
    if (layout === 'B') {
      if (line.includes('\t')) {
        if (!table) blocks.push((table = { kind: 'table', rows: [] }));
        table.rows.push(line.split('\t').map((c) => [c]));
      } else if (line.trim() !== '') {
        table = null;
        blocks.push({ kind: 'para', text: line });
      }
      continue;
    }
    if (!line.includes('\t') && line.trim() === '') {
      endRow();
      continue;
    }
    const m = /^( ?)\t/.exec(line);
    if (m) {
      if (m[1] === ' ') endRow();
      if (!table) blocks.push((table = { kind: 'table', rows: [] }));
      row ??= [];
      row.push([line.slice(m[0].length)]);
    } else if (row) {
      row[row.length - 1].push(line);
    } else {
      table = null;
      blocks.push({ kind: 'para', text: line });
    }
  }
  endRow();
  return { layout, blocks };
}

// ------------------------------------------------------------------ structure (for the span-rebuilding markups)

const cellText = (c) => c.join('\n');

function tableType(rows) {
  const all = rows.flat().map((c) => norm(cellText(c)));
  if (all.some((t) => t.startsWith('第二十条') || t === '信息内容')) return 'T2';
  if (all.some((t) => t.includes('申请人情况') || t.includes('勾稽关系'))) return 'T3';
  if (all.some((t) => t === '行政复议')) return 'T4';
  throw new Error('unrecognised table: ' + all.slice(0, 5).join(' | '));
}

function inferT2Block(headers) {
  const h = headers.map(norm).join('|');
  if (h.includes('采购项目数量')) return '九';
  if (h.includes('本年新制作数量')) return '一';
  if (h.includes('处理决定数量')) return '五';
  return '八';
}

/** T2 rows → caption / header / data rows with canonical value ids. */
function structT2(rows) {
  const out = [];
  let block = null;
  let rowIdx = 0;
  let captioned = false;
  for (const r of rows) {
    const cells = r.map(cellText);
    const ne = cells.filter((t) => !isEmpty(t));
    const first = norm(ne[0] ?? '');
    if (first.startsWith('第二十条')) {
      block = /\((.)\)/.exec(first)[1];
      rowIdx = 0;
      captioned = true;
      out.push({ kind: 'caption', block, text: ne[0] });
      continue;
    }
    if (first === '信息内容') {
      if (!captioned) {
        block = inferT2Block(ne);
        rowIdx = 0;
      }
      captioned = false;
      out.push({ kind: 'header', block, texts: ne });
      continue;
    }
    captioned = false;
    const def = T2_19[block];
    const key = def.rows[rowIdx++];
    const li = cells.findIndex((t) => !isEmpty(t));
    const vals = trimSurplus(cells.slice(li + 1), def.cols.length);
    out.push({
      kind: 'data',
      block,
      key,
      label: cells[li],
      values: vals.map((text, i) => ({ text, id: `T2:${key}:${def.cols[i]}` })),
    });
  }
  return out;
}

/** The template row key of a T3 row from its label cells ('cont' for a page-break continuation row). */
function t3Key(labels) {
  const item = norm(labels[labels.length - 1] ?? '');
  if (/^一、/.test(item)) return '1';
  if (/^二、/.test(item)) return '2';
  if (/^四、/.test(item)) return '4';
  const grp = /^\((一|二|六|七)\)/.exec(item);
  if (grp) return `3.${CN_DIGIT[grp[1]]}`;
  const it = /^(\d)\./.exec(item);
  if (it) {
    for (const l of labels.slice(0, -1)) {
      const g = /^\((三|四|五)\)/.exec(norm(l));
      if (g) return { group: CN_DIGIT[g[1]], item: it[1] };
    }
    return { group: null, item: it[1] };
  }
  return null;
}

/** T3 rows → { header: rows of texts, data: [{ key, labels, values }] }. */
function structT3(rows) {
  const header = [];
  const data = [];
  let group = null;
  for (const r of rows) {
    const cells = r.map(cellText);
    let last = -1;
    cells.forEach((t, i) => {
      if (!isEmpty(t) && !isValueLike(t)) last = i;
    });
    const labels = cells.slice(0, last + 1).filter((t) => !isEmpty(t));
    let key = t3Key(labels);
    if (data.length === 0 && key !== '1') {
      header.push(cells);
      continue;
    }
    if (key && typeof key === 'object') {
      if (key.group !== null) group = key.group;
      key = `3.${group}.${key.item}`;
    }
    key ??= 'cont';
    const vals = trimSurplus(cells.slice(last + 1), 7);
    data.push({
      key,
      labels,
      values: vals.map((text, i) => ({ text, id: key === 'cont' ? null : `T3:${key}:${T3_COLS[i]}` })),
    });
  }
  return { header, data };
}

/** T4 rows → header rows h1/h2/h3, debris rows and the value row. */
function structT4(rows) {
  return rows.map((r) => {
    const cells = r.map(cellText);
    const ne = cells.filter((t) => !isEmpty(t));
    if (ne.length && ne.every((t) => /^-+$/.test(norm(t)))) return { kind: 'debris', texts: ne };
    if (ne.some((t) => norm(t) === '行政复议')) return { kind: 'h1', texts: ne };
    if (ne.some((t) => norm(t).includes('未经复议直接起诉'))) return { kind: 'h2', texts: ne };
    if (cells.every(isValueLike)) {
      const vals = trimSurplus(cells, 15);
      return { kind: 'values', values: vals.map((text, i) => ({ text, id: `T4:cases:${T4_COLS[i]}` })) };
    }
    return { kind: 'h3', texts: ne };
  });
}

/** Seed → document model shared by the three renderers (and edited by the mutations). */
export function seedModel(id) {
  const text = readFileSync(join(REAL, SEEDS[id]), 'utf8');
  const { layout, blocks } = readDump(text);
  // Title: the first non-empty lines until the title pattern matches (up to 3), joined without separator.
  const titleLines = [];
  let i = 0;
  for (; i < Math.min(3, blocks.length) && blocks[i].kind === 'para'; i++) {
    titleLines.push(blocks[i].text.trim());
    if (TITLE_RE.test(norm(titleLines.join('')))) break;
  }
  if (!TITLE_RE.test(norm(titleLines.join('')))) throw new Error(`seed ${id}: no title`);
  const body = blocks.slice(i + 1).map((b) => {
    if (b.kind === 'para') return b;
    const type = tableType(b.rows);
    const s = type === 'T2' ? structT2(b.rows) : type === 'T3' ? structT3(b.rows) : structT4(b.rows);
    return { kind: 'table', type, raw: b.rows, s };
  });
  const m = TITLE_RE.exec(norm(titleLines.join('')));
  return { id, layout, titleLines, entity: m[1] || m[3], body };
}

const titleOf = (model) => model.titleLines.join('');

// ------------------------------------------------------------------ shared rendering helpers

function attrs(a) {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== null && v !== false && !(typeof v === 'number' && v <= 1 && v > 0))
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(v)}"`))
    .join('');
}

/** Split a piece of label text over several spans (Word runs). */
function runs(line, tag = 'span') {
  const n = line.length;
  if (n <= 2) return `<${tag}>${esc(line)}</${tag}>`;
  const cuts = [0, Math.ceil(n / 3), Math.ceil((2 * n) / 3), n].filter((v, k, a) => k === 0 || v > a[k - 1]);
  const parts = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const p = line.slice(cuts[k], cuts[k + 1]);
    parts.push(/^[\x21-\x7e]+$/.test(p) ? `<span lang="EN-US">${esc(p)}</span>` : `<span style="font-family:宋体">${esc(p)}</span>`);
  }
  return parts.join('');
}

/** Digits of a value split over spans: `23` → `<span>2</span><span>3</span>`. */
function digitSpans(text) {
  if (text.length < 2) return esc(text);
  const parts = [text[0]];
  for (let k = 1; k < text.length; k += 2) parts.push(text.slice(k, k + 2));
  return parts.map((p) => `<span>${esc(p)}</span>`).join('');
}

/** Insert a full-width space (or NBSP) into a label: normalises away (report-format.md §10 step 3). */
function padLabel(text, ch = '\u3000') {
  if (text.includes('\n') || text.length < 2) return text;
  const at = Math.max(1, Math.floor(text.length / 2));
  return text.slice(0, at) + ch + text.slice(at);
}

const isHeading = (t) => /^[一二三四五六七八九十]+、/.test(t.trim()) && t.trim().length <= 40;

// ------------------------------------------------------------------ table layout (shared by word and split)

/**
 * Lays out a structured table as rows of cells { kind: 'label'|'value'|'header', text, rs, cs, attrs, id }.
 * T2 uses a 4-column grid (信息内容 + 3); T3 3 label columns + 7; T4 15 columns.
 * opts.t3Part: undefined (whole T3), or { from, to, carry } to lay out a slice of the data rows of a cut T3.
 */
function layoutT2(rows) {
  const out = [];
  const spread = (n) => (n === 3 ? [1, 1, 1] : n === 2 ? [1, 2] : n === 1 ? [3] : []);
  for (const r of rows) {
    if (r.kind === 'caption') out.push([{ kind: 'header', text: r.text, cs: 4, role: 'caption' }]);
    else if (r.kind === 'header') {
      const [first, ...hs] = r.texts;
      const sp = spread(hs.length);
      out.push([{ kind: 'header', text: first, role: 'infoHeader' }, ...hs.map((t, k) => ({ kind: 'header', text: t, cs: sp[k] ?? 1 }))]);
    } else {
      const sp = spread(r.values.length);
      out.push([
        { kind: 'label', text: r.label, attrs: r.labelAttrs?.[0], role: 't2label' },
        ...r.values.map((v, k) => ({ kind: 'value', text: v.text, id: v.id, cs: sp[k] ?? 1 })),
      ]);
    }
  }
  return out;
}

function layoutT3Header(header) {
  const out = [];
  header.forEach((cells, k) => {
    const ne = cells.filter((t) => !isEmpty(t));
    if (k === 0 && ne.length === 2) out.push([{ kind: 'header', text: ne[0], cs: 3, rs: 3, role: 'note' }, { kind: 'header', text: ne[1], cs: 7 }]);
    else if (k === 1 && ne.length === 3)
      out.push([{ kind: 'header', text: ne[0], rs: 2 }, { kind: 'header', text: ne[1], cs: 5 }, { kind: 'header', text: ne[2], rs: 2 }]);
    else out.push(ne.map((t) => ({ kind: 'header', text: t })));
  });
  return out;
}

const isResult = (key) => key.startsWith('3.') || key === 'cont';

function layoutT3Data(data, { carryFirst = false } = {}) {
  const out = [];
  const resultCount = data.filter((r) => isResult(r.key)).length;
  let bigPlaced = false;
  let covered = 0; // rows still covered by the current sub-group label's rowspan
  data.forEach((r, idx) => {
    const cells = [];
    const la = r.labelAttrs ?? {};
    const item = r.labels[r.labels.length - 1] ?? '';
    if (isResult(r.key) && !bigPlaced) {
      bigPlaced = true;
      if (carryFirst) cells.push({ kind: 'label', text: '', rs: resultCount, role: 'carry' });
      else {
        // The 三、本年度办理结果 label: the label cell before （一） in row 3.1.
        cells.push({ kind: 'label', text: r.labels.length > 1 ? r.labels[0] : '三、本年度办理结果', rs: resultCount, attrs: la[0], role: 'big' });
      }
    }
    const sub = /^3\.(\d)\.(\d)$/.exec(r.key);
    if (['1', '2', '4'].includes(r.key)) {
      cells.push({ kind: 'label', text: item, cs: 3, attrs: la[0], role: 'row' });
    } else if (['3.1', '3.2', '3.6', '3.7'].includes(r.key)) {
      cells.push({ kind: 'label', text: item, cs: 2, attrs: la[r.labels.length - 1], role: 'row' });
    } else if (r.key === 'cont') {
      covered = 0;
      const ls = r.labels.length >= 2 ? r.labels.slice(-2) : ['', ...r.labels];
      cells.push({ kind: 'label', text: ls[0] }, { kind: 'label', text: ls[1] });
    } else if (sub) {
      const groupLabel = r.labels.length >= 2 ? r.labels[r.labels.length - 2] : null;
      const startsGroup = groupLabel !== null && /^\((三|四|五)\)/.test(norm(groupLabel));
      if (startsGroup) {
        let n = 1;
        while (idx + n < data.length && data[idx + n].key.startsWith(`3.${sub[1]}.`)) n++;
        cells.push({ kind: 'label', text: groupLabel, rs: n, role: 'group' });
        covered = n - 1;
      } else if (covered > 0) {
        covered--;
      } else {
        cells.push({ kind: 'label', text: '' });
      }
      cells.push({ kind: 'label', text: item, attrs: la[r.labels.length - 1], role: 'item' });
    }
    for (const v of r.values) cells.push({ kind: 'value', text: v.text, id: v.id });
    out.push(cells);
  });
  return out;
}

function layoutT4(rows) {
  return rows.map((r) => {
    if (r.kind === 'h1' || r.kind === 'debris')
      return r.texts.map((t, k) => ({ kind: 'header', text: t, cs: r.texts.length === 2 ? (k === 0 ? 5 : 10) : 1, role: r.kind }));
    if (r.kind === 'h2')
      return r.texts.map((t, k) => ({ kind: 'header', text: t, rs: k < 5 ? 2 : 1, cs: k >= 5 ? 5 : 1 }));
    if (r.kind === 'h3') return r.texts.map((t) => ({ kind: 'header', text: t }));
    return r.values.map((v) => ({ kind: 'value', text: v.text, id: v.id }));
  });
}

// ------------------------------------------------------------------ word markup

const WORD_WIDTH = { header: 47, value: 47, label: 137 };

function wordCell(c) {
  const a = { nowrap: true, colspan: c.cs, rowspan: c.rs, style: `width:${c.kind === 'value' ? WORD_WIDTH.value : c.cs > 1 ? 47 * c.cs : c.kind === 'label' ? WORD_WIDTH.label : WORD_WIDTH.header}px;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt` };
  Object.assign(a, c.attrs ?? {});
  let inner;
  if (c.kind === 'value') {
    inner = isEmpty(c.text)
      ? `<p class="MsoNormal" align="center" style="text-align:center">&nbsp;</p>`
      : `<p class="MsoNormal" align="center" style="text-align:center"><span lang="EN-US">${esc(c.text)}</span></p>`;
  } else if (isEmpty(c.text)) {
    inner = `<p class="MsoNormal" align="center" style="text-align:center">&nbsp;</p>`;
  } else {
    let text = c.text;
    // Word wraps the long T2 headers: 本年新<br />制作数量.
    if (!text.includes('\n') && /^本年新(制作|公开)数量$/.test(norm(text))) text = text.replace(/^本年新/, '本年新\n');
    const align = c.kind === 'label' && c.role !== 'big' && c.role !== 'group' ? 'left' : 'center';
    inner = `<p class="MsoNormal" align="${align}" style="text-align:${align}">${text
      .split('\n')
      .map((l) => runs(l))
      .join('<br />')}</p>`;
  }
  return `<td${attrs(a)}>${inner}</td>`;
}

function wordTable(rows) {
  const trs = rows.map((cells) => `<tr>${cells.map(wordCell).join('')}</tr>`).join('\n');
  return `<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none">\n<tbody>\n${trs}\n</tbody>\n</table>`;
}

function layoutTable(t) {
  if (t.type === 'T2') return layoutT2(t.s);
  if (t.type === 'T3') return [...layoutT3Header(t.s.header), ...layoutT3Data(t.s.data)];
  return layoutT4(t.s);
}

function wordPara(text, { right = false } = {}) {
  if (isHeading(text))
    return `<p class="MsoNormal" style="text-indent:32.0pt"><b><span style="font-size:16.0pt;font-family:黑体">${esc(text)}</span></b></p>`;
  if (right) return `<p class="MsoNormal" align="right" style="text-align:right"><span style="font-size:16.0pt;font-family:仿宋_GB2312">${esc(text)}</span></p>`;
  return `<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt"><span style="font-size:16.0pt;font-family:仿宋_GB2312">${esc(text)}</span></p>`;
}

/** Signature lines at the very end (`韩庄镇人民政府` / `2021年1月25日`) are right-aligned in Word. */
function signatureStart(body) {
  const last = body[body.length - 1];
  if (last?.kind === 'para' && /^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$/.test(last.text)) {
    const prev = body[body.length - 2];
    return prev?.kind === 'para' && prev.text.trim().length <= 20 ? body.length - 2 : body.length - 1;
  }
  return body.length;
}

export function renderWord(model) {
  const title = titleOf(model);
  const sig = signatureStart(model.body);
  const parts = model.body.map((b, k) => (b.kind === 'para' ? wordPara(b.text, { right: k >= sig }) : wordTable(layoutTable(b))));
  return `<!DOCTYPE html>
<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body lang="ZH-CN" style="text-justify-trim:punctuation">
<div class="WordSection1">
<p class="MsoNormal" align="center" style="text-align:center"><b><span style="font-size:22.0pt;font-family:方正小标宋简体">${model.titleLines.map(esc).join('<br />')}</span></b></p>
${parts.join('\n')}
</div>
</body>
</html>
`;
}

// ------------------------------------------------------------------ flat markup (TRS CMS, fields as in the dump)

function flatCell(lines) {
  const t = lines.join('\n');
  if (isEmpty(t) && !/\u00a0/.test(t)) return '<td></td>';
  if (lines.length === 1) return `<td>${esc(lines[0])}</td>`;
  return `<td>${lines.map((l) => `<p style="text-indent: 0em;">${esc(l)}</p>`).join('')}</td>`;
}

export function renderFlat(model) {
  const title = titleOf(model);
  const parts = model.body.map((b) =>
    b.kind === 'para'
      ? `<p style="text-indent: 2em;">${esc(b.text)}</p>`
      : `<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%">\n<tbody>\n${b.raw
          .map((r) => `<tr>${r.map(flatCell).join('')}</tr>`)
          .join('\n')}\n</tbody>\n</table>`,
  );
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8" />
<meta name="ColumnName" content="政府信息公开年报"/>
<meta name="ColumnType" content="政府信息公开年报"/>
<meta name="ArticleTitle" content="${esc(title)}"/>
<meta name="KeyWords" content=""/>
<title>${esc(title)}_政府信息公开年报_某某网站</title>
</head>
<body>
<div class="main">
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">政府信息公开</a> &gt; <a href="#">政府信息公开年报</a></div>
<div class="xxgk_detail">
<table class="xxgk_table" width="100%" border="0" cellspacing="0" cellpadding="0">
<tbody>
<tr><td>索引号：</td><td>000000000/${esc(model.id)}-00001</td><td>分类：</td><td>政府信息公开年报</td></tr>
<tr><td>发布机构：</td><td>${esc(model.entity)}</td><td>发文日期：</td><td></td></tr>
<tr><td>文号：</td><td></td><td>有效性：</td><td>有效</td></tr>
</tbody>
</table>
<div class="article_title">${esc(title)}</div>
<div class="article_content">
<div class="TRS_Editor">${parts.join('\n')}</div>
</div>
</div>
</div>
</body>
</html>
`;
}

// ------------------------------------------------------------------ split markup (tables cut in parts)

function splitCell(c) {
  const a = { colspan: c.cs, rowspan: c.rs, ...(c.attrs ?? {}) };
  let inner;
  if (c.kind === 'value') inner = isEmpty(c.text) ? '' : digitSpans(c.text);
  else if (isEmpty(c.text)) inner = '';
  else {
    let text = c.text;
    // Full-width spaces / NBSP inside labels (normalise away).
    if (c.role === 't2label' || c.role === 'infoHeader' || c.role === 'h1') text = padLabel(text, '\u3000');
    else if (c.role === 'row') text = padLabel(text, '\u00a0');
    inner = text
      .split('\n')
      .map((l) => `<p>${esc(l)}</p>`)
      .join('');
  }
  return `<td${attrs(a)}>${inner}</td>`;
}

function splitTable(rows) {
  return `<table width="100%" border="1" cellspacing="0" cellpadding="0">\n<tbody>\n${rows
    .map((cells) => `<tr>${cells.map(splitCell).join('')}</tr>`)
    .join('\n')}\n</tbody>\n</table>`;
}

function splitTables(t) {
  if (t.type === 'T2') {
    // One <table> per block: a part starts at a caption, or at a header with no caption before it.
    const parts = [];
    let cur = null;
    let prev = null;
    for (const r of t.s) {
      if (r.kind === 'caption' || (r.kind === 'header' && prev?.kind !== 'caption')) parts.push((cur = []));
      cur.push(r);
      prev = r;
    }
    return parts.map((p) => splitTable(layoutT2(p))).join('\n');
  }
  if (t.type === 'T3') {
    const cut = t.s.data.findIndex((r) => r.key.startsWith('3.4.'));
    const head = layoutT3Header(t.s.header);
    const one = splitTable([...head, ...layoutT3Data(t.s.data.slice(0, cut))]);
    const two = splitTable([...layoutT3Header(t.s.header), ...layoutT3Data(t.s.data.slice(cut), { carryFirst: true })]);
    return `${one}\n<p>&nbsp;</p>\n${two}`;
  }
  return splitTable(layoutT4(t.s));
}

export function renderSplit(model) {
  const title = titleOf(model);
  const parts = model.body.map((b) => (b.kind === 'para' ? `<p>${esc(b.text)}</p>` : splitTables(b)));
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
</head>
<body>
<div class="container">
<div class="article_title"><h1>${model.titleLines.map(esc).join('<br>')}</h1></div>
<div id="zoom">
${parts.join('\n')}
</div>
</div>
</body>
</html>
`;
}

// ------------------------------------------------------------------ mutations

const f = (ruleId, severity, firstCell = null) => ({ ruleId, severity, firstCell });

function findValue(model, id) {
  for (const b of model.body) {
    if (b.kind !== 'table') continue;
    const rows = b.type === 'T2' ? b.s.filter((r) => r.kind === 'data') : b.type === 'T3' ? b.s.data : b.s.filter((r) => r.kind === 'values');
    for (const r of rows) for (const v of r.values) if (v.id === id) return v;
  }
  throw new Error('no cell ' + id);
}
function setValue(model, id, text) {
  findValue(model, id).text = text;
}
function table(model, type) {
  const t = model.body.find((b) => b.kind === 'table' && b.type === type);
  if (!t) throw new Error('no table ' + type);
  return t;
}
function t3Row(model, key) {
  const r = table(model, 'T3').s.data.find((x) => x.key === key);
  if (!r) throw new Error('no T3 row ' + key);
  return r;
}

/** A 2021-format T2 (report-format.md §4.2), all zeros. */
function t2Format2021() {
  const data = (key, label, cols) => ({ kind: 'data', key, label, values: cols.map((c) => ({ text: '0', id: `T2:${key}:${c}` })) });
  const docs = ['issued', 'repealed', 'inForce'];
  return [
    { kind: 'caption', text: '第二十条第（一）项' },
    { kind: 'header', texts: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'] },
    data('regulations', '规章', docs),
    data('normativeDocuments', '行政规范性文件', docs),
    { kind: 'caption', text: '第二十条第（五）项' },
    { kind: 'header', texts: ['信息内容', '本年处理决定数量'] },
    data('licensing', '行政许可', ['decisions']),
    { kind: 'caption', text: '第二十条第（六）项' },
    { kind: 'header', texts: ['信息内容', '本年处理决定数量'] },
    data('penalties', '行政处罚', ['decisions']),
    data('enforcement', '行政强制', ['decisions']),
    { kind: 'caption', text: '第二十条第（八）项' },
    { kind: 'header', texts: ['信息内容', '本年收费金额（单位：万元）'] },
    data('fees', '行政事业性收费', ['feeAmount']),
  ];
}

/** Edit the text of one cell of the pingtan page (table, row, cell indexes are 0-based, as in the page). */
function editCell(html, tableIdx, rowIdx, cellIdx, from, to) {
  let t = -1;
  for (let k = 0; k <= tableIdx; k++) t = html.indexOf('<table', t + 1);
  const tEnd = html.indexOf('</table>', t);
  let r = t;
  for (let k = 0; k <= rowIdx; k++) r = html.indexOf('<tr', r + 1);
  const rEnd = html.indexOf('</tr>', r);
  let c = r;
  for (let k = 0; k <= cellIdx; k++) c = html.indexOf('<td', c + 1);
  const cEnd = html.indexOf('</td>', c);
  if (t < 0 || r < 0 || r > tEnd || c < 0 || cEnd > rEnd) throw new Error(`editCell: no cell ${tableIdx}/${rowIdx}/${cellIdx}`);
  const cell = html.slice(c, cEnd);
  const needle = `>${from}<`;
  if (cell.split(needle).length !== 2) throw new Error(`editCell: ${needle} not unique in cell ${tableIdx}/${rowIdx}/${cellIdx}`);
  return html.slice(0, c) + cell.replace(needle, `>${to}<`) + html.slice(cEnd);
}

const T3_ROW_CELLS = (key) => T3_COLS.map((c) => `T3:${key}:${c}`);

/**
 * One injected defect each. `findings`: what the defect must add to the findings of its unmutated source;
 * `removes`: source findings it must make disappear. Both as { ruleId, severity, firstCell } (firstCell null for
 * `cells: []`); derived from docs/spec/rules.md, reasoning in `why`.
 */
export const MUTATIONS = [
  {
    name: '002-t3-rowsum-row1',
    seed: '002',
    mutation: 'T3:1:total 4 → 5',
    edit: (m) => setValue(m, 'T3:1:total', '5'),
    findings: [f('T3-ROWSUM', 'error', 'T3:1:total'), f('T3-BALANCE', 'error', 'T3:4:total')],
    why: 'Row 1: 总计 5 ≠ 4+0+0+0+0+0 → T3-ROWSUM error (no blank). Balance, total column: 一+二 = 5+0 ≠ （七）+四 = 4+0 → T3-BALANCE error, cells [T3:4:total, T3:1:total, T3:2:total, T3:3.7:total]. T3-RESULT-SUM unaffected (row 1 is not a result row).',
    cells: { 'T3:1:total': { value: 5 } },
  },
  {
    name: '002-t3-rowsum-row3.5.1',
    seed: '002',
    mutation: 'T3:3.5.1:total 4 → 5',
    edit: (m) => setValue(m, 'T3:3.5.1:total', '5'),
    findings: [f('T3-ROWSUM', 'error', 'T3:3.5.1:total'), f('T3-RESULT-SUM', 'error', 'T3:3.7:total')],
    why: 'Row 3.5.1: 总计 5 ≠ 4 → T3-ROWSUM error. Total column: （七）总计 4 ≠ Σ result rows 5 → T3-RESULT-SUM error, first cell T3:3.7:total. Balance unaffected (rows 1, 2, 3.7, 4 unchanged).',
  },
  {
    name: '002-t3-rowsum-row3.7',
    seed: '002',
    mutation: 'T3:3.7:total 4 → 5',
    edit: (m) => setValue(m, 'T3:3.7:total', '5'),
    findings: [f('T3-ROWSUM', 'error', 'T3:3.7:total'), f('T3-BALANCE', 'error', 'T3:4:total'), f('T3-RESULT-SUM', 'error', 'T3:3.7:total')],
    why: 'Row 3.7: 总计 5 ≠ 4 → T3-ROWSUM. Total column: 一+二 = 4 ≠ （七）+四 = 5 → T3-BALANCE (first T3:4:total); （七）总计 5 ≠ Σ results 4 → T3-RESULT-SUM (first T3:3.7:total).',
  },
  {
    name: '002-t3-total-blank',
    seed: '002',
    mutation: 'T3:1:total 4 → blank (&nbsp;)',
    edit: (m) => setValue(m, 'T3:1:total', ''),
    findings: [f('VAL-BLANK', 'warning', 'T3:1:total'), f('T3-BALANCE', 'warning', 'T3:4:total')],
    why: 'Blank ≠ 0: VAL-BLANK warning. T3-ROWSUM row 1 not assessable (总计 missing; read as 0 it would fire). Balance, total column: Σ*(一+二) = 0 (T3:2:total reported) vs Σ*(（七）+四) = 4: unequal and the smaller side holds the blank → T3-BALANCE at warning (rules.md design note 3).',
    cells: { 'T3:1:total': { value: null } },
  },
  {
    name: '002-t4-sum-review',
    seed: '002',
    mutation: 'T4:cases:review.total 0 → 1',
    edit: (m) => setValue(m, 'T4:cases:review.total', '1'),
    findings: [f('T4-SUM-REVIEW', 'error', 'T4:cases:review.total')],
    why: '行政复议 总计 1 ≠ 0+0+0+0 → T4-SUM-REVIEW error. T4-AFTER-REVIEW-PLAUS: 0 > 1 is false.',
  },
  {
    name: '002-val-placeholder',
    seed: '002',
    mutation: 'T3:3.3.2:legal 0 → /',
    edit: (m) => setValue(m, 'T3:3.3.2:legal', '/'),
    findings: [f('VAL-PLACEHOLDER-SYMBOL', 'warning', 'T3:3.3.2:legal')],
    why: '`/` is a placeholder: value null, VAL-PLACEHOLDER-SYMBOL warning (not VAL-BLANK, not VAL-TEXT). Sums over reported cells still balance (row 3.3.2 total 0 = Σ* 0; legal column 0 = 0).',
    cells: { 'T3:3.3.2:legal': { raw: '/', value: null } },
  },
  {
    name: '002-val-text',
    seed: '002',
    mutation: 'T4:cases:directSuit.other 0 → 暂无',
    edit: (m) => setValue(m, 'T4:cases:directSuit.other', '暂无'),
    findings: [f('VAL-TEXT', 'error', 'T4:cases:directSuit.other')],
    why: '`暂无` is text: value null, VAL-TEXT error. T4-SUM-LIT-DIRECT: total 0 = Σ* 0 → pass.',
    cells: { 'T4:cases:directSuit.other': { raw: '暂无', value: null } },
  },
  {
    name: '002-val-negative-t2',
    seed: '002',
    mutation: 'T2:regulations:newlyMade 0 → -1',
    edit: (m) => setValue(m, 'T2:regulations:newlyMade', '-1'),
    findings: [f('VAL-NEGATIVE', 'error', 'T2:regulations:newlyMade')],
    removes: [f('T2-ALLZERO', 'info', 'T2:regulations:newlyMade')],
    why: '-1 outside a `change` cell → VAL-NEGATIVE error. The (一) block is no longer all zero → the source\'s T2-ALLZERO info disappears. T2-19-MADE-NOT-PUB: -1 > 0 false; T2-19-PUB-LE-TOTAL 0 ≤ 0.',
    cells: { 'T2:regulations:newlyMade': { value: -1 } },
  },
  {
    name: '002-val-fullwidth',
    seed: '002',
    mutation: 'T3:1:natural and T3:1:total 4 → ４ (full-width)',
    edit: (m) => {
      setValue(m, 'T3:1:natural', '４');
      setValue(m, 'T3:1:total', '４');
    },
    findings: [f('VAL-FULLWIDTH', 'info', 'T3:1:natural')],
    why: 'Full-width digits: NFKC → 4, arithmetic unchanged; VAL-FULLWIDTH is one info per table listing both cells.',
    cells: { 'T3:1:natural': { raw: '４', value: 4 }, 'T3:1:total': { raw: '４', value: 4 } },
  },
  {
    name: '002-val-unit-count',
    seed: '002',
    mutation: 'T3:3.5.1:natural 4 → 4件',
    edit: (m) => setValue(m, 'T3:3.5.1:natural', '4件'),
    findings: [f('VAL-UNIT-IN-CELL', 'warning', 'T3:3.5.1:natural')],
    why: 'A unit in a count cell: value 4 (arithmetic unchanged), VAL-UNIT-IN-CELL at warning (info only for amount cells).',
    cells: { 'T3:3.5.1:natural': { raw: '4件', value: 4 } },
  },
  {
    name: '002-tpl-row-label',
    seed: '002',
    mutation: 'T3 row 3.3.1 label 1.属于国家秘密 → 1.属于国家机密',
    edit: (m) => {
      const r = t3Row(m, '3.3.1');
      r.labels[r.labels.length - 1] = '1.属于国家机密';
    },
    findings: [f('TPL-ROW-LABEL', 'warning', 'T3:3.3.1:natural')],
    why: 'Not a whitelisted meaning change; edit distance 1 → TPL-ROW-LABEL warning, row still mapped to 3.3.1, cells = its 7 value cells.',
  },
  {
    name: '002-tpl-row-missing',
    seed: '002',
    mutation: 'T3 row 3.3.5 (5.属于三类内部事务信息) deleted; rowspans of （三）不予公开 8 → 7 and 三、本年度办理结果 20 → 19',
    edit: (m) => {
      const d = table(m, 'T3').s.data;
      d.splice(
        d.findIndex((r) => r.key === '3.3.5'),
        1,
      );
    },
    findings: [f('TPL-ROW-MISSING', 'error', null)],
    why: 'A template data row is absent → TPL-ROW-MISSING error, cells []. Its values were 0, so no sum changes.',
    absentCells: T3_ROW_CELLS('3.3.5'),
  },
  {
    name: '002-fmt-mixed',
    seed: '002',
    mutation: 'T2 replaced by a 2021-format T2 (all 0) in this 2020 report; T3 keeps the 2019 （六）其他处理 data row',
    edit: (m) => {
      table(m, 'T2').s = t2Format2021();
    },
    report: { format: '2021', year: 2020 },
    findings: [
      f('FMT-MIXED', 'error', null),
      f('FMT-VERSION', 'error', null),
      f('TPL-EXTRA-ROW-COL', 'warning', null),
      f('TPL-ROW-MISSING', 'error', null),
      f('TPL-ROW-MISSING', 'error', null),
      f('TPL-ROW-MISSING', 'error', null),
      f('T2-ALLZERO', 'info', 'T2:regulations:issued'),
    ],
    removes: [f('T2-ALLZERO', 'info', 'T2:regulations:newlyMade')],
    why: '2021 signatures (本年制发件数, 本年废止件数, 现行有效件数, 本年处理决定数量, 本年收费金额) outnumber the one 2019 signature (T3 （六）其他处理 carrying 7 values) → format 2021; both present → FMT-MIXED error; cells = value cells of the minority rows, which under the 2021 template are an extra row without canonical ids → []. Y = 2020 calls for 2019 → FMT-VERSION error. T3 mapped with the 2021 template: the （六） row carrying values is TPL-EXTRA-ROW-COL (warning, cells []), 3.6.1–3.6.3 are absent → 3 × TPL-ROW-MISSING error (T3-SUBTOTAL not assessable: its parts are missing). The 2021 T2 is all 0 → T2-ALLZERO now starts at T2:regulations:issued.',
  },
  {
    name: '002-rowspan-9999-group',
    seed: '002',
    mutation: 'rowspan of 三、本年度办理结果 20 → 9999',
    edit: (m) => {
      t3Row(m, '3.1').labelAttrs = { 0: { rowspan: 9999 } };
    },
    findings: [],
    why: 'Must not crash. Values are mapped by ordinal position within each row (rules.md design note 4), so the over-long span (clipped at the end of the table) changes no finding.',
  },
  {
    name: '002-rowspan-9999-last',
    seed: '002',
    mutation: 'rowspan="9999" on the label cell 四、结转下年度继续办理 (last row)',
    edit: (m) => {
      t3Row(m, '4').labelAttrs = { 0: { rowspan: 9999 } };
    },
    findings: [],
    why: 'Must not crash; a span past the end of the table is clipped: same findings as the source.',
  },
  {
    name: '002-label-img-injection',
    seed: '002',
    mutation: 'T2 label 规章 → 规章<img src=x onerror=alert(1)> (as escaped text)',
    edit: (m) => {
      table(m, 'T2').s.find((r) => r.kind === 'data' && r.key === 'regulations').label = '规章<img src=x onerror=alert(1)>';
    },
    findings: [f('TPL-ROW-LABEL', 'warning', 'T2:regulations:newlyMade')],
    why: 'The label is text (escaped, no element). It matches 规章 by position only → TPL-ROW-LABEL warning, row still mapped.',
    injectedText: '<img src=x onerror=alert(1)>',
  },
  {
    name: '000-val-decimal',
    seed: '000',
    mutation: 'T2:procurement:projects 55 → 55.5',
    edit: (m) => setValue(m, 'T2:procurement:projects', '55.5'),
    findings: [f('VAL-DECIMAL', 'error', 'T2:procurement:projects')],
    why: 'Decimals are allowed only in amount cells; 采购项目数量 is a count → VAL-DECIMAL error. T2-19-PROC-CONSIST: both positive.',
    cells: { 'T2:procurement:projects': { value: 55.5 } },
  },
  {
    name: '000-fmt-version-title-year',
    seed: '000',
    mutation: 'title year 2019 → 2021 (tables stay in the 2019 format)',
    edit: (m) => {
      m.titleLines = m.titleLines.map((l) => l.replace('2019年', '2021年'));
    },
    report: { title: '红椿镇人民政府2021年政府信息公开工作年度报告', year: 2021, format: '2019' },
    findings: [f('FMT-VERSION', 'error', null)],
    why: 'Y = 2021 requires the 2021 format; the tables are 2019 → FMT-VERSION error (Y ≥ 2020). Nothing else depends on Y here: all sections present, no statistics-period sentence, no table captions with a year, section 一 does not open with a year, no date anywhere.',
  },
  {
    name: 'pingtan-val-negative',
    real: 'pingtan-2024.html',
    mutation: 'T2:normativeDocuments:repealed 33 → -33',
    editHtml: (h) => editCell(h, 0, 3, 2, '33', '-33'),
    findings: [f('VAL-NEGATIVE', 'error', 'T2:normativeDocuments:repealed')],
    why: 'Negative count → VAL-NEGATIVE error. T2-21-VALID-GE-MADE (440 ≥ 62) unaffected.',
    cells: { 'T2:normativeDocuments:repealed': { value: -33 } },
  },
  {
    name: 'pingtan-val-thousands',
    real: 'pingtan-2024.html',
    mutation: 'T2:licensing:decisions 4529 → 4,529',
    editHtml: (h) => editCell(h, 0, 6, 1, '4529', '4,529'),
    findings: [f('VAL-THOUSANDS', 'info', 'T2:licensing:decisions')],
    why: 'Thousands separator: value 4529 unchanged, VAL-THOUSANDS info (one per table).',
    cells: { 'T2:licensing:decisions': { raw: '4,529', value: 4529 } },
  },
  {
    name: 'pingtan-t3-rowsum-row3.1',
    real: 'pingtan-2024.html',
    mutation: 'T3:3.1:total 71 → 72 (2021 format)',
    editHtml: (h) => editCell(h, 1, 5, 8, '71', '72'),
    findings: [f('T3-ROWSUM', 'error', 'T3:3.1:total'), f('T3-RESULT-SUM', 'error', 'T3:3.7:total')],
    why: 'Row 3.1: 总计 72 ≠ 71 → T3-ROWSUM. Total column: （七）总计 218 ≠ Σ results 219 → T3-RESULT-SUM (first T3:3.7:total). Balance (rows 1, 2, 3.7, 4) unaffected.',
    cells: { 'T3:3.1:total': { value: 72 } },
  },
];

// ------------------------------------------------------------------ main

function cleanDir(dir, re) {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (re.test(name)) rmSync(join(dir, name));
}

function main() {
  cleanDir(SEEDS_OUT, /\.(html|json)$/);
  cleanDir(MUT_OUT, /\.(html|json)$/);
  const counts = { word: 0, flat: 0, split: 0, mutated: 0 };
  for (const id of Object.keys(SEEDS)) {
    const model = seedModel(id);
    const expectLayout = id === '001' ? 'B' : 'A';
    if (model.layout !== expectLayout) throw new Error(`seed ${id}: layout ${model.layout}, expected ${expectLayout}`);
    writeFileSync(join(SEEDS_OUT, `${id}.word.html`), renderWord(model));
    writeFileSync(join(SEEDS_OUT, `${id}.flat.html`), renderFlat(model));
    writeFileSync(join(SEEDS_OUT, `${id}.split.html`), renderSplit(model));
    counts.word++;
    counts.flat++;
    counts.split++;
  }
  for (const mu of MUTATIONS) {
    let html;
    let source;
    if (mu.seed) {
      const model = seedModel(mu.seed);
      mu.edit(model);
      html = renderWord(model);
      source = `tests/fixtures/seeds/${mu.seed}.word.html`;
    } else {
      const orig = readFileSync(join(REAL, mu.real), 'utf8');
      html = mu.editHtml(orig);
      if (html === orig) throw new Error(`${mu.name}: no change`);
      source = `tests/fixtures/real/${mu.real}`;
    }
    writeFileSync(join(MUT_OUT, `${mu.name}.html`), html);
    const expect = {
      source,
      mutation: mu.mutation,
      findings: mu.findings,
      removes: mu.removes ?? [],
      ...(mu.report ? { report: mu.report } : {}),
      ...(mu.cells ? { cells: mu.cells } : {}),
      ...(mu.absentCells ? { absentCells: mu.absentCells } : {}),
      ...(mu.injectedText ? { injectedText: mu.injectedText } : {}),
      why: mu.why,
    };
    writeFileSync(join(MUT_OUT, `${mu.name}.expect.json`), JSON.stringify(expect, null, 2) + '\n');
    counts.mutated++;
  }
  console.log(`seeds: ${counts.word} word, ${counts.flat} flat, ${counts.split} split; mutated: ${counts.mutated}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
