import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { corrections, villages } from '../schema';

export interface Correction {
  id: number;
  villageId: number;
  villageName: string;
  caseId: number | null;
  issue: string;
  dueDate: string;
  openedBy: string;
  closedAt: Date | null;
}

const columns = {
  id: corrections.id,
  villageId: corrections.villageId,
  villageName: villages.name,
  caseId: corrections.caseId,
  issue: corrections.issue,
  dueDate: corrections.dueDate,
  openedBy: corrections.openedBy,
  closedAt: corrections.closedAt,
};

export async function openCorrection(
  db: Database,
  input: { villageId: number; caseId: number | null; issue: string; dueDate: string; openedBy: string; openedAt: Date; chatId: string },
): Promise<number> {
  const [row] = await db.insert(corrections).values(input).returning({ id: corrections.id });
  return row!.id;
}

/** The correction, locked until the transaction ends (two /整改 of one item run one after the other). */
export async function lockCorrection(db: Database, id: number): Promise<Correction | null> {
  const [row] = await db.select(columns).from(corrections).innerJoin(villages, eq(villages.id, corrections.villageId)).where(eq(corrections.id, id)).for('update', { of: corrections });
  return row ?? null;
}

export async function closeCorrection(db: Database, input: { id: number; by: string; at: Date; note: string }): Promise<void> {
  await db.update(corrections).set({ closedBy: input.by, closedAt: input.at, closingNote: input.note }).where(eq(corrections.id, input.id));
}

/** Open corrections, the oldest deadline first; of one village when given. */
export async function listOpenCorrections(db: Database, villageId?: number): Promise<Correction[]> {
  return db
    .select(columns)
    .from(corrections)
    .innerJoin(villages, eq(villages.id, corrections.villageId))
    .where(and(isNull(corrections.closedAt), villageId === undefined ? undefined : eq(corrections.villageId, villageId)))
    .orderBy(asc(corrections.dueDate), asc(corrections.id));
}
