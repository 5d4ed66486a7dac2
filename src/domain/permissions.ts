import type { Place } from './place';
import type { Policy } from './policy';

/**
 * Who may do what. Group membership gives village cadres and HQ leads their powers (Lark
 * controls who is in a group); grants give what membership cannot: doctors, leads, admins.
 */
export interface Actor {
  openId: string;
  isAdmin: boolean;
  /** A granted lead, or anyone speaking in the HQ group. */
  isLead: boolean;
  /** Villages where the actor is a granted doctor. */
  doctorOf: number[];
  /** A granted sampler of the township health centre (卫生院): samples in every village. */
  isSampler: boolean;
  /** Isolation points where the actor is granted medical staff (隔离点医务人员). */
  medicOf: number[];
  /** The village whose group the actor is speaking in. */
  cadreOf: number | null;
}

export type GrantableRole = 'doctor' | 'lead' | 'admin' | 'sampler' | 'point_medic';

export function isTownshipWide(actor: Actor): boolean {
  return actor.isAdmin || actor.isLead;
}

/** Register, view and manage the cases of one village. */
export function canActForVillage(actor: Actor, villageId: number): boolean {
  return isTownshipWide(actor) || actor.cadreOf === villageId || actor.doctorOf.includes(villageId);
}

/** Leads may appoint doctors and other leads; only admins make admins. */
export function canGrantRole(actor: Actor, role: GrantableRole): boolean {
  return actor.isAdmin || (actor.isLead && role !== 'admin');
}

export function canConfigureTownship(actor: Actor): boolean {
  return actor.isAdmin;
}

/** The villages whose cases the actor may see: 'all' for township-wide staff. */
export function visibleVillages(actor: Actor): 'all' | number[] {
  if (isTownshipWide(actor)) return 'all';
  return [...new Set([...actor.doctorOf, ...(actor.cadreOf === null ? [] : [actor.cadreOf])])];
}

/** At an isolation point its own medical staff do the work ("原则上集中隔离人员采样由隔离场所医务人员负责", 001 篇二 §8). */
function pointStaff(actor: Actor, place: Place): boolean | null {
  return place.kind === 'point' ? actor.isAdmin || actor.medicOf.includes(place.id) : null;
}

/**
 * Sampling (已采样, 补采) in a village: the township's samplers everywhere — the health centre
 * samples door to door (004 篇五 "负责居家隔离人员上门核酸采样") — and, where the policy says,
 * the village's doctors.
 */
export function canSample(actor: Actor, place: Place, policy: Pick<Policy, 'confirmation'>): boolean {
  return pointStaff(actor, place) ?? (actor.isAdmin || actor.isSampler || (policy.confirmation.doctorsMaySample && actor.doctorOf.includes(place.id)));
}

/** Results (阴性/阳性/无效/混管阳性): the samplers, and the village's doctors where the policy says ("反馈检测结果", 004 篇二). */
export function canRecordResult(actor: Actor, place: Place, policy: Pick<Policy, 'confirmation'>): boolean {
  return pointStaff(actor, place) ?? (actor.isAdmin || actor.isSampler || (policy.confirmation.doctorsMayRecordResults && actor.doctorOf.includes(place.id)));
}

/** Temperatures and rechecks: the village's doctors ("村医对居家隔离人员测量体温", 004 篇四). */
export function canRecordTemperature(actor: Actor, place: Place): boolean {
  return pointStaff(actor, place) ?? (actor.isAdmin || actor.doctorOf.includes(place.id));
}

/** Transfer, close, change, extend, edit, return: the village's cadres or township-wide staff. */
export function canManageCase(actor: Actor, villageId: number): boolean {
  return isTownshipWide(actor) || actor.cadreOf === villageId;
}

/** Release is the township's decision (DOMAIN.md: the village reports, HQ releases). */
export function canRelease(actor: Actor): boolean {
  return isTownshipWide(actor);
}

/**
 * A lab's result list (/结果导入): the testing task force (anyone speaking in its group: Lark
 * decides who is in it), the samplers, leads and admins — a list names people of every village.
 */
export function canImportResults(actor: Actor, chatTaskforce: string | null, policy: Pick<Policy, 'routing'>): boolean {
  return isTownshipWide(actor) || actor.isSampler || (chatTaskforce !== null && chatTaskforce === policy.routing.testing);
}

/** /包保: a case's team and the village's standing team are set by its cadres and township-wide staff. */
export function canEditTeam(actor: Actor, villageId: number): boolean {
  return canManageCase(actor, villageId);
}

/** Door visits and roll calls: the village's cadres, the case's own team, and township-wide staff. */
export function canRecordTeamWork(actor: Actor, villageId: number, _kind: 'visit' | 'rollcall', inTeam: boolean): boolean {
  return inTeam || canManageCase(actor, villageId);
}

/**
 * A transfer's steps (已派车, 已接走, 已交接): the transfer task force (anyone speaking in its group),
 * the case's village — "以上人员首选居住地各村负责转运" (000 (十)) — and township-wide staff.
 */
export function canWorkTransfer(actor: Actor, input: { villageId: number; chatTaskforce: string | null }, policy: Pick<Policy, 'routing'>): boolean {
  return canManageCase(actor, input.villageId) || (input.chatTaskforce !== null && input.chatTaskforce === policy.routing.transfer);
}
