#!/usr/bin/env node
/**
 * `npx report-audit [--json] FILE_OR_URL...` (docs/spec/contract.md §5).
 * Runs the bundle that `npm run build` writes to dist/cli/; the sample pages audited when no
 * input is given are found next to this file (../samples/), wherever the command is run from.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/report-audit.mjs', import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

if (!existsSync(bundle)) {
  process.stderr.write(
    `report-audit: the command line is not built yet (${fileURLToPath(bundle)} is missing).\n` +
      `Run \`npm run build\` (or \`npm run build:cli\`) in ${root} first.\n`,
  );
  process.exit(1);
}

// Output piped into `head` and the like: stop quietly when the reader goes away.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2), {
  samplesDir: fileURLToPath(new URL('../samples/', import.meta.url)),
});
