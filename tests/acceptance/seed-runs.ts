/**
 * The seeds as the acceptance tests audit them: each as its text dump and as the word / flat / split HTML pages
 * generated from it (scripts/make-fixtures.mjs), through the Node entry.
 */
import type { AuditRun } from '../../lib/audit';
import { runHtml, runText } from '../../lib/node';
import { REAL, SEEDS, SEEDS_DIR, read, type SeedId } from './expectations';

export const MARKUPS = ['text', 'word', 'flat', 'split'] as const;
export type Markup = (typeof MARKUPS)[number];

/** A seed audited in one markup. */
export function runSeed(id: SeedId, markup: Markup): AuditRun {
  if (markup === 'text') {
    const path = REAL + SEEDS[id].file;
    return runText(read(path), { source: path });
  }
  const path = `${SEEDS_DIR}${id}.${markup}.html`;
  return runHtml(read(path), { source: path });
}
