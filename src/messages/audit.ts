import { NOTICE_KINDS, type NoticeKind } from '../notices/notice-policy';
import type { AuditAction } from '../domain/audit-actions';
import { isValidIsoDate } from '../domain/dates';
import { categoryName, type Policy, teamPartLabel } from '../domain/policy';
import { caseText, formatDate } from './cases';
import { common } from './common';
import { dutyText } from './duties';

/**
 * How the audit trail reads, in /记录 and in the ledger's 操作记录 sheet: a label for every
 * action and every field writers put in before/after, and how each value is shown.
 */

const actions: Record<AuditAction, string> = {
  'case.register': '登记',
  'case.view_full': '查看完整信息',
  'case.release': '解除',
  'case.release_proposed': '申请解除',
  'case.release_rejected': '不同意解除',
  'case.transfer': '转运',
  'case.transfer_requested': '申请转运',
  'transfer.dispatched': '转运派车',
  'transfer.picked_up': '转运接走',
  'transfer.handed_over': '转运交接',
  'case.close': '关闭',
  'case.change': '改类别',
  'case.extend': '延长',
  'case.edit': '修改',
  'case.return': '返回',
  'case.move': '转场',
  'case.team': '调整包保',
  'case.purge': '到期清除个人信息',
  'village.team': '设置本村默认包保',
  'duty.sampled': '采样',
  'duty.makeup': '补采',
  'duty.result': '核酸结果',
  'duty.temperature': '体温',
  'duty.visit': '上门',
  'duty.rollcall': '点名',
  'correction.open': '督查整改',
  'correction.close': '整改完成',
  'alert.open': '异常',
  'alert.recheck': '复测',
  'alert.fever_clinic': '送发热门诊',
  'ledger.export': '导出台账',
  'ledger.import': '导入名单',
  'ledger.result_import': '导入检测结果',
  'push.pushed': '下发名单',
  'push.checked': '核查名单',
  'push.forwarded': '转交名单',
  'notice.sent': '私信发告知书',
  'village.add': '添加村',
  'point.add': '添加隔离点',
  'village.report': '上报',
  'chat.bind': '绑定群',
  'role.grant': '授权',
  'role.remove': '取消授权',
};

/** What a reader of the trail needs to turn stored values into words. */
export interface AuditReading {
  policy: Policy;
  /** A person's display name (loaded beforehand: see peopleInAudit). */
  person: (openId: string) => string;
  village: (id: number) => string | undefined;
  /** How what people typed (notes, reasons, places, file names) is shown: escaped for a text message by /记录, as stored in the ledger. */
  typed?: (text: string) => string;
}

interface Field {
  label: string;
  /** The value in words; null leaves the field out (nothing worth saying). */
  show?: (value: unknown, r: AuditReading) => string | null;
  /** The value is an open_id, shown as the person's name. */
  person?: true;
  /** The value is what someone typed: shown through AuditReading.typed. */
  typed?: true;
}

/** A notice kind as the township's policy titles it (the code itself if it has none). */
const noticeTitle = (policy: Policy, kind: string): string =>
  (NOTICE_KINDS as readonly string[]).includes(kind) ? (policy.notices?.[kind as NoticeKind]?.title ?? kind) : kind;

const kinds: Record<string, string> = { fever: '发热', symptom: '症状', positive: '阳性', pooled_positive: '混管阳性', ...common.bindingKinds };
const lookup = (words: Record<string, string>) => (v: unknown) => words[String(v)] ?? String(v);
const counted = (unit: string) => (v: unknown) => (Number(v) > 0 ? `${String(v)}${unit}` : null);
const ifTrue = (v: unknown) => (v === true ? '是' : null);
const celsius = (v: unknown) => `${Number(v).toFixed(1)}℃`;

/** Fields in the order they are shown. */
const fields: Record<string, Field> = {
  openId: { label: '人员', person: true },
  role: { label: '角色', show: lookup(common.roleNames) },
  kind: { label: '类型', show: lookup(kinds) },
  status: { label: '状态', show: lookup(caseText.status) },
  name: { label: '姓名' },
  idNumber: { label: '身份证号' },
  phone: { label: '手机' },
  category: { label: '类别', show: (v, r) => categoryName(r.policy, String(v)) },
  village: { label: '村' },
  villageName: { label: '村' },
  villageId: { label: '村', show: (v, r) => r.village(Number(v)) ?? `#${String(v)}` },
  names: { label: '村' },
  address: { label: '地址', typed: true },
  startDate: { label: '开始' },
  startBasis: { label: '第1天', show: lookup(caseText.startBasis) },
  endDate: { label: '期满' },
  extensionDays: { label: '延长天数' },
  periodNo: { label: '管控次数', show: (v) => `第${String(v)}次` },
  destination: { label: '去向', typed: true },
  place: { label: '地点', typed: true },
  vehiclePlate: { label: '车牌', typed: true },
  driver: { label: '司机', typed: true },
  escort: { label: '随车人员', typed: true },
  receivingPlace: { label: '接收地点', typed: true },
  receiver: { label: '接收人', typed: true },
  closeReason: { label: '关闭原因' },
  endReason: { label: '结束原因', typed: true },
  forced: { label: '强制解除', show: ifTrue },
  day: { label: '核酸', show: (v) => `第${String(v)}天` },
  result: { label: '结果', show: lookup(dutyText.result) },
  temperature: { label: '体温', show: celsius },
  celsius: { label: '体温', show: celsius },
  symptoms: { label: '症状', typed: true },
  taskforce: { label: '专班' },
  date: { label: '日期' },
  report: { label: '报表', show: (v, r) => r.policy.reports.find((x) => x.key === v)?.label ?? String(v) },
  late: { label: '逾期', show: ifTrue },
  note: { label: '说明', typed: true },
  outcome: { label: '情况', typed: true },
  team: {
    label: '包保',
    show: (v, r) => (Array.isArray(v) && v.length ? (v as { part: string; openId: string }[]).map((m) => `${teamPartLabel(r.policy, m.part)} ${r.person(m.openId)}`).join('、') : null),
  },
  notice: { label: '告知书', show: (v, r) => noticeTitle(r.policy, String(v)) },
  recipient: { label: '收件人', person: true },
  fileName: { label: '文件', typed: true },
  point: { label: '隔离点' },
  phase: { label: '阶段' },
  requestedBy: { label: '发起人', person: true },
  imported: { label: '导入', show: (v) => `${String(v)}条` },
  duplicates: { label: '已在管控', show: counted('条') },
  errorRows: { label: '有错误', show: counted('行') },
  masked: { label: '脱敏', show: (v) => (v === false ? '否（含完整身份证号、手机号）' : '是') },
  cases: { label: '人数', show: (v) => `${String(v)}人` },
  cancelledDuties: { label: '取消待办', show: counted('项') },
  closedAlerts: { label: '关闭异常', show: counted('条') },
  retentionDays: { label: '结束后保留', show: counted('天') },
};

