/**
 * The audit workbook page (workbook.html, opened from the popup). An extension page: it opens
 * the report database of the extension's origin directly, as the background does.
 */
import '../../lib/ext/zod-jitless';
import '../../assets/workbook.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Workbook } from '../../components/workbook/Workbook';
import { dbApi } from '../../components/workbook/api';
import { downloadBlob } from '../../components/workbook/download';
import { t } from '../../components/translate';
import { openAuditDb } from '../../lib/store/db';
import { dbBatchSource } from '../../components/batch/BatchFilter';
import { i18n } from '#i18n';

const zh = browser.i18n.getUILanguage().toLowerCase().startsWith('zh');
document.documentElement.lang = zh ? 'zh-CN' : 'en';

const root = document.getElementById('app');
const db = openAuditDb();
const batches = dbBatchSource(db, { filter: i18n.t('batch.filter'), all: i18n.t('batch.allBatches') });
const api = dbApi(db, {
  lang: zh ? 'zh' : 'en',
  // the XLSX is built in a worker, so that the page answers while it is built
  exportWorker: () => new Worker(new URL('../../components/workbook/export.worker.ts', import.meta.url), { type: 'module' }),
});
const show = (ruleTitle: (id: string) => string) =>
  root && render(<Workbook api={api} t={t} ruleTitle={ruleTitle} download={downloadBlob} batches={batches} />, root);
show((id) => id);
// the rules' titles (every rule's metadata, cross-year rules included) load after the list is up
void import('../../lib/rules/catalogue').then(({ ruleTitleOf }) => show((id) => ruleTitleOf(id, zh ? 'zh' : 'en')));
