/**
 * The attachment type of a file and what to say about the types that cannot be audited; the
 * report title of a DOCX converted to HTML. Pure code (no Node, no DOM, no pdf.js), shared by
 * the CLI (lib/attachments.ts) and the extension's attachment viewer (components/viewer/).
 */

export type AttachmentKind = 'pdf' | 'docx' | 'doc' | 'wps' | 'ofd' | 'xls' | 'xlsx';

const EXT = /\.(pdf|docx|doc|wps|ofd|xlsx|xls)(?:$|[?#])/i;

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => new TextDecoder('latin1').decode(b.subarray(from, to));

/**
 * The attachment type of an input, or null for a page (HTML, text). Magic bytes decide first
 * (%PDF; a ZIP holding word/ → DOCX, OFD.xml → OFD, xl/ → XLSX; an OLE2 compound file → DOC/WPS/XLS
 * by the name); else the name's extension and the Content-Type.
 */
export function sniffAttachment(bytes: Uint8Array | null, name = '', contentType = ''): AttachmentKind | null {
  const ext = EXT.exec(name)?.[1]?.toLowerCase() as AttachmentKind | undefined;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (bytes && bytes.length >= 4) {
    // %PDF may follow a few bytes of junk (the spec allows it within the first 1 KB)
    if (ascii(bytes, 0, 1024).includes('%PDF-')) return 'pdf';
    if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
      const head = ascii(bytes, 0, Math.min(bytes.length, 64 * 1024));
      if (/word\//.test(head)) return 'docx';
      if (/OFD\.xml/i.test(head)) return 'ofd';
      if (/xl\//.test(head)) return 'xlsx';
      if (ext === 'docx' || ext === 'ofd' || ext === 'xlsx') return ext;
      return null;
    }
    if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
      if (ext === 'wps' || ext === 'xls') return ext;
      return 'doc';
    }
    return null;
  }
  if (ext) return ext;
  if (type === 'application/pdf') return 'pdf';
  if (type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (type === 'application/msword') return 'doc';
  if (type === 'application/ofd') return 'ofd';
  return null;
}

/** Whether a response's Content-Type announces a document (PDF, Word, OFD, spreadsheet) rather than a page. */
export function looksLikeAttachment(contentType: string): boolean {
  return /^\s*application\/(pdf|msword|ofd|vnd\.openxmlformats|vnd\.ms-|x-pdf)/i.test(contentType);
}

/** What to do with a type that is not audited (the CLI's input error; the viewer's message). */
export const UNSUPPORTED: Record<Exclude<AttachmentKind, 'pdf' | 'docx'>, string> = {
  doc: 'an old binary Word file (.doc) is not supported: open it in Word or WPS and save it as .docx or .pdf, then audit that file',
  wps: 'a WPS document (.wps) is not supported: open it in WPS and save it as .docx or .pdf, then audit that file',
  ofd: 'an OFD document is not supported: open it in an OFD reader (e.g. WPS or 数科阅读器) and export or print it to .pdf, then audit that file',
  xls: 'a spreadsheet (.xls) is not an annual report: audit the report itself (web page, .pdf or .docx)',
  xlsx: 'a spreadsheet (.xlsx) is not an annual report: audit the report itself (web page, .pdf or .docx)',
};

const REPORT_TITLE = /(?:19|20)\d{2}.*(?:年度报告|年报)/;

/**
 * mammoth's HTML of a DOCX, wrapped as a page. mammoth keeps headings, bold, tables and merged
 * cells but not alignment or type size, so the title (a centred bold paragraph in Word) would
 * not stand out: the first paragraph among the first forty (table cells included) that reads like a report title
 * becomes the page's `<h1>` and `<title>`.
 */
export function docxPageHtml(mammothHtml: string): string {
  let value = mammothHtml;
  let title = /<h1>(.*?)<\/h1>/.exec(value)?.[1]?.replace(/<[^>]+>/g, '') ?? '';
  if (!title) {
    const paras = value.match(/<p>.*?<\/p>/g)?.slice(0, 40) ?? [];
    for (const p of paras) {
      const text = p.replace(/<br\s*\/?>/g, '').replace(/<[^>]+>/g, '').trim();
      if (text.length < 100 && REPORT_TITLE.test(text)) {
        title = text;
        value = value.replace(p, `<h1>${text}</h1>`);
        break;
      }
    }
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><div id="article">${value}</div></body></html>`;
}
