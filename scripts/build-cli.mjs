#!/usr/bin/env node
/**
 * Bundle the command line: cli/report-audit.ts with lib/ → dist/cli/report-audit.mjs, one ESM
 * file for Node 20. Packages stay external: the bundle may import only the runtime
 * `dependencies` of package.json (happy-dom, zod), which `npm ci` installs; bundling them would
 * copy ~1.5 MB of libraries into dist/ for nothing (zod alone is 750 KB with its locales). The
 * build fails if the CLI imports any other package (a devDependency would be missing in a
 * production install). bin/report-audit.mjs imports the bundle.
 *
 *   node scripts/build-cli.mjs            (npm run build:cli)
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = join(ROOT, 'cli/report-audit.ts');
export const OUTFILE = join(ROOT, 'dist/cli/report-audit.mjs');

/** Build the bundle; returns its size in bytes. */
export async function buildCli({ outfile = OUTFILE } = {}) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // A CommonJS module inside an ESM bundle may call require() (of node: builtins).
    banner: { js: "import { createRequire as __reportAuditRequire } from 'node:module';\nconst require = __reportAuditRequire(import.meta.url);" },
  });
  const out = Object.entries(result.metafile.outputs).find(([f]) => f.endsWith('.mjs'));
  const deps = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies ?? {});
  const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2) : spec.split('/').slice(0, 1)).join('/');
  const stray = (out?.[1].imports ?? [])
    .filter((i) => i.external && !i.path.startsWith('node:') && !deps.includes(packageOf(i.path)))
    .map((i) => i.path);
  if (stray.length > 0) throw new Error(`the CLI imports packages that are not runtime dependencies: ${[...new Set(stray)].join(', ')}`);
  return out ? out[1].bytes : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bytes = await buildCli();
  console.log(`built ${relative(process.cwd(), OUTFILE) || OUTFILE} (${Math.round(bytes / 1024)} KB)`);
}
