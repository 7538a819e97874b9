/**
 * The workbook's words come through a `t` function: the page passes @wxt-dev/i18n's, tests
 * pass one over locales/zh_CN.yml. Keys are the generated ones (`npx wxt prepare`).
 */
import type { GeneratedI18nStructure } from '#i18n';

export type MessageKey = Extract<keyof GeneratedI18nStructure, `workbook.${string}` | `review.${string}` | `common.${string}` | `panel.reviewNoteToggle` | `viewer.${string}`>;
export type Translate = (key: MessageKey, substitutions?: readonly (string | number)[]) => string;
