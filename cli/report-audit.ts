/**
 * The command line (contract §5):
 *
 *   npx report-audit [--json] [--all] [--timeout SECONDS] FILE_OR_URL...
 *
 * Without an argument it audits the bundled sample pages (samples/). `main()` takes the
 * arguments and the output writers and returns the exit status, so that tests run it in
 * process; bin/report-audit.mjs wires it to the real process.
 */
import { existsSync, readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FETCH_TIMEOUT_MS, InputError, runPath, runUrl } from '../lib/node';
import type { AuditRun } from '../lib/audit';
import type { AuditResult } from '../lib/types';
import { AuditResultListSchema } from '../lib/schema';
import { TOOL } from '../lib/version';
import { ROWS_PER_RULE, countFindings, formatResult, formatTotals, type Counts } from './format';
import { CrossYearCollector } from './crossyear';
import { BATCH_USAGE, isBatchArgs, runBatchCli } from './batch';
import { errorMessage } from '../lib/error-message';

export const EXIT_OK = 0;
/** An unexpected failure inside the tool (a bug): the input was read but the audit threw. */
export const EXIT_INTERNAL = 1;
/** An input could not be read or parsed, or the command line is wrong. */
export const EXIT_INPUT = 2;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Folder of the bundled sample pages, audited when no input is given. */
  samplesDir: string;
  /** Directory that relative paths are shown against. */
  cwd: string;
  /** Fixed clock for reproducible output (tests). */
  now?: Date;
}

export const USAGE = `report-audit ${TOOL.version}: 政府信息公开工作年度报告审计
Audits Chinese government information-disclosure annual reports (政府信息公开工作年度报告).

Usage:
  npx report-audit [--json] [--all] [--timeout SECONDS] [FILE_OR_URL...]

Each input is a saved HTML page, a text dump (.txt), a report attachment (.pdf, .docx) or an
http(s) URL of any of them. Without an input, the bundled sample pages (samples/) are audited.

Options:
  --json              print only the JSON array of audit results (docs/spec/contract.md §3)
  --all               list every finding (by default at most ${ROWS_PER_RULE} rows per rule and page,
                      the rest counted under the table)
  --timeout SECONDS   give up on a URL that has not answered after SECONDS (default ${FETCH_TIMEOUT_MS / 1000})
  -h, --help          show this help
  -v, --version       print the version

${BATCH_USAGE}
Readable output, per page: source, 标题 title, 年度 year, 格式 format, 机关 publishing body,
then one row per finding:
  级别 severity   错误 error · 警告 warning · 提示 info
  规则 rule       rule id and title (docs/spec/rules.md)
  单元格 cell     the table cell, as the template names it; （全页） for the page as a whole
  应为 expected · 实为 actual · 说明 message
and 不是年报页面 (not an annual report page) when there is nothing to audit.

Reports of one body for consecutive years among the inputs are compared with each other
(cross-year rules: 上年结转, 表二 carry-forward, repeated text, jumps); the readable output
names each pairing ("与 2023 年报告比较: …"), --json findings carry both reports' ids.

Exit status:
  0  every input was read, whatever was found
  1  internal error (a bug in the tool)
  2  an input could not be read or parsed (the others are still audited), or a usage error
`;

