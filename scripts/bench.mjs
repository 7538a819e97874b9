#!/usr/bin/env node
/**
 * `npm run bench [-- --quick]`: every benchmark in turn, each given the same arguments.
 * Benchmarks print figures; none of them is a test.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCHES = ['bench/engine.bench.ts', 'bench/extension.bench.ts', 'bench/workbook.bench.ts', 'bench/workbook-browser.bench.ts', 'bench/batch.bench.ts', 'bench/attachment.bench.ts', 'bench/viewer.bench.ts'];
const args = process.argv.slice(2);
let failed = 0;
for (const b of BENCHES) {
  console.log(`\n=== ${b} ${args.join(' ')}`.trimEnd());
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/run-ts.mjs'), b, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`${b} failed (exit ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
