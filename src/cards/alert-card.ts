import type { AlertRow } from '../db/repositories/alerts.repository';
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
}

/** The alert posted to the village group and HQ, with the buttons to act on it. */
export function alertCard(input: AlertCardInput): Card {
  const { alert } = input;
  const who = { caseNo: alert.caseId, maskedName: input.maskedName, village: input.villageName };
  const line =
    alert.kind === 'positive'
      ? dutyText.alertPositiveLine(who)
      : dutyText.alertLine({ ...who, what: dutyText.alertWhatTemp(alert.temperature, alert.symptoms ?? []) });
  const elements: CardElement[] = [];
  if (input.notify.length) elements.push(markdown(input.notify.map((id) => `<at id=${id}></at>`).join(' ')));
  elements.push(plainText(line));
  if (input.recheck) elements.push(plainText(dutyText.alertRechecked(input.recheck.celsius, input.recheck.normal, formatTime(input.recheck.at, input.timeZone))));
  if (alert.transferRequestedAt) elements.push(plainText(dutyText.alertTransferRequested(formatTime(alert.transferRequestedAt, input.timeZone))));
  const value = { alertId: alert.id };
  if (!alert.closedAt) {
    if (input.askRecheck && alert.kind !== 'positive') {
      elements.push({
        tag: 'form',
        name: 'recheck',
        elements: [
          { tag: 'input', name: 'celsius', required: true, label: { tag: 'plain_text', content: dutyText.recheckInputLabel }, placeholder: { tag: 'plain_text', content: dutyText.tempInputPlaceholder }, max_length: 8 },
          { tag: 'button', name: 'submit', type: 'primary', text: { tag: 'plain_text', content: dutyText.buttons.submit }, form_action_type: 'submit', behaviors: [{ type: 'callback', value: { ...value, action: 'alert.recheckSubmit' } }] },
        ],
      });
    } else {
      const buttons: CardElement[] = [];
      if (alert.kind !== 'positive' && !input.recheck) buttons.push(button(dutyText.buttons.rechecked, { ...value, action: 'alert.recheck' }, 'primary'));
      if (!alert.transferRequestedAt && (alert.kind === 'positive' || input.recheck?.normal === false)) {
        buttons.push(button(dutyText.buttons.transfer, { ...value, action: 'alert.transfer' }, 'danger'));
      }
      if (buttons.length) elements.push({ tag: 'column_set', flex_mode: 'none', columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })) });
    }
  }
  const title = dutyText.alertTitle(alert.caseId);
  return buildCard({ title, color: alert.closedAt ? 'grey' : 'red', elements, summary: line });
}
