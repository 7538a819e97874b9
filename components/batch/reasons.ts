/** Why a batch item failed, in the UI language: the popup's batch progress and its list-page reading. */
import { i18n } from '#i18n';
import type { FailureCode } from '../../lib/batch-fetch';

const REASON_KEY: Record<FailureCode, string> = {
  timeout: 'batch.reasonTimeout',
  http: 'batch.reasonHttp',
  network: 'batch.reasonNetwork',
  'not-report': 'batch.reasonNotReport',
  attachment: 'batch.reasonAttachment',
  decode: 'batch.reasonDecode',
  'too-large': 'batch.reasonTooLarge',
  permission: 'batch.reasonPermission',
  error: 'batch.reasonError',
};

const tr = i18n.t as unknown as (key: string, subs?: (string | number)[]) => string;

/** The words for a failure code; a code this version does not know reads as a general error. */
export function failureReason(code: string | undefined): string {
  return tr(code !== undefined && Object.hasOwn(REASON_KEY, code) ? REASON_KEY[code as FailureCode] : REASON_KEY.error);
}
