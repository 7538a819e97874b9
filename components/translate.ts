/** @wxt-dev/i18n's `t` as the components' Translate (extension pages and the auditor only). */
import { i18n } from '#i18n';
import type { Translate } from './workbook/i18n';

export const t: Translate = (key, substitutions) =>
  (i18n.t as unknown as (key: string, substitutions?: string[]) => string)(key, substitutions?.map(String));
