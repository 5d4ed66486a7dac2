import { and, eq } from 'drizzle-orm';
import type { IsoDate } from '../../domain/dates';
import { scrubText } from '../../domain/mask';
import type { Database } from '../client';
import { villageReports } from '../schema';

export interface VillageReport {
  villageId: number;
  report: string;
  reportedBy: string;
  reportedAt: Date;
  note: string | null;
}

/** The reports filed on a day, by every village (or one). */
export async function reportsOn(db: Database, date: IsoDate, villageId?: number): Promise<VillageReport[]> {
  return db
    .select({
      villageId: villageReports.villageId,
      report: villageReports.report,
      reportedBy: villageReports.reportedBy,
      reportedAt: villageReports.reportedAt,
      note: villageReports.note,
    })
    .from(villageReports)
    .where(and(eq(villageReports.reportDate, date), villageId === undefined ? undefined : eq(villageReports.villageId, villageId)));
}

export async function fileReport(
  db: Database,
  input: { villageId: number; date: IsoDate; report: string; by: string; at: Date; chatId: string; note: string | null },
): Promise<void> {
  await db.insert(villageReports).values({
    villageId: input.villageId,
    reportDate: input.date,
    report: input.report,
    reportedBy: input.by,
    reportedAt: input.at,
    chatId: input.chatId,
    // Masked by the caller (names need the database); IDs and phones once more here, whoever calls.
    note: input.note === null ? null : scrubText(input.note),
  });
}
