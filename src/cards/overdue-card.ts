import { jobText } from '../messages/jobs';
import { buildCard, type Card, markdown, plainText } from './card';

export interface OverdueRow {
  caseNo: number;
  maskedName: string;
  what: string;
  window: string;
}

/** 「逾期未完成」 to a village: its doctors @-mentioned, the first rows of what is past its window, and how many more. */
export function overdueCard(input: { villageName: string; doctors: string[]; total: number; rows: OverdueRow[] }): Card {
  const title = jobText.overdueTitle(input.villageName);
  return buildCard({
    title,
    color: 'orange',
    summary: title,
    elements: [
      ...(input.doctors.length ? [markdown(input.doctors.map((id) => `<at id=${id}></at>`).join(' '))] : []),
      plainText(jobText.overdueIntro(input.total)),
      ...input.rows.map((row) => plainText(jobText.overdueRow(row))),
      ...(input.total > input.rows.length ? [plainText(jobText.overdueMore(input.total - input.rows.length))] : []),
    ],
  });
}
