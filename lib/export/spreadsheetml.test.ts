import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { Window } from 'happy-dom';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { columnLetters, dateSerial, LocalZip, WorkbookWriter, xmlText } from './spreadsheetml';

const FONT = { family: 'Microsoft YaHei', size: 11 };

function files(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

/** Every part parses as XML (happy-dom's DOMParser reports a parsererror otherwise). */
function wellFormed(xml: string): boolean {
  const doc = new new Window().DOMParser().parseFromString(xml, 'application/xml');
  return doc.getElementsByTagName('parsererror').length === 0;
}

function book(build: (w: WorkbookWriter) => void): Uint8Array {
  const zip = new LocalZip();
  const w = new WorkbookWriter({ font: FONT, zip });
  build(w);
  w.finish();
  return zip.result();
}

describe('spreadsheetml writer', () => {
  it('column letters and date serials as Excel counts them', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(dateSerial(new Date(Date.UTC(1970, 0, 1)))).toBe(25569);
    expect(dateSerial(new Date(Date.UTC(2026, 10, 23, 12)))).toBe(46349.5);
  });

  it('escapes markup and drops characters XML does not allow', () => {
    expect(xmlText('a<b & "c">')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
    expect(xmlText('x\u0001y\u000bz\ud800')).toBe('xyz');
    expect(xmlText('表三（七）总计 😀')).toBe('表三（七）总计 😀');
  });

  it('writes typed, styled, merged cells that a reader reads back, in well-formed parts', async () => {
    const at = new Date(Date.UTC(2026, 10, 23, 8, 30, 15));
    const bytes = book((w) => {
      w.addSheet({
        sheet: '问题 & <清单>',
        columns: [{ width: 30 }, { width: 12 }, { width: 12 }],
        stickyRowsCount: 1,
        data: [
          [{ value: '标题', fontWeight: 'bold', backgroundColor: '#E7E6E6' }, { value: '数', fontWeight: 'bold' }, { value: '时间' }],
          [{ value: ' 前后空格 ' }, { value: 42, type: Number }, { value: at, type: Date, format: 'yyyy-mm-dd hh:mm:ss' }],
          [{ value: '=1+1' }, { backgroundColor: '#F4B6B6' }, null, { value: '合并', columnSpan: 2 }],
          [],
          [{ value: 'x\u0002<y>' }, { value: Number.NaN }],
        ],
      });
      const s = w.sheet('第二', {});
      s.rows([[{ value: '已有' }]]);
      s.rows([[null, { value: '已有', backgroundColor: '#FFE08A' }]]);
    });
    const parts = files(bytes);
    for (const [name, xml] of Object.entries(parts)) expect(wellFormed(xml), name).toBe(true);
    expect(parts['xl/workbook.xml']).toContain('name="问题 &amp; &lt;清单&gt;"');
    expect(parts['xl/worksheets/sheet1.xml']).toContain('<cols><col min="1" max="1" width="30" customWidth="1"/><col min="2" max="3" width="12" customWidth="1"/></cols>');
    expect(parts['xl/worksheets/sheet1.xml']).toContain('<mergeCells count="1"><mergeCell ref="D3:E3"/></mergeCells>');
    // the blank styled cell is written, the empty row is not
    expect(parts['xl/worksheets/sheet1.xml']).toMatch(/<c r="B3" s="\d+"\/>/);
    expect(parts['xl/worksheets/sheet1.xml']).not.toContain('<row r="4"');
    // the shared strings are counted and deduplicated; whitespace is kept
    expect(parts['xl/sharedStrings.xml']).toContain('count="10" uniqueCount="9"');
    expect(parts['xl/sharedStrings.xml']).toContain('<t xml:space="preserve"> 前后空格 </t>');
    expect(parts['xl/styles.xml']).toContain('<numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>');

    const sheets = (await readXlsxFile(Buffer.from(bytes))) as unknown as { sheet: string; data: unknown[][] }[];
    expect(sheets.map((s) => s.sheet)).toEqual(['问题 & <清单>', '第二']);
    const [head, row2, row3] = sheets[0]!.data;
    expect(head!.slice(0, 3)).toEqual(['标题', '数', '时间']);
    expect(row2![1]).toBe(42);
    expect((row2![2] as Date).toISOString()).toBe(at.toISOString());
    // a text that looks like a formula stays text (no formula is ever written)
    expect(row3![0]).toBe('=1+1');
    expect(row3![3]).toBe('合并');
    expect(sheets[0]!.data.at(-1)!.slice(0, 2)).toEqual(['x<y>', 'NaN']);
    expect(sheets[1]!.data).toEqual([
      ['已有', null],
      [null, '已有'],
    ]);
  });

  it('a long sheet goes to the zip in chunks and reads back whole', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [{ value: `第 ${i} 行` }, { value: i, type: Number }]);
    const bytes = book((w) => w.addSheet({ sheet: '长', data: rows }));
    const [sheet] = (await readXlsxFile(Buffer.from(bytes))) as unknown as { data: unknown[][] }[];
    expect(sheet!.data).toHaveLength(20_000);
    expect(sheet!.data[19_999]).toEqual(['第 19999 行', 19_999]);
  });

  it('zips an entry pushed whole and one pushed in chunks, at every level, with their CRCs', () => {
    const whole = new TextEncoder().encode('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'.repeat(500));
    const pieces = Array.from({ length: 7 }, (_, i) => new TextEncoder().encode(`<row r="${i}">${'<c r="B2"><v>12345</v></c>'.repeat(9_000 + i)}</row>`));
    const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    pieces.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    for (const level of [0, 1, 6, 9] as const) {
      const zip = new LocalZip(level);
      zip.entry('whole.xml').push(whole, true);
      const chunked = zip.entry('chunked.xml');
      pieces.forEach((p, i) => chunked.push(p, i === pieces.length - 1));
      zip.entry('empty.xml').push(new Uint8Array(0), true);
      zip.end();
      const bytes = zip.result();
      const got = unzipSync(bytes);
      expect(Object.keys(got)).toEqual(['whole.xml', 'chunked.xml', 'empty.xml']);
      // (Buffer.equals: toEqual walks a megabyte element by element)
      expect(Buffer.from(got['whole.xml']!).equals(whole)).toBe(true);
      expect(Buffer.from(got['chunked.xml']!).equals(joined)).toBe(true);
      expect(got['empty.xml']).toHaveLength(0);
      // each central-directory record (PK\x01\x02) holds the entry's CRC-32 at offset 16
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const crcs: number[] = [];
      for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === 0x02014b50) crcs.push(view.getUint32(i + 16, true));
      expect(crcs).toEqual([crc32(whole), crc32(joined), 0]);
      if (level > 0) expect(bytes.length).toBeLessThan((whole.length + joined.length) / 10);
    }
  });

  it('refuses what Excel cannot hold and use after finish', () => {
    const w = new WorkbookWriter({ font: FONT });
    expect(() => w.sheet('x').rows([new Array(16_385).fill({ value: 1 })])).toThrow(/16384/);
    expect(() => new WorkbookWriter({ font: FONT }).sheet('x').rows([[{ value: 'c', backgroundColor: 'red' }]])).toThrow(/RRGGBB/);
    w.finish();
    expect(() => w.sheet('y')).toThrow(/finished/);
  });
});
