/**
 * The review controls of one finding, shared by the in-page panel (compact) and the
 * workbook's report view: the state (待复核 / 已确认 / 已排除), 确认, 排除 with a reason,
 * 重新打开, and a note saved on blur or with its button. A pure component: the caller
 * owns the review and persists every change (optimistically, so changes show at once).
 * Free of extension APIs and of the store, so the injected auditor can bundle it.
 */
import { useState } from 'preact/hooks';
import type { ReviewReason, ReviewState } from '../../lib/messages';

export type { ReviewReason, ReviewState };
export const REVIEW_STATES = ['open', 'confirmed', 'dismissed'] as const satisfies readonly ReviewState[];
/** The reasons for dismissing a finding, as stored (zh-CN values, like the findings' messages). */
export const REVIEW_REASONS = ['误报', '模板允许', '已更正', '其他'] as const satisfies readonly ReviewReason[];

/** A finding's review as the controls show it. */
export interface Review {
  state: ReviewState;
  reason: ReviewReason | null;
  note: string;
}

/** What a control asks the caller to store. */
export interface ReviewUpdate {
  state: ReviewState;
  reason?: ReviewReason;
  note?: string;
}

export const OPEN_REVIEW: Review = { state: 'open', reason: null, note: '' };

export interface ReviewLabels {
  states: Record<ReviewState, string>;
  confirm: string;
  dismiss: string;
  reopen: string;
  reason: string;
  reasons: Record<ReviewReason, string>;
  note: string;
  notePlaceholder: string;
  saveNote: string;
  /** The toggle that shows the note in the compact form. */
  noteToggle: string;
}

export interface ReviewControlsProps {
  review: Review;
  labels: ReviewLabels;
  /** Compact form (the in-page panel): the note is behind a toggle unless it has text. */
  compact?: boolean;
  /** No change possible (e.g. the audit is not stored yet); the state is still shown. */
  disabled?: boolean;
  /** Why the last change failed, shown under the controls. */
  error?: string | null;
  onChange(update: ReviewUpdate): void;
}

export function isReviewReason(v: unknown): v is ReviewReason {
  return typeof v === 'string' && (REVIEW_REASONS as readonly string[]).includes(v);
}

/** The state's words, with the reason of a dismissal: "已排除 · 误报". */
export function reviewStateText(review: Review, labels: ReviewLabels): string {
  const state = labels.states[review.state];
  return review.state === 'dismissed' && review.reason ? `${state} · ${labels.reasons[review.reason]}` : state;
}

export function ReviewControls(p: ReviewControlsProps) {
  const { review, labels } = p;
  // Drafts hold what the person chose or typed, for the stored value they were made against:
  // when the stored review changes from outside (initial states, a failed save) the controls
  // follow it again.
  const [reasonDraft, setReasonDraft] = useState<{ against: ReviewReason | null; value: ReviewReason } | null>(null);
  const [noteDraft, setNoteDraft] = useState<{ against: string; value: string } | null>(null);
  const [noteOpen, setNoteOpen] = useState(false);
  const reason: ReviewReason = reasonDraft && reasonDraft.against === review.reason ? reasonDraft.value : (review.reason ?? REVIEW_REASONS[0]);
  const note = noteDraft && noteDraft.against === review.note ? noteDraft.value : review.note;
  const showNote = !p.compact || noteOpen || review.note !== '' || note !== '';
  const setReason = (value: ReviewReason) => setReasonDraft({ against: review.reason, value });
  const setNote = (value: string) => setNoteDraft({ against: review.note, value });

  // every change carries the whole review: the state, the reason of a dismissal and the note
  // (an unsaved note draft is saved with the state)
  const change = (state: ReviewState, r: ReviewReason | undefined = state === 'dismissed' ? reason : undefined) =>
    p.onChange({ state, ...(r ? { reason: r } : {}), note });
  const saveNote = () => {
    if (note === review.note) return;
    p.onChange({ state: review.state, ...(review.state === 'dismissed' && review.reason ? { reason: review.reason } : {}), note });
  };

  return (
    <div class={`review${p.compact ? ' compact' : ''}`} data-review-state={review.state}>
      <div class="review-row">
        <span class={`review-state ${review.state}`} data-testid="review-state" data-state={review.state} data-reason={review.reason ?? ''}>
          {reviewStateText(review, labels)}
        </span>
        <button type="button" data-testid="review-confirm" disabled={p.disabled || review.state === 'confirmed'} onClick={() => change('confirmed')}>
          {labels.confirm}
        </button>
        <button type="button" data-testid="review-dismiss" disabled={p.disabled || review.state === 'dismissed'} onClick={() => change('dismissed')}>
          {labels.dismiss}
        </button>
        <select
          data-testid="review-reason"
          aria-label={labels.reason}
          title={labels.reason}
          disabled={p.disabled}
          value={reason}
          onChange={(e) => {
            const v = (e.currentTarget as HTMLSelectElement).value;
            if (!isReviewReason(v)) return;
            setReason(v);
            // a dismissed finding takes the new reason at once
            if (review.state === 'dismissed' && v !== review.reason) change('dismissed', v);
          }}
        >
          {REVIEW_REASONS.map((r) => (
            <option value={r} key={r}>
              {labels.reasons[r]}
            </option>
          ))}
        </select>
        <button type="button" data-testid="review-reopen" disabled={p.disabled || review.state === 'open'} onClick={() => change('open')}>
          {labels.reopen}
        </button>
        {p.compact && !showNote && (
          <button type="button" class="note-toggle" data-testid="review-note-toggle" aria-expanded="false" onClick={() => setNoteOpen(true)}>
            {labels.noteToggle}
          </button>
        )}
      </div>
      {showNote && (
        <div class="review-note">
          <textarea
            data-testid="review-note"
            aria-label={labels.note}
            placeholder={labels.notePlaceholder}
            rows={p.compact ? 2 : 3}
            maxLength={2000}
            disabled={p.disabled}
            value={note}
            onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
            onBlur={saveNote}
          />
          {!p.compact && (
            <button type="button" data-testid="review-note-save" disabled={p.disabled || note === review.note} onClick={saveNote}>
              {labels.saveNote}
            </button>
          )}
        </div>
      )}
      {p.error && (
        <p class="review-error" role="alert" data-testid="review-error">
          {p.error}
        </p>
      )}
    </div>
  );
}
