import type { OverdueDuty, PlaceOverdue } from '../db/repositories/duty-days.repository';
import type { IsoDate } from '../domain/dates';
import { type Place, placeValue } from '../domain/place';
import type { Policy } from '../domain/policy';
import { formatTime } from '../messages/cases';
import { dutyStateWord, dutyText } from '../messages/duties';
import { jobText } from '../messages/jobs';
import { buildCard, button, type Card, type CardElement, markdown, plainText, row } from './card';

function dutyLabel(d: OverdueDuty, policy: Policy): string {
  const slotLabel = (slots: { key: string; label: string }[]) => slots.find((s) => s.key === d.slot)?.label ?? '';
  if (d.kind === 'test') return jobText.duty.test(d.day) + (d.slot ? (dutyText.rowSlot[d.slot] ?? '') : '');
  if (d.kind === 'temp') return jobText.duty.temp(slotLabel(policy.tempSlots));
  if (d.kind === 'rollcall') return jobText.duty.rollcall(slotLabel(policy.rollCallSlots));
  return jobText.duty.visit;
}

/**
 * 「逾期未完成」 of a village (or an isolation point): what is past its window undone, the people
 * to act @-mentioned; a test not sampled in its window (未采) can be sampled late from here (补采).
 */
export function overdueCard(input: {
  place: Place;
  placeName: string;
  date: IsoDate;
  overdue: PlaceOverdue;
  mention: string[];
  policy: Policy;
  timeZone: string;
}): Card {
  const { overdue } = input;
  const title = jobText.overdueTitle(input.placeName);
  const elements: CardElement[] = [
    ...(input.mention.length ? [markdown(input.mention.map((id) => `<at id=${id}></at>`).join(' '))] : []),
    plainText(jobText.overdueIntro(overdue.total)),
  ];
  for (const d of overdue.first) {
    const text = jobText.overdueRow({
      caseNo: d.caseId,
      maskedName: d.caseNameMasked,
      what: dutyLabel(d, input.policy),
      state: dutyStateWord(d.kind, 'missed'),
      window: `${formatTime(d.windowStart, input.timeZone)}–${formatTime(d.windowEnd, input.timeZone)}`,
    });
    const makeup = d.kind === 'test' ? [button(dutyText.buttons.makeup, { action: 'overdue.makeup', ...placeValue(input.place), date: input.date, dutyId: d.id }, 'primary')] : [];
    elements.push(makeup.length ? row(text, makeup) : plainText(text));
  }
  if (overdue.total > overdue.first.length) elements.push(plainText(jobText.overdueMore(overdue.total - overdue.first.length)));
  if (overdue.total === 0) elements.push(plainText(jobText.overdueAllDone));
  return buildCard({ title, color: overdue.total ? 'orange' : 'green', summary: title, elements });
}
