import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * pdf.js's data for the attachment viewer, packaged (no remote code or data): the CJK CMaps
 * (text of PDFs whose fonts are not embedded) and the standard fonts, copied from pdfjs-dist to
 * pdfjs/cmaps/ and pdfjs/standard_fonts/ (entrypoints/viewer/main.tsx points pdf.js there).
 */
function pdfjsAssets(): { absoluteSrc: string; relativeDest: string }[] {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return ['cmaps', 'standard_fonts'].flatMap((dir) =>
    // with their LICENSE files
    readdirSync(join(root, dir)).map((f) => ({ absoluteSrc: join(root, dir, f), relativeDest: `pdfjs/${dir}/${f}` })),
  );
}

/**
 * Library code paths the extension never takes, removed so that no string is ever
 * evaluated and no HTML is ever parsed from data (and `web-ext lint` has nothing to flag):
 * - zod probes `new Function("")` to decide whether to compile parsers; the extension runs
 *   zod jitless (lib/ext/zod-jitless.ts) and its CSP forbids eval, so the probe says no;
 * - Preact's `dangerouslySetInnerHTML` (never used here) writes text instead of HTML;
 * - the attachment viewer's libraries: pdf.js probes `new Function("")` (and runs with
 *   isEvalSupported: false, so its PostScript compiler is never used) and can load a "fake
 *   worker" by dynamic import (the viewer always gives it a real, packaged worker); mammoth's
 *   underscore finds the global object with `Function('return this')` and compiles templates
 *   (never used by mammoth's converter); setimmediate (also inlined in JSZip's browser build) evaluates a string callback
 *   (never passed). Each becomes the path the extension takes anyway.
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
      if (/node_modules[\\/]pdfjs-dist[\\/]/.test(id)) {
        return {
          code: code
            .replace(/new Function\((['"])\1\);\s*return true;/g, 'return false;')
            .replace(/return new Function\([^;]*?compiled\);/g, '/* no eval: interpreted below */')
            .replace(/await import\(\s*\/\*webpackIgnore: true\*\/\s*this\.workerSrc\)/g, 'await Promise.reject(new Error("pdf.js: no fake worker in the extension"))'),
          map: null,
        };
      }
      if (/node_modules[\\/]underscore[\\/]/.test(id)) {
        return {
          code: code
            .replace(/Function\((['"])return this\1\)\(\)/g, 'globalThis')
            .replace(/new Function\((\w+),\s*(['"])_\2,\s*(\w+)\)/g, '(function () { throw new Error("templates are not available"); })()'),
          map: null,
        };
      }
      if (/node_modules[\\/](setimmediate|jszip)[\\/]/.test(id)) {
        return { code: code.replace(/new Function\((['"])\1\s*\+\s*\w+\)/g, '(function () { throw new TypeError("setImmediate needs a function"); })()'), map: null };
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
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...pdfjsAssets());
    },
  },
  vite: () => ({
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), hardenBundle()],
    // workers (the XLSX writer, pdf.js) are bundled apart: the same hardening
    worker: { plugins: () => [hardenBundle()] },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // Why each permission: docs/permissions.md.
    // offscreen (Chrome only): the batch audit parses pages in an offscreen document (its
    // service worker has no DOMParser); Firefox's background page has a DOM.
    permissions: ['scripting', 'activeTab', ...(browser === 'firefox' ? [] : ['offscreen'])],
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
