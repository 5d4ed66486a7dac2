import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { isolationPoints } from '../schema';

export interface IsolationPoint {
  id: number;
  name: string;
}

const columns = { id: isolationPoints.id, name: isolationPoints.name };

export async function listIsolationPoints(db: Database): Promise<IsolationPoint[]> {
  return db.select(columns).from(isolationPoints).orderBy(asc(isolationPoints.id));
}

export async function getIsolationPointsByIds(db: Database, ids: number[]): Promise<IsolationPoint[]> {
  if (ids.length === 0) return [];
  return db.select(columns).from(isolationPoints).where(inArray(isolationPoints.id, ids));
}

export async function getIsolationPoint(db: Database, id: number): Promise<IsolationPoint | null> {
  const [row] = await db.select(columns).from(isolationPoints).where(eq(isolationPoints.id, id));
  return row ?? null;
}

/** Adds the names not yet known; returns the ones actually added. */
export async function addIsolationPoints(db: Database, names: string[], createdBy: string): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db
    .insert(isolationPoints)
    .values(names.map((name) => ({ name, createdBy })))
    .onConflictDoNothing()
    .returning({ name: isolationPoints.name });
  return rows.map((r) => r.name);
}
