import type { DailySummary } from '../services/daily-summary';
import { summaryText } from '../messages/summary';
import { buildCard, type Card, plainText } from './card';
import { mostRowsThatFit } from './fit';

/** HQ's daily summary: the numbers as lines, and the 14-day trend as a line chart; village lists as long as fit. */
export function summaryCard(s: DailySummary): Card {
  const longest = Math.max(s.byVillage.length, ...s.missedReports.map((r) => r.villages.length));
  const withVillages = (n: number) => summaryWith(s, n);
  return withVillages(mostRowsThatFit(longest, withVillages));
}

/** The summary naming at most `villages` villages in each list, and how many more there are. */
function summaryWith(s: DailySummary, villages: number): Card {
  const title = summaryText.title(s.date);
  return buildCard({
    title,
    color: 'blue',
    summary: title,
    elements: [
      plainText(summaryText.active(s.active)),
      plainText(summaryText.byCategory(s.byCategory)),
      plainText(summaryText.byVillage(s.byVillage.slice(0, villages), Math.max(0, s.byVillage.length - villages))),
      plainText(summaryText.yesterday({ added: s.newYesterday, released: s.releasedYesterday })),
      plainText(summaryText.tests({ ...s.testsYesterday, today: s.testsToday })),
      plainText(summaryText.results(s.results)),
      plainText(summaryText.openAlerts(s.openAlerts)),
      plainText(summaryText.releasesDue(s.releasesDue)),
      ...s.missedReports.map((r) => plainText(summaryText.missedReport(r.label, r.villages.slice(0, villages), Math.max(0, r.villages.length - villages)))),
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
