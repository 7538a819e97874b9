/** The review controls' words in the UI language (@wxt-dev/i18n), for the panel and the workbook. */
import type { ReviewLabels } from './ReviewControls';
import type { Translate } from '../workbook/i18n';

export function reviewLabels(t: Translate): ReviewLabels {
  return {
    states: { open: t('review.open'), confirmed: t('review.confirmed'), dismissed: t('review.dismissed') },
    confirm: t('review.confirm'),
    dismiss: t('review.dismiss'),
    reopen: t('review.reopen'),
    reason: t('review.reason'),
    reasons: {
      误报: t('review.reasonFalsePositive'),
      模板允许: t('review.reasonTemplateAllowed'),
      已更正: t('review.reasonCorrected'),
      其他: t('review.reasonOther'),
    },
    note: t('review.note'),
    notePlaceholder: t('review.notePlaceholder'),
    saveNote: t('review.saveNote'),
    noteToggle: t('panel.reviewNoteToggle'),
  };
}
