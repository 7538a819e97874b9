/**
 * A Translate over locales/zh_CN.yml (the default locale) for component tests: the same
 * messages @wxt-dev/i18n serves in the extension, $1… substituted.
 */
import { join } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import type { Translate } from '../../components/workbook/i18n';

export async function zhTranslate(): Promise<Translate> {
  const messages = await parseMessagesFile(join(import.meta.dirname, '../../locales/zh_CN.yml'));
  const byKey = new Map<string, string>();
  for (const m of messages) if (m.type === 'simple') byKey.set(m.key.join('.'), m.message);
  return (key, subs = []) => {
    const message = byKey.get(key);
    if (message === undefined) throw new Error(`no message ${key}`);
    return message.replace(/\$(\d)/g, (_, i: string) => String(subs[Number(i) - 1] ?? ''));
  };
}
