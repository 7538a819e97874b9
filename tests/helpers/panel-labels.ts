/**
 * The panel's words for component tests (zh-CN, as locales/zh_CN.yml has them): one set for
 * every test that mounts the in-page panel or the viewer's.
 */
import type { CrossYearLabels } from '../../components/panel/CrossYear';
import type { PanelLabels } from '../../components/panel/Panel';

export const CROSS_YEAR_LABELS: CrossYearLabels = {
  title: '跨年比较',
  none: '没有往年报告',
  earlier: '可比较的往年报告：',
  year: (y) => `${y} 年`,
  comparedWith: (y) => `与 ${y} 年报告比较:`,
  noPrevious: (y) => `没有 ${y} 年的报告`,
  rejected: '已标记为不是同一机关',
  notSameBody: '不是同一机关',
  noFindings: '跨年比较未发现问题',
  severity: { error: '错误', warning: '警告', info: '提示' },
  expected: '应为',
  actual: '实为',
  listSeparator: '、',
};

export const PANEL_LABELS: PanelLabels = {
  title: '年报审计',
  error: '错误',
  warning: '警告',
  info: '提示',
  counts: { error: '错误', warning: '警告', info: '提示' },
  next: '下一处',
  previous: '上一处',
  highlights: '显示标注',
  minimise: '收起',
  expand: '展开',
  noFindings: '未发现问题',
  expected: '应为',
  actual: '实为',
  pageLevel: '全文',
  tables: { T2: '表二', T3: '表三', T4: '表四' },
  crossYear: '跨年比较',
  notOnPage: '页面上没有此单元格',
  position: (c, t) => `${c}/${t}`,
  save: { saving: '正在保存', saved: '已保存', failed: '未能保存' },
  review: {
    states: { open: '待复核', confirmed: '已确认', dismissed: '已排除' },
    confirm: '确认',
    dismiss: '排除',
    reopen: '重新打开',
    reason: '排除理由',
    reasons: { 误报: '误报', 模板允许: '模板允许', 已更正: '已更正', 其他: '其他' },
    note: '备注',
    notePlaceholder: '复核备注（可选）',
    saveNote: '保存备注',
    noteToggle: '备注',
  },
  reviewUnavailable: '审计记录保存后才能复核。',
};
