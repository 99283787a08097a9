/** Chinese labels for the codes and field names the API uses. */
import type { EntryKind } from './api.js';

export const KIND_LABEL: Record<EntryKind, string> = { item: '办事指南', policy: '政策文件', law: '法律法规', faq: '常见问题' };
export const KIND_COLOR: Record<EntryKind, string> = { item: 'blue', policy: 'green', law: 'red', faq: 'orange' };

export const MATERIAL_TYPE: Record<string, string> = { '1': '证件证书证明', '2': '申请表格文书', '3': '其他' };
export const MATERIAL_SOURCE: Record<string, string> = { '10': '申请人自备', '20': '政府部门核发', '99': '其他' };
export const NECESSITY: Record<string, string> = { '1': '必要', '2': '非必要', '3': '容缺后补' };

/** Passage labels of service items and FAQs are field names (src/knowledge/entry-text.ts). */
const FIELD_LABEL: Record<string, string> = {
  name: '基本信息',
  summary: '事项概述',
  conditions: '受理条件',
  materials: '申请材料',
  situation: '办理情形',
  timeLimit: '办理时限',
  fees: '收费标准',
  process: '办理流程',
  places: '办理地点和时间',
  online: '网上办理',
  contact: '咨询/投诉电话',
  legalBasis: '设定依据',
  result: '审批结果',
  faq: '常见问题',
  question: '问题',
  alternatives: '相似问法',
  answer: '答复',
};

/** "materials" → 申请材料, "situation:married" → 办理情形; law labels (第二十条) pass through. */
export function passageLabel(label: string): string {
  const field = label.split(':', 1)[0]!;
  return FIELD_LABEL[field] ?? label;
}

/** The section anchor of an item passage label: "situation:married" → "sec-situations". */
export function sectionIdForLabel(label: string): string {
  const field = label.split(':', 1)[0]!;
  return field === 'situation' ? 'sec-situations' : `sec-${field}`;
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** UTC ISO timestamp → 2024/03/01 14:05 in Asia/Shanghai. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : SHANGHAI.format(d);
}

/** Validity span of a version: "2024-01-01 起" / "至 2025-12-31" / "2024-01-01 至 2025-12-31". */
export function formatValidity(from: string | null | undefined, to: string | null | undefined): string {
  if (from && to) return `${from} 至 ${to}`;
  if (from) return `${from} 起`;
  if (to) return `至 ${to}`;
  return '长期有效';
}
