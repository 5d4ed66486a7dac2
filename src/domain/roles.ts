import type { Policy } from './policy';

/**
 * The role table: every role a person can hold, how far it reaches, and what it may do. The
 * permission functions (permissions.ts) read only this table, docs/roles.md shows it (a test
 * compares the two), and the permission matrix test drives every command and card action
 * against it, so the three cannot drift apart.
 *
 * Where a power comes from:
 * - granted roles (/角色): admin, lead, sampler (township-wide); doctor, cadre, grid, police,
 *   village_leader, township_cadre (one village); point_medic (one isolation point);
 * - being in a bound group: hq_member (the HQ group), cadre (a village group — with policy
 *   team.requireCadreGrant, only when also granted as a cadre of that village or in the team
 *   of one of its cases), the task forces (their groups).
 * Release, forced release, unmasked export and granting roles are for granted leads and
 * admins only: an HQ group of dozens from every unit sees summaries and proposes (004 篇四
 * "未经许可，不得随意以任何渠道、任何方式外泄").
 */
export const CAPABILITIES = [
  'view_case', // /查看, /记录, /名单 (masked in groups)
  'view_cards', // /今日, the day cards of the place
  'register', // /登记, /导入
  'manage_case', // /转运 /关闭 /改类别 /延长 /修改 /返回 /转回居家
  'propose_release', // /解除 by someone who may not release: a request to HQ
  'release', // /解除 and 解除 / 不同意 on the cards
  'force_release', // /解除 … 强制
  'export_masked', // /导出 with names, IDs and phones masked
  'export_unmasked', // /导出 whole
  'view_full', // /查看 in a private chat: the whole record, audited
  'grant_roles', // /角色 (admins alone make admins)
  'configure', // /村 添加, /隔离点 添加, /绑定, /状态
  'sample', // 已采样, 补采
  'record_result', // 阴性 …
  'import_results', // /结果导入
  'record_temp', // 今日体温, /体温, 已复测
  'act_on_alert', // 已送发热门诊, 转运 on an alert
  'record_visit', // 已上门 / 未见到, /上门
  'record_rollcall', // 已点名 / 未接通, /点名
  'edit_team', // /包保
  'report', // /上报
  'view_summary', // /汇总 and the daily cards to HQ
  'supervise', // /督查: a correction for a village
  'correct', // /整改: the village closes a correction
  'work_transfer', // 已派车, 已接走, 已交接 on a transfer card
  'push_list', // /下发: a list from above to the villages
  'check_list', // 在本村·登记, 不在本村, 已管控, 转交 on a village's 待核查 card
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export type RoleScope = 'township' | 'village' | 'point';

export interface RoleDefinition {
  scope: RoleScope;
  can: readonly Capability[];
  /** Capabilities held only while the policy's confirmation switch says so. */
  onlyIf?: Partial<Record<Capability, keyof Policy['confirmation']>>;
}

const VILLAGE_TEAM: Capability[] = ['view_case', 'view_cards', 'record_visit', 'record_rollcall', 'act_on_alert'];
const FIELD_WORK: Capability[] = ['sample', 'record_result', 'record_temp'];

export const ROLE_TABLE = {
  admin: { scope: 'township', can: CAPABILITIES },
  lead: { scope: 'township', can: CAPABILITIES.filter((c) => c !== 'configure' && !FIELD_WORK.includes(c)) },
  hq_member: { scope: 'township', can: ['view_case', 'view_cards', 'view_summary', 'propose_release'] },
  sampler: { scope: 'township', can: ['view_cards', 'sample', 'record_result', 'import_results'] },
  testing_taskforce: { scope: 'township', can: ['import_results', 'view_summary'] },
  transfer_taskforce: { scope: 'township', can: ['view_cards', 'work_transfer'] },
  supervision_taskforce: { scope: 'township', can: ['view_case', 'view_summary', 'supervise'] },
  // "根据县疫情指挥部推送的“大数据”…落实管控措施" (000, 流调溯源专班).
  tracing_taskforce: { scope: 'township', can: ['view_summary', 'push_list'] },
  taskforce_member: { scope: 'township', can: ['view_summary'] },
  cadre: {
    scope: 'village',
    can: ['view_case', 'view_cards', 'register', 'manage_case', 'propose_release', 'export_masked', 'view_full', 'act_on_alert', 'record_visit', 'record_rollcall', 'edit_team', 'report', 'correct', 'work_transfer', 'check_list'],
  },
  doctor: {
    scope: 'village',
    can: ['view_case', 'view_cards', 'register', 'export_masked', 'view_full', 'record_temp', 'act_on_alert', 'sample', 'record_result'],
    onlyIf: { sample: 'doctorsMaySample', record_result: 'doctorsMayRecordResults' },
  },
  grid: { scope: 'village', can: VILLAGE_TEAM },
  police: { scope: 'village', can: VILLAGE_TEAM },
  township_cadre: { scope: 'village', can: [...VILLAGE_TEAM, 'edit_team'] },
  village_leader: { scope: 'village', can: ['view_case', 'view_cards', 'view_summary'] },
  point_medic: { scope: 'point', can: ['view_cards', ...FIELD_WORK, 'act_on_alert'] },
} as const satisfies Record<string, RoleDefinition>;

export type RoleKey = keyof typeof ROLE_TABLE;
export type TownshipRole = { [K in RoleKey]: (typeof ROLE_TABLE)[K]['scope'] extends 'township' ? K : never }[RoleKey];
export type VillageRole = { [K in RoleKey]: (typeof ROLE_TABLE)[K]['scope'] extends 'village' ? K : never }[RoleKey];

/** One role a person holds now, and where (a village or a point for the scoped ones). */
export type RoleHeld = { role: TownshipRole } | { role: VillageRole; villageId: number } | { role: 'point_medic'; pointId: number };

/** Where an action happens: the township, a village, or an isolation point. */
export type Scope = { kind: 'township' } | { kind: 'village'; id: number } | { kind: 'point'; id: number };

/**
 * Township-wide roles reach every village and see every isolation point, but do not do the
 * work inside one: there its own medical staff do it ("原则上集中隔离人员采样由隔离场所医务人员
 * 负责", 001 篇二 §8), and admins, who may do anything.
 */
const POINT_STAFF_WORK: readonly Capability[] = [...FIELD_WORK, 'act_on_alert'];

function reaches(held: RoleHeld, capability: Capability, where: Scope): boolean {
  if ('villageId' in held) return where.kind === 'village' && where.id === held.villageId;
  if ('pointId' in held) return where.kind === 'point' && where.id === held.pointId;
  return where.kind !== 'point' || held.role === 'admin' || !POINT_STAFF_WORK.includes(capability);
}

function grants(held: RoleHeld, capability: Capability, confirmation: Policy['confirmation'] | undefined): boolean {
  const def: RoleDefinition = ROLE_TABLE[held.role];
  if (!def.can.includes(capability)) return false;
  const flag = def.onlyIf?.[capability];
  return flag === undefined || confirmation?.[flag] === true;
}

/** Whether any role held may do this there. */
export function rolesAllow(roles: readonly RoleHeld[], capability: Capability, where: Scope, confirmation?: Policy['confirmation']): boolean {
  return roles.some((h) => grants(h, capability, confirmation) && reaches(h, capability, where));
}

/** The villages where some role held may do this; 'all' when a township-wide role may. */
export function villagesAllowing(roles: readonly RoleHeld[], capability: Capability): 'all' | number[] {
  const allowed = roles.filter((h) => grants(h, capability, undefined));
  if (allowed.some((h) => ROLE_TABLE[h.role].scope === 'township')) return 'all';
  return [...new Set(allowed.flatMap((h) => ('villageId' in h ? [h.villageId] : [])))];
}
