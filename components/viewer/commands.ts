/**
 * The keyboard commands (next/previous finding, highlights switch) in the attachment viewer.
 *
 * The background handles `browser.commands.onCommand` alone (lib/ext/background-handlers.ts
 * `handleCommand`) and sends the command's tab message to the active tab with
 * `tabs.sendMessage`. In a viewer tab there is no content script: the message reaches the
 * viewer page itself (an extension page in that tab), whose `runtime.onMessage` answers it here.
 * The viewer does not listen to `commands.onCommand` (that would handle each key twice, and in
 * every open viewer).
 *
 * Accepted only from the extension's own background or popup: no `sender.tab` (content scripts'
 * and tab pages' `runtime.sendMessage` broadcasts carry their tab and are ignored, so a page
 * cannot drive the viewer). `get-status` is not answered (the viewer is not a page the popup audits).
 */
import { TabMessageSchema } from '../../lib/messages';
import type { AuditorUI } from '../panel/controller';

/** What the viewer needs of runtime.MessageSender. */
export interface CommandSender {
  id?: string;
  tab?: unknown;
}

/**
 * Apply a navigate-finding / toggle-highlights message to the viewer's panel. Returns the reply
 * (`ok`: whether a panel was there to act on), or undefined when the message is not for the viewer.
 */
export function viewerTabMessage(
  ui: Pick<AuditorUI, 'next' | 'previous' | 'setHighlights' | 'highlights'> | null,
  message: unknown,
  sender: CommandSender,
  extensionId: string,
): { ok: boolean } | undefined {
  if (sender.id !== extensionId || sender.tab != null) return undefined;
  const m = TabMessageSchema.safeParse(message);
  if (!m.success) return undefined;
  switch (m.data.type) {
    case 'navigate-finding':
      if (ui) (m.data.direction === 'next' ? ui.next : ui.previous)();
      return { ok: !!ui };
    case 'toggle-highlights':
      if (ui) ui.setHighlights(m.data.on ?? !ui.highlights);
      return { ok: !!ui };
    case 'get-status':
      return undefined;
  }
}
