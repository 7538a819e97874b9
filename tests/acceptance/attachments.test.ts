/**
 * Acceptance: reports published as attachments (tests/fixtures/attachments/, made by
 * scripts/make-attachment-fixtures.mjs from the HTML fixtures). Each PDF or DOCX must give the same
 * report block, the same cell values and the same findings (rule, severity, first cell; every tier)
 * as the HTML it was made from.
 *
 * One rule cannot be assessed on a PDF and is left out of the PDF comparison: VAL-WHITESPACE
 * (NBSP / U+3000 padding around a number). A PDF draws no glyph for a space, so padding leaves no
 * trace in the text layer; a miss, never a false alarm. For the same reason raw cell texts are
 * compared after removing whitespace.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditHtml, auditPath, InputError, runPath } from '../../lib/node';
import { AuditResultSchema } from '../../lib/schema';
import type { AuditResult } from '../../lib/types';
import { ROOT, keys } from './expectations';

const DIR = ROOT + 'tests/fixtures/attachments/';
const NOW = new Date('2026-01-01T00:00:00Z');

interface Entry {
  file: string;
  kind: 'pdf' | 'docx';
  source: string | null;
  note?: string;
}

const MANIFEST = JSON.parse(readFileSync(DIR + 'manifest.json', 'utf8')) as Entry[];
const NOT_ASSESSABLE_ON_PDF = new Set(['VAL-WHITESPACE']);

const findingKeys = (r: AuditResult, kind: Entry['kind']) =>
  keys((r.findings ?? []).filter((f) => kind !== 'pdf' || !NOT_ASSESSABLE_ON_PDF.has(f.ruleId)));

const cellValues = (r: AuditResult) =>
  Object.fromEntries(Object.entries(r.cells ?? {}).map(([id, c]) => [id, { raw: c.raw.replace(/\s/g, ''), value: c.value }]));

it('has the attachment fixtures (run scripts/make-attachment-fixtures.mjs)', () => {
  expect(MANIFEST.filter((m) => m.kind === 'pdf' && m.source).length).toBeGreaterThanOrEqual(6);
  expect(MANIFEST.filter((m) => m.kind === 'docx').length).toBeGreaterThanOrEqual(5);
  expect(MANIFEST.some((m) => m.note?.includes('header rows'))).toBe(true);
});

describe.each(MANIFEST.filter((m) => m.source !== null))('$file', (entry) => {
  const html = auditHtml(readFileSync(ROOT + entry.source!, 'utf8'), { source: entry.source!, now: NOW });

  it(`gives the findings and cells of ${entry.source}`, async () => {
    const r = await auditPath(DIR + entry.file, { now: NOW });
    expect(r.detected).toBe(true);
    expect(html.findings!.length).toBeGreaterThan(0);
    expect(r.report).toEqual(html.report);
    expect(findingKeys(r, entry.kind)).toEqual(findingKeys(html, entry.kind));
    expect(cellValues(r)).toEqual(cellValues(html));
  });

  it('records the file as evidence, and where each flagged cell is (PDF)', async () => {
    const r = await auditPath(DIR + entry.file, { now: NOW });
    const bytes = readFileSync(DIR + entry.file);
    const { createHash } = await import('node:crypto');
    expect(r.attachment).toMatchObject({ kind: entry.kind, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(AuditResultSchema.parse(r).attachment).toEqual(r.attachment);
    if (entry.kind !== 'pdf') {
      expect(r.attachment!.cellBoxes).toBeUndefined();
      return;
    }
    const flagged = new Set((r.findings ?? []).flatMap((f) => f.cells));
    const boxes = r.attachment!.cellBoxes ?? {};
    expect(Object.keys(boxes).sort()).toEqual([...flagged].sort());
    for (const b of Object.values(boxes)) {
      expect(b.page).toBeGreaterThanOrEqual(1);
      expect(b.page).toBeLessThanOrEqual(r.attachment!.pages!);
      // on an A4 page (595.9 × 842.9 pt; a border may stand half a point beyond), and a cell's size
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(597);
      expect(b.y + b.height).toBeLessThanOrEqual(844);
      expect(b.width).toBeGreaterThan(5);
      expect(b.height).toBeGreaterThan(5);
    }
  });
});

describe('the table broken across pages', () => {
  const entry = MANIFEST.find((m) => m.note?.includes('header rows'))!;

  it('spans two pages, the header rows printed on both, and reads as one table 三', async () => {
    const run = await runPath(DIR + entry.file, { now: NOW });
    const t3 = run.context!.tables.T3;
    expect(t3.found).toBe(true);
    // every T3 row mapped once, though its rows sit on two pages
    const pages = new Set([...run.context!.cells.values()].filter((c) => c.table === 'T3').map((c) => c.box!.page));
    expect(pages.size).toBeGreaterThanOrEqual(2);
    expect(t3.missingRows).toEqual([]);
  });
});

describe('a PDF without a text layer', () => {
  it('is an input error that says so (no OCR)', async () => {
    const err = await runPath(DIR + 'scanned.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/no text layer.*OCR/);
  });
});
