#!/usr/bin/env node
/**
 * Run a TypeScript file in plain Node, without tsx or ts-node:
 *
 *   node scripts/run-ts.mjs FILE.ts [ARGS...]
 *
 * esbuild bundles FILE.ts (and the project files it imports) into one ESM file under
 * node_modules/.cache/run-ts/, packages from node_modules stay external (imported at run
 * time, so happy-dom resolves as usual), then the bundle is imported. `process.argv` is
 * rewritten to `[node, FILE.ts, ...ARGS]`. Every `import.meta.url` keeps the URL of the
 * source file it was written in, so paths relative to a source file work as in Vitest.
 * Used by `npm run bench`.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** esbuild plugin: replace `import.meta.url` in each project .ts file by that file's own URL. */
export const sourceImportMetaUrl = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
      if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const contents = text.includes('import.meta.url')
        ? text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        : text;
      return { contents, loader: /\.[cm]?tsx$/.test(args.path) ? 'tsx' : 'ts' };
    });
  },
};

async function main() {
  const [file, ...args] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node scripts/run-ts.mjs FILE.ts [ARGS...]');
    process.exit(2);
  }
  const entry = resolve(file);
  const cacheDir = join(ROOT, 'node_modules', '.cache', 'run-ts');
  mkdirSync(cacheDir, { recursive: true });
  // Bundles of runs that died (out of memory, killed) are not removed by `finally`: drop those over an hour old.
  for (const f of readdirSync(cacheDir)) {
    const p = join(cacheDir, f);
    try {
      if (Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { force: true });
    } catch {
      // another run removed it
    }
  }
  const outfile = join(cacheDir, `${process.pid}-${Date.now()}.mjs`);
  try {
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'warning',
      plugins: [sourceImportMetaUrl],
    });
  } catch {
    process.exit(1); // esbuild has printed the errors
  }
  process.argv = [process.argv[0], entry, ...args];
  try {
    await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