function defaultSamplesDir(): string {
  // cli/report-audit.ts → ../samples; the bundle (dist/cli/) → ../../samples. bin/ passes it explicitly.
  for (const rel of ['../samples/', '../../samples/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return fileURLToPath(new URL('../samples/', import.meta.url));
}

const SAMPLE_FILE = /\.(html?|txt)$/i;

export function samplePaths(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => SAMPLE_FILE.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** A path as the user would type it from `cwd` (relative when inside it). */
function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

async function auditFile(path: string, now: Date | undefined): Promise<AuditRun> {
  const info = await stat(path).catch(() => null);
  if (info?.isFile() && info.size === 0) throw new InputError('the file is empty', path);
  return runPath(path, { now });
}

/**
 * Failures that are the input's fault although the engine does not (yet) raise an InputError for
 * them: a server that stops sending mid-page (the fetch timeout or a reset fires while the body is
 * read), and pages nested so deeply that happy-dom's recursive selector engine overflows the stack
 * (about 1 000 nested tables; browsers are not affected). Returns the message, or null for a real bug.
 */
export function inputFailure(e: unknown, url: boolean, timeoutMs: number): string | null {
  const err = e as { name?: string; message?: string } | null;
  if (url && (err?.name === 'TimeoutError' || err?.name === 'AbortError')) {
    return `cannot fetch URL: the page had not fully arrived after ${Math.max(1, Math.round(timeoutMs / 1000))} s`;
  }
  if (url && err?.name === 'TypeError' && /terminated|socket|other side closed/i.test(err.message ?? '')) {
    return 'cannot fetch URL: the connection closed before the page had fully arrived';
  }
  if (err?.name === 'RangeError' && /call stack/i.test(err.message ?? '')) {
    return 'the page is nested too deeply to read (maximum call stack size exceeded)';
  }
  return null;
}

export async function main(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const stdout = io.stdout ?? ((s: string) => void process.stdout.write(s));
  const stderr = io.stderr ?? ((s: string) => void process.stderr.write(s));
  const cwd = io.cwd ?? process.cwd();
  // batch audit (--from-list URL, --urls FILE): cli/batch.ts
  if (isBatchArgs(argv) && !argv.includes('--help') && !argv.includes('-h')) {
    return runBatchCli(argv, { stdout, stderr, fetch: globalThis.fetch as never, now: io.now ? () => io.now! : undefined, handleSigint: true });
  }

  let values: { json?: boolean; all?: boolean; help?: boolean; version?: boolean; timeout?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        all: { type: 'boolean' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (e) {
    // node's messages run on over several lines ("… To specify a positional argument …"): keep the first.
    const first = errorMessage(e).split('\n')[0]!.replace(/\. To specify .*$/, '.').replace(/\.$/, '');
    stderr(`report-audit: ${first}\nTry 'report-audit --help'.\n`);
    return EXIT_INPUT;
  }
  if (values.help) {
    stdout(USAGE);
    return EXIT_OK;
  }
  if (values.version) {
    stdout(`report-audit ${TOOL.version}\n`);
    return EXIT_OK;
  }
  let timeoutMs = FETCH_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    const s = Number(values.timeout);
    if (!Number.isFinite(s) || s <= 0) {
      stderr(`report-audit: --timeout needs a number of seconds above 0, not '${values.timeout}'\n`);
      return EXIT_INPUT;
    }
    timeoutMs = Math.round(s * 1000);
  }

  let inputs: { arg: string; shown: string }[];
  if (positionals.length > 0) {
    inputs = positionals.map((arg) => ({ arg, shown: arg }));
  } else {
    const dir = io.samplesDir ?? defaultSamplesDir();
    let paths: string[];
    try {
      paths = samplePaths(dir);
    } catch {
      paths = [];
    }
    if (paths.length === 0) {
      stderr(`report-audit: no input given and no sample pages in ${dir}\nTry 'report-audit --help'.\n`);
      return EXIT_INPUT;
    }
    inputs = paths.map((p) => ({ arg: p, shown: shownPath(p, cwd) }));
  }

  const results: AuditResult[] = [];
  // the same body's consecutive years among the inputs are compared once all are read (cli/crossyear.ts)
  const crossYear = new CrossYearCollector();
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  let reports = 0;
  let notReports = 0;
  let unreadable = 0;
  let internal = 0;
  let first = true;

  for (const { arg, shown } of inputs) {
    let run: AuditRun;
    try {
      run = isUrl(arg) ? await runUrl(arg, { timeoutMs, now: io.now }) : await auditFile(arg, io.now);
    } catch (e) {
      const failure = e instanceof InputError || (e as Error)?.name === 'InputError' ? errorMessage(e) : inputFailure(e, isUrl(arg), timeoutMs);
      if (failure !== null) {
        unreadable++;
        stderr(`report-audit: ${shown}: ${failure}\n`);
      } else {
        internal++;
        stderr(`report-audit: ${shown}: internal error: ${errorMessage(e)}\n`);
      }
      continue;
    }
    const r = run.result;
    if (shown !== arg) r.source = shown; // a bundled sample: shown relative to the working directory
    results.push(r);
    crossYear.add(run);
    if (r.detected) {
      reports++;
      const c = countFindings(r.findings ?? []);
      counts.error += c.error;
      counts.warning += c.warning;
      counts.info += c.info;
    } else {
      notReports++;
    }
    if (!values.json) {
      const text = formatResult(r, {
        legacy: run.detection.legacy,
        reason: r.detected ? undefined : run.detection.reason,
        rowsPerRule: values.all ? Infinity : ROWS_PER_RULE,
      });
      stdout(`${first ? '' : '\n'}${text}\n`);
      first = false;
    }
  }

  const xy = crossYear.finish({ rowsPerRule: values.all ? Infinity : ROWS_PER_RULE });
  for (const s of ['error', 'warning', 'info'] as const) counts[s] += xy.counts[s];
  if (!values.json && xy.text) {
    stdout(`${first ? '' : '\n'}${xy.text}\n`);
    first = false;
  }

  if (values.json) {
    stdout(`${JSON.stringify(AuditResultListSchema.parse(results), null, 2)}\n`);
  } else if (inputs.length > 1) {
    stdout(`${first ? '' : '\n'}${formatTotals({ reports, notReports, unreadable: unreadable + internal, counts })}\n`);
  }
  if (unreadable > 0) return EXIT_INPUT;
  if (internal > 0) return EXIT_INTERNAL;
  return EXIT_OK;
}
