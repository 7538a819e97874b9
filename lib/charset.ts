/**
 * Page bytes → text, the same way in Node (lib/node.ts: files and URLs) and in the extension's
 * batch (lib/batch-fetch.ts: pages fetched without a tab). No DOM, no Node API.
 */

const ALIASES: Record<string, string> = { gb2312: 'gbk', 'x-gbk': 'gbk', gb_2312: 'gbk', 'gb2312-80': 'gbk', utf8: 'utf-8' };

/** A decoder for a declared charset label, or null when the label is missing or unknown. */
function decoderFor(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  try {
    return new TextDecoder(ALIASES[l] ?? l);
  } catch {
    return null;
  }
}

/** Charset declared in `<meta charset>` or `<meta http-equiv=content-type content="…charset=…">` within the first 4 KB. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)/i.exec(head)?.[1] ?? null;
}

/**
 * Bytes → text: a BOM, else the HTTP charset, else `<meta charset>`, else UTF-8 when valid,
 * else GB18030 (a superset of GBK/GB2312). NUL bytes in the first 8 KB mean binary content:
 * `binary()` gives the caller's error for it.
 */
export function decodeText(bytes: Uint8Array, httpCharset: string | null | undefined, binary: () => Error): string {
  if (bytes.length === 0) return '';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 8192).includes(0)) throw binary();
  const declared = decoderFor(httpCharset) ?? decoderFor(sniffMetaCharset(bytes));
  if (declared) return declared.decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
