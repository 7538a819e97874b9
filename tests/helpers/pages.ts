/** Test helpers: real fixtures as PageModels, parsed with happy-dom (no engine entry needed). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import type { PageModel } from '../../lib/types';
import { pageFromDocument } from '../../lib/page';
import { pageFromText } from '../../lib/textdump';

export const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));

export const SEEDS = {
  '000': '000_071676f2277229f7.txt',
  '001': '001_7c44bb757eda1ba7.txt',
  '002': '002_99c313048ea6a297.txt',
  '003': '003_eb5fc01c7533c9cc.txt',
  '004': '004_f7f13551a3070eae.txt',
} as const;

const window = new Window();

export function parseDoc(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

export function htmlPage(html: string, source = 'test.html'): PageModel {
  return pageFromDocument(parseDoc(html), { source, isFile: !/^https?:/.test(source) });
}

export function realPage(name: string): PageModel {
  const text = readFileSync(REAL + name, 'utf8');
  return name.endsWith('.html') ? htmlPage(text, name) : pageFromText(text, name);
}
