import { loadExcelJS } from '../shared/lazy-modules';
import { supervisionReportText as text } from '../messages/supervision';
import type { SupervisionReport } from './supervision-report';

/** The 督导通报 for the record: one sheet per list of the card, every row (the card shows the first ones). */
export async function supervisionWorkbook(report: SupervisionReport): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  const sheet = (def: { name: string; header: string[] }, rows: (string | number | null)[][]) => {
    const ws = workbook.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(def.header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
  };
  const s = text.sheets;
  sheet(s.villages, report.villages.map((v) => [v.name, v.visits, v.rollcalls, v.tests, v.resultsOverdue, v.lateReports, v.unchecked, v.lateTransfers]));
  sheet(s.people, report.people.map((p) => [p.name || text.unassigned, p.villageName, p.visits, p.rollcalls]));
  sheet(s.trend, report.trend.map((d) => [d.date, d.missed]));
  sheet(s.corrections, report.openCorrections.map((c) => [c.id, c.villageName, c.caseId, c.issue, c.dueDate]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
