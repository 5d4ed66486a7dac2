import type { DutyPage } from '../db/repositories/duty-days.repository';
import type { DutyWithCase } from '../db/repositories/duties.repository';
import type { IsoDate } from '../domain/dates';
import { type Place, placeValue } from '../domain/place';
import { formatTime } from '../messages/cases';
import { dutyStateWord, dutyText } from '../messages/duties';
import { buildCard, button, type Card, type CardElement, plainText, row } from './card';
import { contentColor } from './card-color';

/** A day card of a place: a village's own work, or an isolation point's. */
export interface PlaceDayCard {
  place: Place;
  placeName: string;
  date: IsoDate;
  page: number;
  timeZone: string;
}

export function caseLabel(d: DutyWithCase): string {
  return dutyText.row(d.caseId, d.caseNameMasked, d.day) + (d.slot ? (dutyText.rowSlot[d.slot] ?? '') : '');
}

/** What a test row says and offers, by the test's state (planned → sampled → result; 未采 / 未检 → 补采). */
function testRow(d: DutyWithCase, base: Record<string, unknown>, timeZone: string): { status: string; buttons: CardElement[] } {
  const press = (label: string, value: Record<string, unknown>, type: 'default' | 'primary' | 'danger' = 'default') =>
    button(label, { ...base, ...value, dutyId: d.id }, type);
  if (d.result) return { status: dutyText.resultDone(dutyText.result[d.result]), buttons: [] };
  if (d.status === 'sampled') {
    const time = formatTime(d.sampledAt!, timeZone);
    return {
      status: d.resultOverdueAt ? dutyText.resultOverdue(time) : dutyText.awaiting(time),
      buttons: [
        press(dutyText.buttons.negative, { action: 'test.result', result: 'negative' }, 'primary'),
        press(dutyText.buttons.positive, { action: 'test.result', result: 'positive' }, 'danger'),
        press(dutyText.buttons.invalid, { action: 'test.result', result: 'invalid' }),
        press(dutyText.buttons.pooledPositive, { action: 'test.result', result: 'pooled_positive' }),
      ],
    };
  }
  if (d.status === 'missed' || d.status === 'not_done') {
    return { status: dutyStateWord('test', d.status), buttons: [press(dutyText.buttons.makeup, { action: 'test.sample' }, 'primary')] };
  }
  return { status: '', buttons: [press(dutyText.buttons.sampled, { action: 'test.sample' }, 'primary')] };
}

export function pager(base: Record<string, unknown>, page: number, pages: number): CardElement[] {
  if (pages <= 1) return [];
  const buttons = [
    ...(page > 0 ? [button(dutyText.buttons.prev, { ...base, action: 'card.page', page: page - 1 })] : []),
    ...(page < pages - 1 ? [button(dutyText.buttons.next, { ...base, action: 'card.page', page: page + 1 })] : []),
  ];
  return [row(dutyText.page(page, pages), buttons)];
}

/** 「今日核酸采样」: one row per test due, 已采样 → 阴性/阳性/无效, and 全部已采样. */
export function testsCard(input: PlaceDayCard & DutyPage): Card {
  const { rows, page, pages } = input;
  const base = { card: 'tests', ...placeValue(input.place), date: input.date, page };
  const elements: CardElement[] = [plainText(dutyText.testsCardDate(input.date))];
  for (const d of rows) {
    const { status, buttons } = testRow(d, base, input.timeZone);
    elements.push(row([caseLabel(d), status].filter(Boolean).join('　'), buttons));
  }
  if (rows.some((d) => d.status === 'pending')) {
    elements.push(button(dutyText.buttons.allSampled, { ...base, action: 'test.sampleAll' }, 'primary'));
  }
  elements.push(...pager(base, page, pages));
  const title = dutyText.testsCardTitle(input.placeName, input.total);
  const color = contentColor({
    alerts: rows.filter((d) => d.result === 'positive' || d.result === 'pooled_positive').length,
    work: rows.filter((d) => d.status !== 'done' && d.status !== 'cancelled').length,
  });
  return buildCard({ title, color, elements, summary: title });
}

/** 「今日体温」 for one slot: a form with a temperature input and symptom choices per person. */
export function tempsCard(input: PlaceDayCard & DutyPage & { slot: string; slotLabel: string; symptoms: string[] }): Card {
  const { rows, page, pages } = input;
  const base = { card: 'temps', ...placeValue(input.place), date: input.date, slot: input.slot, page };
  const formElements: CardElement[] = [];
  const recorded: CardElement[] = [];
  for (const d of rows) {
    if (d.status === 'pending') {
      formElements.push(
        plainText(caseLabel(d)),
        {
          tag: 'column_set',
          flex_mode: 'none',
          columns: [
            { tag: 'column', width: 'weighted', weight: 1, elements: [{ tag: 'input', name: `t_${d.id}`, placeholder: { tag: 'plain_text', content: dutyText.tempInputPlaceholder }, max_length: 8 }] },
            {
              tag: 'column',
              width: 'weighted',
              weight: 2,
              elements: [
                {
                  tag: 'multi_select_static',
                  name: `s_${d.id}`,
                  // Lark makes a multi-select required unless told: a row without symptoms must still submit.
                  required: false,
                  placeholder: { tag: 'plain_text', content: dutyText.symptomPlaceholder },
                  options: input.symptoms.map((s) => ({ text: { tag: 'plain_text', content: s }, value: s })),
                },
              ],
            },
          ],
        },
      );
    } else {
      const what = d.temperature === null ? dutyStateWord('temp', d.status) : dutyText.tempDone(d.temperature, d.symptoms ?? []);
      recorded.push(plainText(`${caseLabel(d)}　${what}${d.status === 'abnormal' ? ' ⚠' : ''}`));
    }
  }
  const elements: CardElement[] = [plainText(dutyText.tempsCardHint), ...recorded];
  if (formElements.length) {
    elements.push({
      tag: 'form',
      name: 'temps',
      elements: [
        ...formElements,
        { tag: 'button', name: 'submit', type: 'primary', text: { tag: 'plain_text', content: dutyText.buttons.submit }, form_action_type: 'submit', behaviors: [{ type: 'callback', value: { ...base, action: 'temp.submit' } }] },
      ],
    });
  }
  elements.push(...pager(base, page, pages));
  const title = dutyText.tempsCardTitle(input.placeName, input.slotLabel, input.total);
  const color = contentColor({ alerts: rows.filter((d) => d.status === 'abnormal').length, work: rows.filter((d) => d.status === 'pending' || d.status === 'missed').length });
  return buildCard({ title, color, elements, summary: title });
}
