/**
 * The role table: every role a person can hold, how far it reaches, and what it may do. The
 * permission functions (permissions.ts) read only this table, the README shows it, and the
 * permission matrix test drives every command and card action against it, so the three
 * cannot drift apart.
 *
 * Where a power comes from:
 * - granted roles (/角色): admin, lead, sampler (township-wide); doctor, cadre, grid, police,
 *   village_leader, township_cadre (one village); point_medic (one isolation point);
 * - speaking (or, in a private chat, being a member) in a bound group: hq_member (the HQ
 *   group), cadre (a village group — with policy team.requireCadreGrant, only when also
 *   granted as a cadre of that village or in the team of one of its cases), the testing or
 *   supervision task force (their groups).
 * Release, forced release, unmasked export and granting roles are for granted leads and
 * admins only: an HQ group of dozens from every unit sees summaries and proposes (004 篇四
 * "未经许可，不得随意以任何渠道、任何方式外泄").
 */
export const CAPABILITIES = [
  'view_case', // /查看, /记录, /名单 (masked in groups)
  'view_cards', // /今日, the day cards of the place
  'register', // /登记, /导入
  'manage_case', // /转运 /关闭 /改类别 /延长 /修改 /返回 /转回居家
  'propose_release', // a cadre's /解除: a request to HQ
  'release', // /解除 and 解除 on the cards
  'force_release', // /解除 … 强制
  'export_masked', // /导出 with names, IDs and phones masked
  'export_unmasked', // /导出 whole
  'view_full', // /查看 in a private chat: the whole record
  'grant_roles', // /角色 (admins alone make admins)
  'configure', // /村 添加, /隔离点 添加, /绑定
  'sample', // 已采样, 补采, /采样
  'record_result', // 阴性 …, /结果
  'import_results', // /结果导入
  'record_temp', // 今日体温, /体温, 已复测
  'act_on_alert', // 已送发热门诊, 转运 on an alert
  'record_visit', // 已上门 / 未见到, /上门
  'record_rollcall', // 已点名 / 未接通, /点名
  'edit_team', // /包保
  'report', // /上报
  'view_summary', // /汇总 and the daily cards to HQ
  'supervise', // /督查
  'correct', // /整改
  'status', // /状态
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export type RoleScope = 'township' | 'village' | 'point';

export interface RoleDefinition {
  label: string;
  scope: RoleScope;
  can: readonly Capability[];
}

const VILLAGE_TEAM: Capability[] = ['view_case', 'view_cards', 'record_visit', 'record_rollcall', 'act_on_alert'];

export const ROLE_TABLE = {
  admin: { label: '管理员', scope: 'township', can: CAPABILITIES },
  lead: { label: '组长（已授权）', scope: 'township', can: CAPABILITIES.filter((c) => c !== 'configure' && c !== 'status') },
  hq_member: { label: '指挥部群成员', scope: 'township', can: ['view_case', 'view_summary', 'propose_release'] },
  sampler: { label: '采样员（卫生院）', scope: 'township', can: ['view_cards', 'sample', 'record_result', 'import_results'] },
  testing_taskforce: { label: '核酸检测专班群成员', scope: 'township', can: ['import_results', 'view_summary'] },
  supervision_taskforce: { label: '督导检查专班群成员', scope: 'township', can: ['view_case', 'view_summary', 'supervise'] },
  taskforce_member: { label: '专班群成员', scope: 'township', can: ['view_summary'] },
  cadre: {
    label: '村干部',
    scope: 'village',
    can: ['view_case', 'view_cards', 'register', 'manage_case', 'propose_release', 'export_masked', 'view_full', 'act_on_alert', 'record_visit', 'record_rollcall', 'edit_team', 'report', 'correct'],
  },
  doctor: { label: '村医', scope: 'village', can: ['view_case', 'view_cards', 'register', 'export_masked', 'view_full', 'record_temp', 'act_on_alert'] },
  grid: { label: '网格员', scope: 'village', can: VILLAGE_TEAM },
  police: { label: '民警/辅警', scope: 'village', can: VILLAGE_TEAM },
  township_cadre: { label: '包保镇干部', scope: 'village', can: [...VILLAGE_TEAM, 'edit_team'] },
  village_leader: { label: '挂村领导', scope: 'village', can: ['view_case', 'view_cards', 'view_summary'] },
  point_medic: { label: '隔离点医务', scope: 'point', can: ['view_cards', 'sample', 'record_result', 'record_temp', 'act_on_alert'] },
} as const satisfies Record<string, RoleDefinition>;

export type RoleKey = keyof typeof ROLE_TABLE;

/** One role a person holds now, and where (a village or a point for the scoped ones). */
export type RoleHeld =
  | { role: Extract<RoleKey, 'admin' | 'lead' | 'hq_member' | 'sampler' | 'testing_taskforce' | 'supervision_taskforce' | 'taskforce_member'> }
  | { role: Extract<RoleKey, 'cadre' | 'doctor' | 'grid' | 'police' | 'township_cadre' | 'village_leader'>; villageId: number }
  | { role: 'point_medic'; pointId: number };

/** Where an action happens: the township, a village, or an isolation point. */
export type Scope = { kind: 'township' } | { kind: 'village'; id: number } | { kind: 'point'; id: number };

function reaches(held: RoleHeld, where: Scope): boolean {
  if (!('villageId' in held) && !('pointId' in held)) return true;
  if ('villageId' in held) return where.kind === 'village' && where.id === held.villageId;
  return where.kind === 'point' && where.id === held.pointId;
}

/** Whether any role held may do this there (a township-wide role reaches everywhere). */
export function rolesAllow(roles: readonly RoleHeld[], capability: Capability, where: Scope): boolean {
  return roles.some((h) => (ROLE_TABLE[h.role].can as readonly Capability[]).includes(capability) && reaches(h, where));
}

/** The villages where some role held may do this; 'all' when a township-wide role may. */
export function villagesAllowing(roles: readonly RoleHeld[], capability: Capability): 'all' | number[] {
  const allowed = roles.filter((h) => (ROLE_TABLE[h.role].can as readonly Capability[]).includes(capability));
  if (allowed.some((h) => ROLE_TABLE[h.role].scope === 'township')) return 'all';
  return [...new Set(allowed.flatMap((h) => ('villageId' in h ? [h.villageId] : [])))];
}
