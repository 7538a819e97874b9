import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // The engine (lib/) is plain TypeScript; auto-imports stay off so that lib/ never
  // depends on WXT globals and runs unchanged in Node (CLI, tests).
  imports: false,
  modules: ['@wxt-dev/i18n/module'],
  vite: () => ({
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // Why each permission: docs/permissions.md.
    permissions: ['scripting', 'activeTab'],
    host_permissions: ['*://*.gov.cn/*'],
    // Granted one site at a time from the options page (permissions.request).
    optional_host_permissions: ['*://*/*'],
    commands: {
      'next-finding': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_background_cmdNextFinding__',
      },
      'previous-finding': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_background_cmdPreviousFinding__',
      },
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_background_cmdToggleHighlights__',
      },
    },
    browser_specific_settings: {
      gecko: {
        id: 'report-auditor@example.org',
        // Firefox: the extension collects and transmits no data.
        data_collection_permissions: { required: ['none'] },
      } as Record<string, unknown>,
    },
  },
});
