/** Save a file from a page: an object URL on an <a download>, clicked, then revoked. */
export function downloadBlob(blob: Blob, name: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // the download has started by then; the URL is not needed after it
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
