import { compareDates, type IsoDate } from '../domain/dates';
import { formatDate } from '../messages/cases';
import { supervisionReportText as text } from '../messages/supervision';
import type { SupervisionReport } from '../services/supervision-report';
import { buildCard, type Card, markdown } from './card';

/** Lines a section lists before it says how many more are in the workbook. */
const SECTION_LINES = 30;

function section(title: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, SECTION_LINES);
  return [[title, ...shown, ...(lines.length > shown.length ? [text.more(lines.length - shown.length)] : [])].join('\n')];
}

/** 「督导通报」: per village and per responsible person what was left undone, the 7-day trend, the open corrections. */
export function supervisionCard(report: SupervisionReport, today: IsoDate): Card {
  const villages = report.villages.map((v) => `${v.name}：${text.lapses(v)}`);
  const people = report.people.map((p) => text.person(p.name || text.unassigned, p.villageName, text.lapses({ ...p, tests: 0, resultsOverdue: 0, lateReports: 0, unchecked: 0, lateTransfers: 0 })));
  const corrections = report.openCorrections.map((c) =>
    text.correction({ id: c.id, village: c.villageName, subject: c.caseId === null ? '' : ` #${c.caseId}`, issue: c.issue, due: formatDate(c.dueDate), late: compareDates(c.dueDate, today) < 0 }),
  );
  const fine = villages.length === 0 && corrections.length === 0;
  const blocks = [
    ...(fine ? [text.nothing(formatDate(report.date))] : []),
    ...section(text.byVillage, villages),
    ...section(text.byPerson, people),
    text.trend(report.trend.map((d) => ({ label: d.date.slice(5).replace('-', '/'), missed: d.missed }))),
    ...section(text.corrections, corrections),
    text.attached,
  ];
  return buildCard({ title: text.title(formatDate(report.date)), color: fine ? 'green' : 'red', elements: blocks.map(markdown) });
}
