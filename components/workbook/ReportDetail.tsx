/**
 * One stored report: its tables rebuilt from the evidence with the flagged cells marked, and
 * its findings (current ones, then resolved ones, muted) with the review controls. A review
 * change shows at once and is stored in the background of the click; when it cannot be
 * stored the finding goes back to what it was and says why.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { describeCell } from '../../lib/template';
import { ReviewControls, type Review, type ReviewLabels, type ReviewUpdate } from '../review/ReviewControls';
import type { DetailFinding, ReportDetail, WorkbookApi } from './api';
import { EvidenceTables, flaggedCells } from './evidence';
import type { Translate } from './i18n';
import { formatTime } from './rows';
import { AttachmentSource } from '../viewer/AttachmentSource';
import { errorMessage } from '../../lib/error-message';

export interface ReportDetailProps {
  api: WorkbookApi;
  t: Translate;
  reviewLabels: ReviewLabels;
  url: string;
  ruleTitle(id: string): string;
  /** A finding's review changed (the list's progress follows). */
  onReviewChanged(url: string, before: DetailFinding, after: DetailFinding): void;
}

type Load = { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed'; message: string } | { kind: 'ready'; detail: ReportDetail };

const reviewOf = (f: DetailFinding): Review => ({ state: f.review, reason: f.review === 'dismissed' ? f.reviewReason : null, note: f.reviewNote ?? '' });

export function ReportDetailView(p: ReportDetailProps) {
  const { t } = p;
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [findings, setFindings] = useState<DetailFinding[]>([]);
  const [errors, setErrors] = useState<ReadonlyMap<number, string>>(new Map());
  const [active, setActive] = useState<number | null>(null);

  useEffect(() => {
    let alive = true;
    setLoad({ kind: 'loading' });
    setActive(null);
    setErrors(new Map());
    p.api.detail(p.url).then(
      (d) => {
        if (!alive) return;
        if (!d) return setLoad({ kind: 'missing' });
        // current findings first (in the audit's order), then the resolved ones
        const ordered = [...d.findings.filter((f) => f.status !== 'resolved'), ...d.findings.filter((f) => f.status === 'resolved')];
        setFindings(ordered);
        setLoad({ kind: 'ready', detail: d });
      },
      (e: unknown) => alive && setLoad({ kind: 'failed', message: errorMessage(e) }),
    );
    return () => {
      alive = false;
    };
  }, [p.url]);

  const current = useMemo(() => findings.filter((f) => f.status !== 'resolved'), [findings]);
  const flags = useMemo(() => flaggedCells(current), [current]);
  const activeFinding = findings.find((f) => f.id === active) ?? null;
  const activeCells = useMemo(() => new Set(activeFinding?.cells ?? []), [activeFinding]);

  if (load.kind === 'loading') return <p class="muted" data-testid="detail-loading">{t('workbook.loading')}</p>;
  if (load.kind !== 'ready')
    return (
      <section class="detail">
        <a href="#" class="back" data-testid="detail-back">
          {t('workbook.back')}
        </a>
        <p class="error" data-testid="detail-not-found" role="alert">
          {load.kind === 'missing' ? t('workbook.notFound') : t('workbook.loadFailed', [load.message])}
        </p>
      </section>
    );

  const r = load.detail.report;
  const format = r.format;
  const replace = (f: DetailFinding) => setFindings((fs) => fs.map((x) => (x.id === f.id ? f : x)));
  const setError = (id: number, message: string | null) =>
    setErrors((m) => {
      const next = new Map(m);
      if (message === null) next.delete(id);
      else next.set(id, message);
      return next;
    });

  const change = (f: DetailFinding, u: ReviewUpdate) => {
    const after: DetailFinding = {
      ...f,
      review: u.state,
      reviewReason: u.state === 'dismissed' ? (u.reason ?? f.reviewReason) : null,
      reviewNote: u.note === undefined ? f.reviewNote : u.note || null,
      reviewedAt: new Date().toISOString(),
    };
    replace(after);
    setError(f.id, null);
    p.api.setReview(f.id, u).then(
      () => p.onReviewChanged(r.url, f, after),
      (e: unknown) => {
        replace(f);
        setError(f.id, t('review.failed', [errorMessage(e)]));
      },
    );
  };

  const selectCell = (id: string) => {
    const f = current.find((x) => x.cells[0] === id);
    if (!f) return;
    setActive(f.id);
    document.getElementById(`finding-${f.id}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };
  const selectFinding = (f: DetailFinding) => {
    setActive(f.id === active ? null : f.id);
    const first = f.cells[0];
    if (first) document.querySelector(`[data-cell="${CSS.escape(first)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
  };

  const sev = (s: DetailFinding['severity']) => t(`common.${s}`);
  return (
    <section class="detail" data-testid="report-detail" data-url={r.url}>
      <a href="#" class="back" data-testid="detail-back">
        {t('workbook.back')}
      </a>
      <header class="detail-head">
        <h2 data-testid="detail-title">{r.title ?? r.entity ?? t('workbook.untitled')}</h2>
        <p class="meta">
          <span>{r.entity ?? t('workbook.unknown')}</span>
          <span>{r.year ?? t('workbook.unknown')}</span>
          <span>{format ?? t('workbook.formatUnknown')}</span>
          <span>{t('workbook.auditedAt', [formatTime(r.auditedAt)])}</span>
          <a href={r.url} target="_blank" rel="noopener noreferrer" title={r.url}>
            {t('workbook.openPage')}
          </a>
        </p>
        <p class="url muted">{r.url}</p>
        {r.attachment && <AttachmentSource t={t} url={r.url} attachment={r.attachment} />}
        {r.evidenceSha256 && <p class="sha muted">{t('workbook.evidence', [r.evidenceSha256])}</p>}
      </header>
      <div class="detail-body">
        <div class="detail-tables">
          <h2>{t('workbook.tablesTitle')}</h2>
          {Object.keys(r.cells).length === 0 ? (
            <p class="muted">{t('workbook.noCells')}</p>
          ) : (
            <EvidenceTables t={t} format={format} cells={r.cells} flags={flags} active={activeCells} focus={activeFinding?.cells[0] ?? null} onCell={selectCell} />
          )}
        </div>
        <div class="detail-findings">
          <h2>
            {t('workbook.findingsTitle')} <span class="muted">({current.length})</span>
          </h2>
          {findings.length === 0 && <p class="muted">{t('workbook.noFindings')}</p>}
          <ol class="findings">
            {findings.map((f) => {
              const resolved = f.status === 'resolved';
              return (
                <li
                  key={f.id}
                  id={`finding-${f.id}`}
                  class={`finding ${f.severity}${resolved ? ' resolved' : ''}${f.id === active ? ' active' : ''} review-${f.review}`}
                  data-testid="detail-finding"
                  data-rule={f.ruleId}
                  data-cell={f.cells[0] ?? ''}
                  data-status={f.status}
                >
                  <button type="button" class="finding-head" aria-pressed={f.id === active} onClick={() => selectFinding(f)}>
                    <span class={`sev ${f.severity}`}>{sev(f.severity)}</span>
                    <span class="rule">{p.ruleTitle(f.ruleId)}</span> <span class="muted">{f.ruleId}</span>
                    {resolved && (
                      <span class="resolved-badge" data-testid="finding-resolved" title={t('review.resolvedHint')}>
                        {t('review.resolved')}
                      </span>
                    )}
                    {f.cells[0] && <span class="cell">{describeCell(f.cells[0], format)}</span>}
                    {(f.expected !== undefined || f.actual !== undefined) && (
                      <span class="values">
                        {f.expected !== undefined && `${t('workbook.expected')} ${f.expected}`}
                        {f.expected !== undefined && f.actual !== undefined && ' · '}
                        {f.actual !== undefined && `${t('workbook.actual')} ${f.actual}`}
                      </span>
                    )}
                    <span class="msg">{f.message}</span>
                  </button>
                  <ReviewControls review={reviewOf(f)} labels={p.reviewLabels} disabled={resolved} error={errors.get(f.id) ?? null} onChange={(u) => change(f, u)} />
                </li>
              );
            })}
          </ol>
        </div>
      </div>
    </section>
  );
}
