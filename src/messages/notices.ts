import type { IsoDate } from '../domain/dates';

/** Cases named in one group line before the rest are counted. */
const LISTED = 10;

/** An @-mention in a text message; Lark shows the person's name (LARK.md §5.3, content formats). */
const mention = (openId: string) => `<at user_id="${openId}"></at>`;

/** What the bot says about the 告知书 it sends (the notices' own wording is in the policy). */
export const noticeText = {
  /** A date as a printed notice writes it: 2026年11月20日 */
  documentDate: (date: IsoDate) => {
    const [y, m, d] = date.split('-');
    return `${y}年${Number(m)}月${Number(d)}日`;
  },
  /** The file's name: the case number for one person, village and count for several. No personal data. */
  fileName: (input: { title: string; caseIds: number[]; village: string; date: IsoDate }) =>
    input.caseIds.length === 1
      ? `${input.title}_${input.caseIds[0]}号_${input.date}.docx`
      : `${input.title}_${input.village}_${input.caseIds.length}份_${input.date}.docx`,
  /** The masked line in the village group: whose notice went to whom, privately. */
  sentLine: (input: { cases: { id: number; maskedName: string }[]; title: string; recipientOpenId: string }) => {
    const named = input.cases
      .slice(0, LISTED)
      .map((c) => `#${c.id} ${c.maskedName}`)
      .join('、');
    const who = input.cases.length > LISTED ? `${named} 等 ${input.cases.length} 人的` : input.cases.length > 1 ? `${named} 的` : `${named} `;
    return `${who}${input.title}已私信发给 ${mention(input.recipientOpenId)}，请打印后送达本人。`;
  },
  /** Said after a release: where the 解除 notice went. */
  releasedTo: (input: { title: string; recipientOpenId: string }) => `${input.title}已私信发给 ${mention(input.recipientOpenId)}。`,
  /** In a toast (no mentions there). */
  releasedToast: (title: string) => `${title}已私信发出`,
};
