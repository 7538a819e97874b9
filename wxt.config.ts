import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // The engine (lib/) is plain TypeScript; auto-imports stay off so that lib/ never
  // depends on WXT globals and runs unchanged in Node (CLI, tests).
  imports: false,
  vite: () => ({
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  }),
  manifest: {
    name: 'Report Auditor 政府信息公开年报审计助手',
    description: 'Audits government information-disclosure annual reports (政府信息公开工作年度报告) on their web pages.',
    browser_specific_settings: {
      gecko: {
        id: 'report-auditor@example.org',
        // Firefox: the extension collects and transmits no data.
        data_collection_permissions: { required: ['none'] },
      } as Record<string, unknown>,
    },
  },
});
