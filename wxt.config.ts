import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

/**
 * Two library code paths the extension never takes, removed so that no string is ever
 * evaluated and no HTML is ever parsed from data (and `web-ext lint` has nothing to flag):
 * - zod probes `new Function("")` to decide whether to compile parsers; the extension runs
 *   zod jitless (lib/ext/zod-jitless.ts) and its CSP forbids eval, so the probe says no;
 * - Preact's `dangerouslySetInnerHTML` (never used here) writes text instead of HTML.
 */
function hardenBundle(): Plugin {
  return {
    name: 'report-auditor:harden-bundle',
    enforce: 'post',
    transform(code, id) {
      if (/node_modules[\\/]zod[\\/]/.test(id) && code.includes('new F("")')) {
        return { code: code.replace(/const F = Function;\s*new F\(""\);\s*return true;/, 'return false;'), map: null };
      }
      if (/node_modules[\\/]preact[\\/]dist[\\/]/.test(id) && code.includes('.innerHTML=')) {
        return { code: code.replace(/\.innerHTML=/g, '.textContent='), map: null };
      }
      return null;
    },
  };
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  // REPORT_AUDIT_OUT: another output folder (parallel builds while developing); tests and benchmarks read the same variable
  outDir: process.env.REPORT_AUDIT_OUT ?? '.output',
  // The engine (lib/) is plain TypeScript; auto-imports stay off so that lib/ never
  // depends on WXT globals and runs unchanged in Node (CLI, tests).
  imports: false,
  modules: ['@wxt-dev/i18n/module'],
  vite: () => ({
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), hardenBundle()],
  }),
  manifest: ({ browser }) => ({
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
    // Firefox only (Chrome warns about the key)
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'report-auditor@example.org',
              // Firefox: the extension collects and transmits no data.
              data_collection_permissions: { required: ['none'] },
            } as Record<string, unknown>,
          },
        }
      : {}),
  }),
});
