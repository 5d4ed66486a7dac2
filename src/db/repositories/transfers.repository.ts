import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { rowsOf } from '../rows';
import { transfers } from '../schema';

export type TransferStatus = 'requested' | 'dispatched' | 'picked_up' | 'handed_over' | 'cancelled';
export type TransferDestinationKind = 'central' | 'hospital';
export const OPEN_TRANSFER_STATUSES = ['requested', 'dispatched', 'picked_up'] as const;

export interface TransferRow {
  id: number;
  caseId: number;
  destination: TransferDestinationKind;
  category: string | null;
  reason: string | null;
  alertId: number | null;
  status: TransferStatus;
  requestedBy: string;
  requestedAt: Date;
  chatId: string | null;
  vehiclePlate: string | null;
  driver: string | null;
  escort: string | null;
  dispatchedBy: string | null;
  dispatchedAt: Date | null;
  pickedUpBy: string | null;
  pickedUpAt: Date | null;
  receivingPlace: string | null;
  receiver: string | null;
  handedOverBy: string | null;
  handedOverAt: Date | null;
  warnedHours: number;
  cardCopies: { outboxId: number; chatId: string }[];
}

const columns = {
  id: transfers.id,
  caseId: transfers.caseId,
  destination: transfers.destination,
  category: transfers.category,
  reason: transfers.reason,
  alertId: transfers.alertId,
  status: transfers.status,
  requestedBy: transfers.requestedBy,
  requestedAt: transfers.requestedAt,
  chatId: transfers.chatId,
  vehiclePlate: transfers.vehiclePlate,
  driver: transfers.driver,
  escort: transfers.escort,
  dispatchedBy: transfers.dispatchedBy,
  dispatchedAt: transfers.dispatchedAt,
  pickedUpBy: transfers.pickedUpBy,
  pickedUpAt: transfers.pickedUpAt,
  receivingPlace: transfers.receivingPlace,
  receiver: transfers.receiver,
  handedOverBy: transfers.handedOverBy,
  handedOverAt: transfers.handedOverAt,
  warnedHours: transfers.warnedHours,
  cardCopies: transfers.cardCopies,
};

/** The case's transfer under way, if any. The caller holds the case's lock, so it cannot change meanwhile. */
export async function openTransferOf(db: Database, caseId: number): Promise<TransferRow | null> {
  const [row] = await db.select(columns).from(transfers).where(and(eq(transfers.caseId, caseId), inArray(transfers.status, [...OPEN_TRANSFER_STATUSES])));
  return row ?? null;
}

export async function getTransfer(db: Database, id: number): Promise<TransferRow | null> {
  const [row] = await db.select(columns).from(transfers).where(eq(transfers.id, id));
  return row ?? null;
}

export async function insertTransfer(
  db: Database,
  input: { caseId: number; destination: TransferDestinationKind; category: string | null; reason: string | null; alertId: number | null; requestedBy: string; requestedAt: Date; chatId: string | null },
): Promise<TransferRow> {
  const [row] = await db.insert(transfers).values(input).returning(columns);
  return row!;
}

export async function setTransferCards(db: Database, id: number, copies: { outboxId: number; chatId: string }[]): Promise<void> {
  await db.update(transfers).set({ cardCopies: copies }).where(eq(transfers.id, id));
}

export type TransferStep =
  | { status: 'dispatched'; by: string; at: Date; vehiclePlate: string; driver: string; escort: string | null }
  | { status: 'picked_up'; by: string; at: Date }
  | { status: 'handed_over'; by: string; at: Date; receivingPlace: string; receiver: string }
  | { status: 'cancelled'; by: string; at: Date };

/** Records one step on a transfer still in `from`; returns it as changed, or null if it was no longer there. */
export async function recordTransferStep(db: Database, id: number, from: TransferStatus, step: TransferStep): Promise<TransferRow | null> {
  const set =
    step.status === 'dispatched'
      ? { status: step.status, dispatchedBy: step.by, dispatchedAt: step.at, vehiclePlate: step.vehiclePlate, driver: step.driver, escort: step.escort }
      : step.status === 'picked_up'
        ? { status: step.status, pickedUpBy: step.by, pickedUpAt: step.at }
        : step.status === 'handed_over'
          ? { status: step.status, handedOverBy: step.by, handedOverAt: step.at, receivingPlace: step.receivingPlace, receiver: step.receiver }
          : { status: step.status };
  const [row] = await db.update(transfers).set(set).where(and(eq(transfers.id, id), eq(transfers.status, from))).returning(columns);
  return row ?? null;
}

/**
 * Transfers under way with a warning hour reached and not yet told (requested at least h hours
 * ago, warned of less than h), locked for this caller with SKIP LOCKED so several instances
 * never warn twice.
 */
export async function lockTransfersToWarn(db: Database, input: { now: Date; hours: number[] }, limit = 20): Promise<TransferRow[]> {
  const hours = sql.join(input.hours.map((h) => sql`${h}::float8`), sql`, `);
  const ids = rowsOf<{ id: number }>(
    await db.execute(sql`
      select id from transfers
      where status in ('requested', 'dispatched', 'picked_up')
        and exists (select 1 from unnest(array[${hours}]) as h(hours)
                    where h.hours > warned_hours and requested_at <= ${input.now.toISOString()}::timestamptz - make_interval(secs => h.hours * 3600))
      order by id limit ${limit}
      for update skip locked`),
  ).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return db.select(columns).from(transfers).where(inArray(transfers.id, ids));
}

export async function markWarned(db: Database, id: number, hours: number): Promise<void> {
  await db.update(transfers).set({ warnedHours: hours }).where(eq(transfers.id, id));
}
