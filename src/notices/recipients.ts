import { inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { cases } from '../db/schema';

/**
 * Who hands each case's notice over to the person: open_id by case id, one for every case
 * asked about. A parameter of sendNotices, so the rule can change (the case's team) in one place.
 */
export type NoticeRecipients = (db: Database, caseIds: readonly number[]) => Promise<Map<number, string>>;

/** The cadre who registered the case (cases.registered_by): they know the person and the door. */
export const registeringCadre: NoticeRecipients = async (db, caseIds) => {
  if (caseIds.length === 0) return new Map();
  const rows = await db.select({ id: cases.id, openId: cases.registeredBy }).from(cases).where(inArray(cases.id, [...caseIds]));
  return new Map(rows.map((r) => [r.id, r.openId]));
};
