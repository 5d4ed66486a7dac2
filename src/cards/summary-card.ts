import type { DailySummary } from '../services/daily-summary';
import { releaseText } from '../messages/release';
import { summaryText } from '../messages/summary';
import type { ReleaseWaiting } from '../services/release-due';
import { buildCard, type Card, plainText } from './card';
import { formatTime } from '../messages/cases';
import { mostRowsThatFit } from './fit';

/** HQ's daily summary: the numbers as lines, and the 14-day trend as a line chart; village lists as long as fit. */
export function summaryCard(s: DailySummary): Card {
  const longest = Math.max(s.byVillage.length, s.table.length, ...s.missedReports.map((r) => r.villages.length));
  const withVillages = (n: number) => summaryWith(s, n);
  return withVillages(mostRowsThatFit(longest, withVillages));
}

/**
 * Releases due today and tomorrow, and the overdue ones: why they wait, then the longest
 * waiting with their reason (as many as the summary was given), then how many more.
 */
function releaseLines(r: ReleaseWaiting): string[] {
  const { overdue } = r;
  const lines = [summaryText.releasesDue({ today: r.dueToday, tomorrow: r.dueTomorrow, overdue: overdue.total })];
  if (overdue.total === 0) return lines;
  lines.push(summaryText.overdueReasons(overdue.reasons));
  for (const c of overdue.first) {
    const why = c.blockers.length ? releaseText.blockers(c.blockers) : summaryText.overdueReady(c.requested);
    lines.push(summaryText.overdueRow({ caseNo: c.id, maskedName: c.maskedName, village: c.villageName, category: c.categoryName, endDate: c.endDate, why }));
  }
  if (overdue.total > overdue.first.length) lines.push(summaryText.overdueMore(overdue.total - overdue.first.length));
  return lines;
}

/** The summary naming at most `villages` villages in each list, and how many more there are. */
function summaryWith(s: DailySummary, villages: number): Card {
  const title = s.live ? summaryText.titleLive(s.date, formatTime(s.asOf, s.timeZone)) : summaryText.titleDay(s.date);
  const table = [summaryText.tableHeader, ...s.table.slice(0, villages).map(summaryText.tableRow), ...(s.table.length > villages ? [summaryText.tableMore(s.table.length - villages)] : [])];
  // A past day shows that day's numbers only: nothing that is "now" (results waiting, releases due, plans).
  const liveLines = s.live
    ? [
        plainText(summaryText.byCategory(s.byCategory)),
        plainText(summaryText.byVillage(s.byVillage.slice(0, villages), Math.max(0, s.byVillage.length - villages))),
        plainText(summaryText.yesterday({ day: s.countsDay, added: s.newYesterday, released: s.releasedYesterday })),
        plainText(summaryText.tests({ day: s.countsDay, ...s.testsYesterday, today: s.testsToday })),
        plainText(summaryText.results(s.results)),
        plainText(summaryText.openAlerts(s.openAlerts)),
        plainText(summaryText.transfers(s.transfers)),
        ...releaseLines(s.releases).map(plainText),
      ]
    : [
        plainText(summaryText.dayCounts({ added: s.newYesterday, released: s.releasedYesterday })),
        plainText(summaryText.dayTests(s.testsYesterday)),
        plainText(summaryText.dayAlerts(s.openAlerts)),
      ];
  return buildCard({
    title,
    color: 'blue',
    summary: title,
    elements: [
      plainText(s.live ? summaryText.active(s.active) : summaryText.activeAtEnd(s.active)),
      ...liveLines,
      ...s.missedReports.map((r) => plainText(summaryText.missedReport(r.label, s.countsDay, r.villages.slice(0, villages), Math.max(0, r.villages.length - villages)))),
      plainText(table.join('\n')),
      {
        tag: 'chart',
        aspect_ratio: '16:9',
        color_theme: 'brand',
        chart_spec: {
          type: 'line',
          title: { text: summaryText.chartTitle },
          data: { values: s.trend.map((p) => ({ date: p.date.slice(5), n: p.n })) },
          xField: 'date',
          yField: 'n',
        },
      },
    ],
  });
}
