/**
 * A response body read in chunks up to a size limit, so that an oversized page is cut off
 * instead of filling memory. Shared by the CLI (lib/node.ts) and the batch (lib/batch-fetch.ts);
 * `tooLarge()` gives the caller's error. Other read errors (reset, timeout) are thrown as they are.
 */
export async function readBodyBytes(
  res: Response,
  maxBytes: number,
  tooLarge: () => Error,
  /** Told the bytes read so far after each chunk (a progress bar). */
  onProgress?: (loaded: number) => void,
): Promise<Uint8Array> {
  const reader = res.body?.getReader();
  if (!reader) {
    const all = new Uint8Array(await res.arrayBuffer());
    if (all.length > maxBytes) throw tooLarge();
    onProgress?.(all.length);
    return all;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
    onProgress?.(size);
  }
  // always a fresh buffer of its own: a consumer may transfer it (pdf.js hands it to its worker)
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
