import type { DutyPage } from '../db/repositories/duty-days.repository';
import type { DutyWithCase } from '../db/repositories/duties.repository';
import { placeValue } from '../domain/place';
import { formatTime } from '../messages/cases';
import { dutyStateWord, dutyText } from '../messages/duties';
import { teamWorkText } from '../messages/team-work';
import { buildCard, button, type Card, type CardElement, markdown, plainText, row } from './card';
import { caseLabel, type PlaceDayCard, pager } from './duty-cards';

const mentionLine = (openIds: string[]): CardElement[] => (openIds.length ? [markdown(openIds.map((id) => `<at id=${id}></at>`).join(' '))] : []);

function recorded(d: DutyWithCase, timeZone: string): string {
  const at = d.completedAt ? formatTime(d.completedAt, timeZone) : '';
  const word = dutyStateWord(d.kind, d.status);
  return d.note ? teamWorkText.recordedWithNote(word, at, d.note) : teamWorkText.recorded(word, at);
}

/**
 * 「今日上门 · 东风村」: the guarantee team's door visits (004 篇四 "包保专班应每3天上门核实1次"),
 * the team members whose work it is @-mentioned; 已上门 or 未见到 with the reason (asked for on
 * the card: `askReasonFor` shows the row's reason box).
 */
export function visitsCard(input: PlaceDayCard & DutyPage & { mention: string[]; askReasonFor?: number }): Card {
  const base = { card: 'visits', ...placeValue(input.place), date: input.date, page: input.page };
  const elements: CardElement[] = [...mentionLine(input.mention), plainText(teamWorkText.visitsHint)];
  for (const d of input.rows) {
    if (d.status !== 'pending') {
      elements.push(plainText(`${caseLabel(d)}　${recorded(d, input.timeZone)}`));
    } else if (input.askReasonFor === d.id) {
      elements.push({
        tag: 'form',
        name: `reason_${d.id}`,
        elements: [
          plainText(caseLabel(d)),
          { tag: 'input', name: 'reason', required: true, max_length: 100, placeholder: { tag: 'plain_text', content: teamWorkText.reasonPlaceholder } },
          { tag: 'button', name: 'submit', type: 'primary', text: { tag: 'plain_text', content: dutyText.buttons.submit }, form_action_type: 'submit', behaviors: [{ type: 'callback', value: { ...base, action: 'visit.record', dutyId: d.id, outcome: 'not_seen' } }] },
        ],
      });
    } else {
      elements.push(
        row(caseLabel(d), [
          button(teamWorkText.buttons.seen, { ...base, action: 'visit.record', dutyId: d.id, outcome: 'seen' }, 'primary'),
          button(teamWorkText.buttons.notSeen, { ...base, action: 'visit.askReason', dutyId: d.id }),
        ]),
      );
    }
  }
  elements.push(...pager(base, input.page, input.pages));
  const title = teamWorkText.visitsTitle(input.placeName, input.total);
  const open = input.rows.some((d) => d.status === 'pending');
  return buildCard({ title, color: open ? 'orange' : 'green', elements, summary: title });
}

/**
 * 「早上点名 · 东风村」: a roll call of the people under home health management (004 篇五 "每日
 * 点名不少于三次"), the team members whose work it is @-mentioned; 已点名 or 未接通.
 */
export function rollcallCard(input: PlaceDayCard & DutyPage & { slot: string; slotLabel: string; mention: string[] }): Card {
  const base = { card: 'rollcalls', ...placeValue(input.place), date: input.date, slot: input.slot, page: input.page };
  const elements: CardElement[] = [...mentionLine(input.mention), plainText(teamWorkText.rollcallHint)];
  for (const d of input.rows) {
    if (d.status !== 'pending') elements.push(plainText(`${caseLabel(d)}　${recorded(d, input.timeZone)}`));
    else {
      elements.push(
        row(caseLabel(d), [
          button(teamWorkText.buttons.answered, { ...base, action: 'rollcall.record', dutyId: d.id, outcome: 'answered' }, 'primary'),
          button(teamWorkText.buttons.noAnswer, { ...base, action: 'rollcall.record', dutyId: d.id, outcome: 'no_answer' }),
        ]),
      );
    }
  }
  elements.push(...pager(base, input.page, input.pages));
  const title = teamWorkText.rollcallTitle(input.slotLabel, input.placeName, input.total);
  const open = input.rows.some((d) => d.status === 'pending');
  return buildCard({ title, color: open ? 'orange' : 'green', elements, summary: title });
}
