import { defineBackground } from 'wxt/utils/define-background';

// The background will own the Dexie database and validate every message from the
// content scripts (issue 3). For now it only announces itself.
export default defineBackground(() => {
  console.info('[report-auditor] background ready');
});
