/**
 * The panel's labels in the UI language (@wxt-dev/i18n), shared by the in-page auditor
 * (entrypoints/auditor.ts) and the attachment viewer (entrypoints/viewer/): one panel, one set
 * of words. Extension code only (reads `#i18n`).
 */
import { i18n } from '#i18n';
import type { AuditRun } from '../../lib/audit';
import type { CrossYearLabels } from './CrossYear';
import type { PanelLabels } from './Panel';
import { reviewLabels } from '../review/labels';
import { t } from '../translate';

export function crossYearLabels(): CrossYearLabels {
  return {
    title: i18n.t('crossYear.title'),
    none: i18n.t('crossYear.none'),
    earlier: i18n.t('crossYear.earlier'),
    year: (y) => i18n.t('crossYear.year', [String(y)]),
    comparedWith: (y) => i18n.t('crossYear.comparedWith', [String(y)]),
    noPrevious: (y) => i18n.t('crossYear.noPrevious', [String(y)]),
    rejected: i18n.t('crossYear.rejected'),
    notSameBody: i18n.t('crossYear.notSameBody'),
    noFindings: i18n.t('crossYear.noFindings'),
    severity: { error: i18n.t('panel.error'), warning: i18n.t('panel.warning'), info: i18n.t('panel.info') },
    expected: i18n.t('panel.expected'),
    actual: i18n.t('panel.actual'),
    listSeparator: i18n.t('popup.listSeparator'),
  };
}

export function panelLabels(): PanelLabels {
  return {
    title: i18n.t('panel.title'),
    error: i18n.t('panel.error'),
    warning: i18n.t('panel.warning'),
    info: i18n.t('panel.info'),
    counts: { error: i18n.t('panel.errors'), warning: i18n.t('panel.warnings'), info: i18n.t('panel.infos') },
    next: i18n.t('panel.next'),
    previous: i18n.t('panel.previous'),
    highlights: i18n.t('panel.highlights'),
    minimise: i18n.t('panel.minimise'),
    expand: i18n.t('panel.expand'),
    noFindings: i18n.t('panel.noFindings'),
    expected: i18n.t('panel.expected'),
    actual: i18n.t('panel.actual'),
    pageLevel: i18n.t('panel.pageLevel'),
    tables: { T2: i18n.t('panel.table2'), T3: i18n.t('panel.table3'), T4: i18n.t('panel.table4') },
    crossYear: i18n.t('crossYear.title'),
    notOnPage: i18n.t('panel.notOnPage'),
    position: (c, t) => i18n.t('panel.position', [c > 0 ? String(c) : '–', String(t)]),
    save: { saving: i18n.t('panel.saving'), saved: i18n.t('panel.saved'), failed: i18n.t('panel.saveFailed') },
    review: reviewLabels(t),
    reviewUnavailable: i18n.t('panel.reviewUnavailable'),
  };
}

/** What the panel says instead of an empty list when the page has no template table. */
export function noTablesMessage(run: AuditRun): string | null {
  const ids = new Set((run.result.findings ?? []).map((f) => f.ruleId));
  if (ids.has('DOC-ATTACHMENT-ONLY')) return i18n.t('panel.attachmentOnly');
  if (ids.has('DOC-IMAGE-TABLE')) return i18n.t('panel.imageTables');
  const t = run.context?.tables;
  if (t && !t.T2.found && !t.T3.found && !t.T4.found) return i18n.t('panel.noTables');
  return null;
}
