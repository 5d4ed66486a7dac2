import type { AlertRow } from '../db/repositories/alerts.repository';
import type { Policy } from '../domain/policy';
import { formatTime } from '../messages/cases';
import { dutyText } from '../messages/duties';
import { buildCard, button, type Card, type CardElement, markdown, plainText } from './card';

export interface AlertCardInput {
  alert: AlertRow;
  maskedName: string;
  villageName: string;
  /** open_ids to @-mention: the village's doctors and the leads. */
  notify: string[];
  /** The latest recheck, if any. */
  recheck?: { celsius: number; normal: boolean; at: Date } | null;
  /** Show the recheck form (after 已复测 was pressed). */
  askRecheck?: boolean;
  timeZone: string;
  policy: Pick<Policy, 'alerts' | 'results'>;
}

function alertLine(input: AlertCardInput): string {
  const { alert } = input;
  const who = { caseNo: alert.caseId, maskedName: input.maskedName, village: input.villageName };
  if (alert.kind === 'positive') return dutyText.alertPositiveLine(who);
  if (alert.kind === 'pooled_positive') return dutyText.alertPooledLine({ ...who, hours: input.policy.results.pooledRecheckWithinHours });
  return dutyText.alertLine({ ...who, what: dutyText.alertWhatTemp(alert.temperature, alert.symptoms ?? []), advice: input.policy.alerts.feverAdvice });
}

/**
 * The fever/symptom form of the plans (000 篇二, 002 篇9): recheck, send to the fever clinic, or
 * transfer; each press shows on every copy. A positive offers the transfer; a pooled positive
 * waits for its individual recheck, entered on the sampling card.
 */
function actions(input: AlertCardInput): CardElement[] {
  const { alert } = input;
  const value = { alertId: alert.id };
  if (alert.closedAt || alert.kind === 'pooled_positive') return [];
  if (input.askRecheck && alert.kind !== 'positive') {
    return [
      {
        tag: 'form',
        name: 'recheck',
        elements: [
          { tag: 'input', name: 'celsius', required: true, label: { tag: 'plain_text', content: dutyText.recheckInputLabel }, placeholder: { tag: 'plain_text', content: dutyText.tempInputPlaceholder }, max_length: 8 },
          { tag: 'button', name: 'submit', type: 'primary', text: { tag: 'plain_text', content: dutyText.buttons.submit }, form_action_type: 'submit', behaviors: [{ type: 'callback', value: { ...value, action: 'alert.recheckSubmit' } }] },
        ],
      },
    ];
  }
  const buttons: CardElement[] = [];
  if (alert.kind !== 'positive') {
    if (!input.recheck) buttons.push(button(dutyText.buttons.rechecked, { ...value, action: 'alert.recheck' }, 'primary'));
    if (!alert.feverClinicAt) buttons.push(button(dutyText.buttons.feverClinic, { ...value, action: 'alert.feverClinic' }));
  }
  if (!alert.transferRequestedAt) buttons.push(button(dutyText.buttons.transfer, { ...value, action: 'alert.transfer' }, 'danger'));
  return buttons.length ? [{ tag: 'column_set', flex_mode: 'none', columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })) }] : [];
}

/** The alert posted to the village group and HQ (or the testing group), with the buttons to act on it. */
export function alertCard(input: AlertCardInput): Card {
  const { alert } = input;
  const line = alertLine(input);
  const at = (d: Date) => formatTime(d, input.timeZone);
  const elements: CardElement[] = [];
  if (input.notify.length) elements.push(markdown(input.notify.map((id) => `<at id=${id}></at>`).join(' ')));
  elements.push(plainText(line));
  if (input.recheck) elements.push(plainText(dutyText.alertRechecked(input.recheck.celsius, input.recheck.normal, at(input.recheck.at))));
  if (alert.feverClinicAt) elements.push(plainText(dutyText.alertFeverClinic(at(alert.feverClinicAt))));
  if (alert.transferRequestedAt) elements.push(plainText(dutyText.alertTransferRequested(at(alert.transferRequestedAt))));
  if (alert.kind === 'pooled_positive' && alert.closedAt) elements.push(plainText(dutyText.alertPooledSettled(at(alert.closedAt))));
  elements.push(...actions(input));
  const title = dutyText.alertTitle(alert.caseId);
  return buildCard({ title, color: alert.closedAt ? 'grey' : 'red', elements, summary: line });
}
