/**
 * The popup's view of a tab: ask each frame's content script for its PageStatus and keep
 * the most telling answer (a report in an iframe beats "not a report" in the top frame).
 * Extension APIs are injected so this runs in Node with fakes.
 */
import { PageStatusSchema, type PageStatus } from '../messages';

export interface TabStatusDeps {
  /** Frame ids of the tab the extension may script; may throw (e.g. chrome:// pages). */
  listFrames(tabId: number): Promise<number[]>;
  /** tabs.sendMessage(tabId, {type:'get-status'}, {frameId}); rejects when nobody listens. */
  askFrame(tabId: number, frameId: number): Promise<unknown>;
  /** How long to wait for a frame's answer (default 1500 ms). */
  timeoutMs?: number;
}

/** The promise's value, or a rejection after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

const RANK: Record<PageStatus['state'], number> = {
  report: 5,
  auditing: 4,
  failed: 3,
  'audited-not-report': 2,
  'not-report': 1,
};

/** The better of two statuses (ties keep the first, i.e. the earlier frame). */
export function betterStatus(a: PageStatus | null, b: PageStatus | null): PageStatus | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[b.state] > RANK[a.state] ? b : a;
}

/**
 * The tab's status, or null when no frame answered (no content script: a site the
 * extension does not run on, a browser page, or a page loaded before installation).
 */
export async function queryTabStatus(tabId: number, deps: TabStatusDeps): Promise<PageStatus | null> {
  let frames: number[];
  try {
    frames = await deps.listFrames(tabId);
  } catch {
    frames = [];
  }
  // The top frame always, first; then the others, each once.
  frames = [0, ...new Set(frames.filter((f) => f !== 0))];
  const answers = await Promise.all(
    frames.map(async (frameId) => {
      try {
        const parsed = PageStatusSchema.safeParse(await withTimeout(deps.askFrame(tabId, frameId), deps.timeoutMs ?? 1_500));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    }),
  );
  return answers.reduce<PageStatus | null>(betterStatus, null);
}
