import { RULES } from '../lib/rules';

/** Toolbar popup. The page status and recent reports arrive with the extension issue. */
export function Popup() {
  return (
    <main style={{ font: '14px system-ui, sans-serif', padding: '12px', minWidth: '260px' }}>
      <h1 style={{ fontSize: '15px', margin: '0 0 6px' }}>政府信息公开年报审计助手</h1>
      <p style={{ margin: 0, color: '#555' }}>Report Auditor · {RULES.length} rules</p>
    </main>
  );
}
