import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { villages } from '../schema';

export interface Village {
  id: number;
  name: string;
}

export async function listVillages(db: Database): Promise<Village[]> {
  return db.select({ id: villages.id, name: villages.name }).from(villages).orderBy(asc(villages.id));
}

export async function getVillageByName(db: Database, name: string): Promise<Village | null> {
  const [row] = await db.select({ id: villages.id, name: villages.name }).from(villages).where(eq(villages.name, name));
  return row ?? null;
}

export async function getVillagesByIds(db: Database, ids: number[]): Promise<Village[]> {
  if (ids.length === 0) return [];
  return db.select({ id: villages.id, name: villages.name }).from(villages).where(inArray(villages.id, ids));
}

/** Adds the names not yet known; returns the ones actually added. */
export async function addVillages(db: Database, names: string[], createdBy: string): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db
    .insert(villages)
    .values(names.map((name) => ({ name, createdBy })))
    .onConflictDoNothing()
    .returning({ name: villages.name });
  return rows.map((r) => r.name);
}
