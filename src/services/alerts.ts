import type { Database } from '../db/client';
import { type AlertKind, type AlertRow, getAlert, openAlert, setAlertCards } from '../db/repositories/alerts.repository';
import { writeAudit } from '../db/repositories/audit.repository';
import { getCase } from '../db/repositories/cases.repository';
import type { Policy } from '../domain/policy';
import { alertCard } from '../cards/alert-card';
import type { Card } from '../cards/card';
import { enqueueOutbound } from '../outbox/outbox.repository';
import { chatsBoundTo, doctorsAndLeads } from './recipients';

// The plan's transfer task force (转运专班) hears of every positive case.
const TRANSFER_TASKFORCE = '转运';

/**
 * Opens an alert and posts its card to the village group(s) and HQ (and the transfer task
 * force for a positive), @-mentioning the village's doctors and the leads. All through the
 * outbox, in the caller's transaction.
 */
export async function raiseAlert(
  db: Database,
  input: {
    caseId: number;
    villageId: number;
    kind: AlertKind;
    temperature: number | null;
    symptoms: string[];
    dutyId: number | null;
    actorOpenId: string;
    chatId: string | null;
    now: Date;
    policy: Policy;
    timeZone: string;
  },
): Promise<number> {
  const recheckDueAt = input.kind === 'positive' ? null : new Date(input.now.getTime() + input.policy.thresholds.recheckWithinHours * 3600_000);
  const alertId = await openAlert(db, {
    caseId: input.caseId,
    villageId: input.villageId,
    kind: input.kind,
    temperature: input.temperature,
    symptoms: input.symptoms,
    dutyId: input.dutyId,
    openedBy: input.actorOpenId,
    openedAt: input.now,
    recheckDueAt,
  });
  const chats = [
    ...(await chatsBoundTo(db, { kind: 'village', villageId: input.villageId })),
    ...(await chatsBoundTo(db, { kind: 'hq' })),
    ...(input.kind === 'positive' ? await chatsBoundTo(db, { kind: 'taskforce', taskforce: TRANSFER_TASKFORCE }) : []),
  ];
  const card = await alertCardFor(db, alertId, { timeZone: input.timeZone });
  const copies: { outboxId: number; chatId: string }[] = [];
  for (const chatId of [...new Set(chats)]) {
    const outboxId = await enqueueOutbound(db, { kind: 'send', receiveIdType: 'chat_id', receiveId: chatId, msgType: 'interactive', content: JSON.stringify(card) });
    copies.push({ outboxId, chatId });
  }
  await setAlertCards(db, alertId, copies);
  await writeAudit(db, {
    at: input.now,
    actorOpenId: input.actorOpenId,
    chatId: input.chatId,
    action: 'alert.open',
    caseId: input.caseId,
    after: { kind: input.kind, temperature: input.temperature, symptoms: input.symptoms },
  });
  return alertId;
}

/** The alert's card as it stands now. */
export async function alertCardFor(db: Database, alertId: number, options: { timeZone: string; askRecheck?: boolean }): Promise<Card> {
  const alert = (await getAlert(db, alertId))!;
  const c = (await getCase(db, alert.caseId))!;
  return alertCard({
    alert,
    maskedName: c.nameMasked,
    villageName: c.villageName,
    notify: await doctorsAndLeads(db, alert.villageId),
    recheck: alert.recheckCelsius !== null && alert.recheckAt ? { celsius: alert.recheckCelsius, normal: alert.closedAt !== null, at: alert.recheckAt } : null,
    askRecheck: options.askRecheck,
    timeZone: options.timeZone,
  });
}

/** Updates every posted copy of the alert's card (each through the outbox, after its send). */
export async function refreshAlertCopies(db: Database, alert: AlertRow, card: Card): Promise<void> {
  for (const copy of alert.cardCopies) {
    await enqueueOutbound(db, { kind: 'patch', chatId: copy.chatId, outboxId: copy.outboxId, content: JSON.stringify(card) });
  }
}
