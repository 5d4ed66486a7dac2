import type { Place } from './place';
import type { Policy } from './policy';
import { type Capability, type RoleHeld, type RoleKey, type Scope, type VillageRole, rolesAllow, villagesAllowing } from './roles';

/** Who is acting and the roles they hold here and now (see roles.ts for where each comes from). */
export interface Actor {
  openId: string;
  roles: readonly RoleHeld[];
}

/** The roles /角色 grants; the others come from the groups a person is in. */
export type GrantableRole = Extract<RoleKey, 'admin' | 'lead' | 'sampler' | 'point_medic' | VillageRole>;

const TOWNSHIP: Scope = { kind: 'township' };
const village = (id: number): Scope => ({ kind: 'village', id });
const placeScope = (place: Place): Scope => (place.kind === 'point' ? { kind: 'point', id: place.id } : village(place.id));
const may = (actor: Actor, capability: Capability, where: Scope, policy?: Pick<Policy, 'confirmation'>) =>
  rolesAllow(actor.roles, capability, where, policy?.confirmation);

export function holds(actor: Actor, role: RoleKey): boolean {
  return actor.roles.some((h) => h.role === role);
}

/** The villages where the actor holds this village role. */
export function villagesHeld(actor: Actor, role: VillageRole): number[] {
  return actor.roles.flatMap((h) => (h.role === role && 'villageId' in h ? [h.villageId] : []));
}

export function pointsHeld(actor: Actor): number[] {
  return actor.roles.flatMap((h) => ('pointId' in h ? [h.pointId] : []));
}

/** See a village's cases (masked in groups): /查看, /记录, /名单. */
export const canViewVillage = (actor: Actor, villageId: number) => may(actor, 'view_case', village(villageId));
/** The whole record in a private chat (audited). */
export const canViewFull = (actor: Actor, villageId: number) => may(actor, 'view_full', village(villageId));
export const canRegister = (actor: Actor, villageId: number) => may(actor, 'register', village(villageId));
/** Transfer, close, change, extend, edit, return: the village's cadres, leads and admins. */
export const canManageCase = (actor: Actor, villageId: number) => may(actor, 'manage_case', village(villageId));
/** Release is the township's decision (DOMAIN.md: the village reports, HQ releases) — granted leads. */
export const canRelease = (actor: Actor) => may(actor, 'release', TOWNSHIP);
export const canForceRelease = (actor: Actor) => may(actor, 'force_release', TOWNSHIP);
export const canProposeRelease = (actor: Actor, villageId: number) => may(actor, 'propose_release', village(villageId));
export const canExportUnmasked = (actor: Actor) => may(actor, 'export_unmasked', TOWNSHIP);
export const canConfigureTownship = (actor: Actor) => may(actor, 'configure', TOWNSHIP);
export const canSeeSummary = (actor: Actor) => may(actor, 'view_summary', TOWNSHIP);
export const canSeeCards = (actor: Actor, place: Place) => may(actor, 'view_cards', placeScope(place));
export const canActOnAlert = (actor: Actor, villageId: number) => may(actor, 'act_on_alert', village(villageId));
/** A lab's result list names people of every village: the testing task force's group, samplers, leads. */
export const canImportResults = (actor: Actor) => may(actor, 'import_results', TOWNSHIP);
/** /包保: a case's team and the village's standing team. */
export const canEditTeam = (actor: Actor, villageId: number) => may(actor, 'edit_team', village(villageId));
export const canReport = (actor: Actor, villageId: number) => may(actor, 'report', village(villageId));
export const canSupervise = (actor: Actor) => may(actor, 'supervise', TOWNSHIP);
export const canCorrect = (actor: Actor, villageId: number) => may(actor, 'correct', village(villageId));

/** Leads may appoint everyone but admins; only admins make admins. */
export function canGrantRole(actor: Actor, role: GrantableRole): boolean {
  return may(actor, 'grant_roles', TOWNSHIP) && (role !== 'admin' || holds(actor, 'admin'));
}

/** The villages whose cases the actor may see: 'all' for township-wide staff. */
export function visibleVillages(actor: Actor): 'all' | number[] {
  return villagesAllowing(actor.roles, 'view_case');
}

/** The villages whose ledger the actor may export (masked unless canExportUnmasked). */
export function exportVillages(actor: Actor): 'all' | number[] {
  return villagesAllowing(actor.roles, 'export_masked');
}

/** The villages the actor may register for (or import into). */
export function registerVillages(actor: Actor): 'all' | number[] {
  return villagesAllowing(actor.roles, 'register');
}

/**
 * Sampling (已采样, 补采): the township's samplers in every village — the health centre samples
 * door to door (004 篇五 "负责居家隔离人员上门核酸采样") —, the village's doctors where the
 * policy says, and at an isolation point its own medical staff.
 */
export const canSample = (actor: Actor, place: Place, policy: Pick<Policy, 'confirmation'>) => may(actor, 'sample', placeScope(place), policy);

/** Results (阴性/阳性/无效/混管阳性): as sampling ("反馈检测结果", 004 篇二). */
export const canRecordResult = (actor: Actor, place: Place, policy: Pick<Policy, 'confirmation'>) => may(actor, 'record_result', placeScope(place), policy);

/** Temperatures and rechecks: the village's doctors ("村医对居家隔离人员测量体温", 004 篇四), a point's staff. */
export const canRecordTemperature = (actor: Actor, place: Place) => may(actor, 'record_temp', placeScope(place));

/** Door visits and roll calls: the case's own team, and whoever the table lets do the kind in the village. */
export function canRecordTeamWork(actor: Actor, villageId: number, kind: 'visit' | 'rollcall', inTeam: boolean): boolean {
  return inTeam || may(actor, kind === 'visit' ? 'record_visit' : 'record_rollcall', village(villageId));
}

/**
 * A transfer's steps (已派车, 已接走, 已交接): the transfer task force (anyone speaking in its group),
 * the case's village — "以上人员首选居住地各村负责转运" (000 (十)) — and township-wide staff.
 */
export const canWorkTransfer = (actor: Actor, villageId: number) => may(actor, 'work_transfer', village(villageId));

/** /下发: leads, admins and the tracing task force's group, which receives the county's lists (000 流调溯源专班). */
export const canPushList = (actor: Actor) => may(actor, 'push_list', TOWNSHIP);

/** The decisions on a village's 待核查 card: its cadres (the village checks its own, 002 篇3 "完成市级推送名单进行核查"), leads, admins. */
export const canCheckList = (actor: Actor, villageId: number) => may(actor, 'check_list', village(villageId));
