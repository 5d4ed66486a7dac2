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
  /** The village whose group the actor is speaking in. */
  cadreOf: number | null;
}

export type GrantableRole = 'doctor' | 'lead' | 'admin';

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

/** Confirm test rounds and temperatures: the village's doctors (or an admin). */
export function canConfirmDuties(actor: Actor, villageId: number): boolean {
  return actor.isAdmin || actor.doctorOf.includes(villageId);
}

/** Transfer, close, change, extend, edit, return: the village's cadres or township-wide staff. */
export function canManageCase(actor: Actor, villageId: number): boolean {
  return isTownshipWide(actor) || actor.cadreOf === villageId;
}

/** Release is the township's decision (DOMAIN.md: the village reports, HQ releases). */
export function canRelease(actor: Actor): boolean {
  return isTownshipWide(actor);
}
