import { reportsOn } from '../db/repositories/reports.repository';
import { listVillages } from '../db/repositories/villages.repository';
import type { Database } from '../db/client';
import { type IsoDate, zonedDateTimeToInstant } from '../domain/dates';
import type { ReportRule } from '../domain/reports';

/** Villages (in the order they were added) that had not filed `report` on `date` by its deadline. */
export async function villagesMissingReport(db: Database, input: { date: IsoDate; report: ReportRule; timeZone: string }) {
  const deadline = zonedDateTimeToInstant(input.date, input.report.deadline, input.timeZone).getTime();
  const filed = await reportsOn(db, input.date);
  const inTime = new Set(filed.filter((f) => f.report === input.report.key && f.reportedAt.getTime() <= deadline).map((f) => f.villageId));
  return (await listVillages(db)).filter((v) => !inTime.has(v.id));
}
