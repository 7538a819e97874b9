/**
 * Putting a page into the test document (happy-dom) the way a browser would hold it: the HTML is
 * parsed by DOMParser and its nodes are moved in. Page text never goes through an innerHTML
 * assignment, not even in tests (report pages are untrusted input).
 */

/** Make `html` the whole test document (its head and body; the <html> element stays). */
export function loadDocument(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.replaceChildren(...Array.from(parsed.documentElement.childNodes, (n) => document.importNode(n, true)));
}

/** Make `html` the content of the test document's body (empty: clear it). */
export function setBody(html = ''): void {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.importNode(n, true)));
}
