#!/usr/bin/env node
/**
 * Attachment fixtures (tests/fixtures/attachments/): the HTML fixtures published as a PDF or DOCX
 * attachment would be, so that tests/acceptance/attachments.test.ts can hold the PDF and DOCX
 * readers to the findings of the HTML they come from.
 *
 *   node scripts/make-attachment-fixtures.mjs
 *
 * - PDF: Chromium's print to PDF (playwright-core `page.pdf()`, Debian's /usr/bin/chromium,
 *   headless, A4): a few seeds in each markup, mutated copies, a seed whose table 三 breaks
 *   across pages with its header rows repeated (the header rows in a <thead>, which Chromium
 *   repeats on each page), and a "scanned" PDF (a screenshot of a report printed as an image:
 *   no text layer).
 * - DOCX: LibreOffice (Debian's libreoffice-writer-nogui, `soffice --headless --convert-to docx`)
 *   from the Word markup of the seeds and mutated copies.
 *
 * Writes manifest.json: per file its kind and the HTML it was made from (the parity test's
 * reference). PDFs embed a subset of the CJK font (≈ 400 KB each), so the set is kept small.
 * Not deterministic byte for byte (creation dates); regenerate only when the sources change.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'tests/fixtures/attachments');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/** PDFs printed as they are: [output name, source HTML]. */
const PDFS = [
  ['000.flat.pdf', 'tests/fixtures/seeds/000.flat.html'],
  ['001.split.pdf', 'tests/fixtures/seeds/001.split.html'],
  ['002.word.pdf', 'tests/fixtures/seeds/002.word.html'],
  ['004.word.pdf', 'tests/fixtures/seeds/004.word.html'],
  ['002-t3-rowsum-row3.7.pdf', 'tests/fixtures/mutated/002-t3-rowsum-row3.7.html'],
  ['002-val-fullwidth.pdf', 'tests/fixtures/mutated/002-val-fullwidth.html'],
  ['002-t3-total-blank.pdf', 'tests/fixtures/mutated/002-t3-total-blank.html'],
];

/** DOCX files converted by LibreOffice: [output name, source HTML]. */
const DOCXS = [
  ['000.word.docx', 'tests/fixtures/seeds/000.word.html'],
  ['001.word.docx', 'tests/fixtures/seeds/001.word.html'],
  ['002.word.docx', 'tests/fixtures/seeds/002.word.html'],
  ['003.word.docx', 'tests/fixtures/seeds/003.word.html'],
  ['004.word.docx', 'tests/fixtures/seeds/004.word.html'],
  ['002-t3-rowsum-row3.7.docx', 'tests/fixtures/mutated/002-t3-rowsum-row3.7.html'],
  ['002-t4-sum-review.docx', 'tests/fixtures/mutated/002-t4-sum-review.html'],
];

/** The seed whose table 三 is printed across pages with its header rows repeated. */
const PAGEBREAK = ['003.word-thead.pdf', 'tests/fixtures/seeds/003.word.html'];

/**
 * Table 三's header rows (those before the first data row `一、…`) moved into a <thead>, and
 * taller rows so that the table runs over a page break: Chromium repeats a <thead> on each page.
 * The engine reads a thead as any rows, so the HTML's findings are the seed's.
 */
function withRepeatedHeader(html) {
  const at = html.indexOf('勾稽关系');
  const start = html.lastIndexOf('<table', at);
  const bodyOpen = html.indexOf('<tbody>', start);
  const dataRow = html.lastIndexOf('<tr', html.indexOf('一、本年', at));
  if (at < 0 || start < 0 || bodyOpen < 0 || dataRow < bodyOpen) throw new Error('withRepeatedHeader: table 三 not found');
  const head = html.slice(bodyOpen + '<tbody>'.length, dataRow);
  const style = '<style>@media print { tr { break-inside: avoid; } td { padding-top: 6px; padding-bottom: 6px; } }</style>';
  return (
    html.slice(0, bodyOpen).replace('</head>', `${style}</head>`) +
    `<thead>${head}</thead><tbody>` +
    html.slice(dataRow)
  );
}

async function printPdfs() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  const manifest = [];
  const print = async (name, html, source, note) => {
    await page.setContent(html, { waitUntil: 'load' });
    writeFileSync(join(OUT, name), await page.pdf({ format: 'A4', printBackground: true }));
    manifest.push({ file: name, kind: 'pdf', source, ...(note ? { note } : {}) });
  };
  for (const [name, src] of PDFS) await print(name, readFileSync(join(ROOT, src), 'utf8'), src);
  const [pbName, pbSrc] = PAGEBREAK;
  await print(pbName, withRepeatedHeader(readFileSync(join(ROOT, pbSrc), 'utf8')), pbSrc, 'table 三 breaks across pages; its header rows (a <thead>) repeat on the next page');
  // "scanned": a screenshot of the printed report's tables, printed as an image
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.setContent(readFileSync(join(ROOT, 'tests/fixtures/seeds/002.word.html'), 'utf8'), { waitUntil: 'load' });
  const png = await page.screenshot({ type: 'jpeg', quality: 40, fullPage: false });
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0"><img style="width:100%" src="data:image/jpeg;base64,${png.toString('base64')}"></body></html>`, { waitUntil: 'load' });
  writeFileSync(join(OUT, 'scanned.pdf'), await page.pdf({ format: 'A4' }));
  manifest.push({ file: 'scanned.pdf', kind: 'pdf', source: null, note: 'an image of a report page: no text layer' });
  await browser.close();
  return manifest;
}

function convertDocx() {
  if (!existsSync(SOFFICE)) throw new Error(`${SOFFICE} is missing: apt-get install -y libreoffice-writer-nogui`);
  const work = mkdtempSync(join(tmpdir(), 'report-audit-docx-'));
  const manifest = [];
  try {
    for (const [name, src] of DOCXS) {
      // each source under the output name, so that LibreOffice writes <name>.docx
      const base = name.replace(/\.docx$/, '');
      const input = join(work, `${base}.html`);
      writeFileSync(input, readFileSync(join(ROOT, src)));
      execFileSync(
        SOFFICE,
        [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', work, input],
        { stdio: 'ignore', timeout: 120_000 },
      );
      renameSync(join(work, `${base}.docx`), join(OUT, name));
      manifest.push({ file: name, kind: 'docx', source: src });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return manifest;
}

mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (/\.(pdf|docx)$/.test(f)) rmSync(join(OUT, f));
const manifest = [...(await printPdfs()), ...convertDocx()];
writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
let total = 0;
for (const m of manifest) total += statSync(join(OUT, m.file)).size;
console.log(`wrote ${manifest.length} files to ${OUT} (${Math.round(total / 1024)} KB)`);
