import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { rowsOf } from '../rows';
import { caseAlerts } from '../schema';

export type AlertKind = 'fever' | 'symptom' | 'positive' | 'pooled_positive';

export interface AlertRow {
  id: number;
  caseId: number;
  villageId: number;
  pointId: number | null;
  kind: AlertKind;
  temperature: number | null;
  symptoms: string[] | null;
  openedAt: Date;
  recheckDueAt: Date | null;
  transferRequestedAt: Date | null;
  feverClinicAt: Date | null;
  recheckCelsius: number | null;
  recheckAt: Date | null;
  cardCopies: { outboxId: number; chatId: string }[];
  closedAt: Date | null;
}

const columns = {
  id: caseAlerts.id,
  caseId: caseAlerts.caseId,
  villageId: caseAlerts.villageId,
  pointId: caseAlerts.pointId,
  kind: caseAlerts.kind,
  temperature: caseAlerts.temperature,
  symptoms: caseAlerts.symptoms,
  openedAt: caseAlerts.openedAt,
  recheckDueAt: caseAlerts.recheckDueAt,
  transferRequestedAt: caseAlerts.transferRequestedAt,
  feverClinicAt: caseAlerts.feverClinicAt,
  recheckCelsius: caseAlerts.recheckCelsius,
  recheckAt: caseAlerts.recheckAt,
  cardCopies: caseAlerts.cardCopies,
  closedAt: caseAlerts.closedAt,
};

export async function openAlert(
  db: Database,
  input: {
    caseId: number;
    villageId: number;
    pointId: number | null;
    kind: AlertKind;
    temperature: number | null;
    symptoms: string[];
    dutyId: number | null;
    openedBy: string;
    openedAt: Date;
    recheckDueAt: Date | null;
  },
): Promise<number> {
  const [row] = await db.insert(caseAlerts).values(input).returning({ id: caseAlerts.id });
  return row!.id;
}

export async function getAlert(db: Database, id: number, options: { lock?: boolean } = {}): Promise<AlertRow | null> {
  const query = db.select(columns).from(caseAlerts).where(eq(caseAlerts.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function setAlertCards(db: Database, id: number, copies: { outboxId: number; chatId: string }[]): Promise<void> {
  await db.update(caseAlerts).set({ cardCopies: copies }).where(eq(caseAlerts.id, id));
}

export async function recordRecheck(db: Database, id: number, input: { celsius: number; by: string; at: Date; close: boolean }): Promise<void> {
  await db
    .update(caseAlerts)
    .set({
      recheckCelsius: input.celsius,
      recheckAt: input.at,
      recheckBy: input.by,
      recheckDueAt: null,
      ...(input.close ? { closedAt: input.at, closedBy: input.by } : {}),
    })
    .where(eq(caseAlerts.id, id));
}

export async function listOpenAlerts(db: Database, caseId: number): Promise<AlertRow[]> {
  return db.select(columns).from(caseAlerts).where(and(eq(caseAlerts.caseId, caseId), isNull(caseAlerts.closedAt)));
}

export async function requestTransfer(db: Database, id: number, by: string, at: Date): Promise<void> {
  await db.update(caseAlerts).set({ transferRequestedAt: at, transferRequestedBy: by }).where(eq(caseAlerts.id, id));
}

export async function recordFeverClinic(db: Database, id: number, by: string, at: Date): Promise<void> {
  await db.update(caseAlerts).set({ feverClinicAt: at, feverClinicBy: by }).where(eq(caseAlerts.id, id));
}

/**
 * Open alerts whose recheck is overdue and not yet repeated to HQ, locked for this caller. An
 * alert someone acted on (已复测, 已送发热门诊, 转运) is not repeated.
 */
export async function lockOverdueRechecks(db: Database, now: Date, limit = 20): Promise<AlertRow[]> {
  const ids = rowsOf<{ id: number }>(
    await db.execute(sql`
      select id from case_alerts
      where closed_at is null and repeated_at is null and recheck_due_at <= ${now.toISOString()}::timestamptz
        and recheck_at is null and fever_clinic_at is null and transfer_requested_at is null
      order by id limit ${limit}
      for update skip locked`),
  ).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return db.select(columns).from(caseAlerts).where(sql`${caseAlerts.id} in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
}

export async function markRepeated(db: Database, id: number, at: Date): Promise<void> {
  await db.update(caseAlerts).set({ repeatedAt: at }).where(eq(caseAlerts.id, id));
}

/** The case left management (transferred, closed, released by force): nothing is left to recheck. */
export async function closeOpenAlerts(db: Database, caseId: number, by: string, at: Date): Promise<number> {
  const rows = await db
    .update(caseAlerts)
    .set({ closedAt: at, closedBy: by })
    .where(and(eq(caseAlerts.caseId, caseId), isNull(caseAlerts.closedAt)))
    .returning({ id: caseAlerts.id });
  return rows.length;
}

/** Closes a case's open alerts of one kind; returns them as they were, for their cards. */
export async function closeOpenAlertsOfKind(db: Database, input: { caseId: number; kind: AlertKind; by: string; at: Date }): Promise<AlertRow[]> {
  const open = await db
    .select(columns)
    .from(caseAlerts)
    .where(and(eq(caseAlerts.caseId, input.caseId), eq(caseAlerts.kind, input.kind), isNull(caseAlerts.closedAt)));
  if (open.length) {
    await db
      .update(caseAlerts)
      .set({ closedAt: input.at, closedBy: input.by })
      .where(and(eq(caseAlerts.caseId, input.caseId), eq(caseAlerts.kind, input.kind), isNull(caseAlerts.closedAt)));
  }
  return open;
}