/** Internal ids: they mean nothing to a reader. */
const HIDDEN = new Set(['dutyId', 'alertId', 'importId', 'makeupOf', 'requestId', 'transferId']);
/** Left out when the field it repeats is there too (a binding stores the village's id and name). */
const REPEATS: Record<string, string> = { villageId: 'villageName' };

/** A value in words: dates as 11月23日, lists joined, yes/no; null when there is nothing to show. */
function plain(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length ? value.map((v) => plain(v) ?? '').join('、') : null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') return JSON.stringify(value);
  const s = String(value);
  return isValidIsoDate(s) ? formatDate(s) : s;
}

function show(key: string, value: unknown, r: AuditReading): string | null {
  if (value === null || value === undefined) return null;
  const field = fields[key];
  if (field?.person) return r.person(String(value));
  const shown = field?.show ? field.show(value, r) : plain(value);
  return field?.typed && shown !== null && r.typed ? r.typed(shown) : shown;
}

/** Known fields first, in their order; anything else a writer added after them, never dropped. */
function keysOf(...sides: Record<string, unknown>[]): string[] {
  const all = new Set(sides.flatMap((s) => Object.keys(s)));
  const present = new Set([...all].filter((k) => !HIDDEN.has(k) && !(REPEATS[k] && all.has(REPEATS[k]))));
  return [...Object.keys(fields).filter((k) => present.delete(k)), ...[...present].sort()];
}

const labelOf = (key: string) => fields[key]?.label ?? key;
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export const auditText = {
  actions,
  /** An action's label; a code from an older version is shown as stored. */
  action: (code: string) => actions[code as AuditAction] ?? code,
  reason: (text: string) => `原因：${text}`,
  change: (label: string, before: string, after: string) => `${label}：${before} → ${after}`,
  value: (label: string, value: string) => `${label}：${value}`,
  gone: '—',
  separator: '；',
};

/**
 * An entry as one line: what changed (before → after), what was set, what was cleared, and
 * why. With no after (a removal) the before is what the entry is about, shown as it was.
 */
export function describeAuditChange(entry: { before: unknown; after: unknown; reason: string | null }, r: AuditReading): string {
  const before = record(entry.before);
  const after = record(entry.after);
  const reason = entry.reason && auditText.reason(r.typed ? r.typed(entry.reason) : entry.reason);
  if (entry.after === null || entry.after === undefined) return [describeAuditValues(before, r), reason].filter(Boolean).join(auditText.separator);
  const parts: string[] = [];
  for (const key of keysOf(before, after)) {
    const was = key in before ? show(key, before[key], r) : null;
    const now = key in after ? show(key, after[key], r) : null;
    if (was === now) continue;
    if (was === null) parts.push(auditText.value(labelOf(key), now!));
    else parts.push(auditText.change(labelOf(key), was, now ?? auditText.gone));
  }
  if (reason) parts.push(reason);
  return parts.join(auditText.separator);
}

/** One side of an entry as 「label：value；…」, for the ledger's 变更前 / 变更后 columns. */
export function describeAuditValues(values: unknown, r: AuditReading): string {
  const v = record(values);
  return keysOf(v)
    .flatMap((key) => {
      const shown = show(key, v[key], r);
      return shown === null ? [] : [auditText.value(labelOf(key), shown)];
    })
    .join(auditText.separator);
}

/** The open_ids an entry's values name, so their display names can be loaded first. */
export function peopleInAudit(entry: { before: unknown; after: unknown }): string[] {
  return [record(entry.before), record(entry.after)].flatMap((side) =>
    Object.entries(side).flatMap(([key, value]) => {
      if (fields[key]?.person && typeof value === 'string') return [value];
      // A team is a list of { part, openId }.
      if (key === 'team' && Array.isArray(value)) return (value as { openId?: unknown }[]).flatMap((m) => (typeof m.openId === 'string' ? [m.openId] : []));
      return [];
    }),
  );
}
