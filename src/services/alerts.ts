import type { Database } from '../db/client';
import { type AlertKind, type AlertRow, closeOpenAlertsOfKind, getAlert, openAlert, setAlertCards } from '../db/repositories/alerts.repository';
import { writeAudit } from '../db/repositories/audit.repository';
import { getCase } from '../db/repositories/cases.repository';
import { placeOfDuty } from '../domain/place';
import type { Policy } from '../domain/policy';
import { alertCard } from '../cards/alert-card';
import type { Card } from '../cards/card';
import { enqueueOutbound } from '../outbox/outbox.repository';
import { chatsBoundTo, doctorsAndLeads } from './recipients';

/**
 * Who hears of an alert. Fever and symptoms: the village and HQ ("立即向镇疫情防控指挥部报告",
 * 004 篇四). A positive: also the transfer task force. A pooled positive (混管阳性) is the testing
 * task force's to recheck (001 篇二 §24 混管阳性处置): the village and that group, not HQ. A
 * person at an isolation point: its group first, the village hears too.
 */
async function alertChats(db: Database, kind: AlertKind, at: { villageId: number; pointId: number | null }, policy: Policy): Promise<string[]> {
  const village = [
    ...(at.pointId === null ? [] : await chatsBoundTo(db, { kind: 'isolation_point', pointId: at.pointId })),
    ...(await chatsBoundTo(db, { kind: 'village', villageId: at.villageId })),
  ];
  if (kind === 'pooled_positive') return [...village, ...(await chatsBoundTo(db, { kind: 'taskforce', taskforce: policy.routing.testing }))];
  const hq = await chatsBoundTo(db, { kind: 'hq' });
  const transfer = kind === 'positive' ? await chatsBoundTo(db, { kind: 'taskforce', taskforce: policy.routing.transfer }) : [];
  return [...village, ...hq, ...transfer];
}

/**
 * Opens an alert and posts its card to the chats that must act on it, @-mentioning the
 * village's doctors and the leads. All through the outbox, in the caller's transaction. Fever
 * and symptoms expect a recheck within the policy's hours, after which HQ is told again.
 */
export async function raiseAlert(
  db: Database,
  input: {
    caseId: number;
    villageId: number;
    pointId: number | null;
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
  const expectsRecheck = input.kind === 'fever' || input.kind === 'symptom';
  const recheckDueAt = expectsRecheck ? new Date(input.now.getTime() + input.policy.thresholds.recheckWithinHours * 3600_000) : null;
  const alertId = await openAlert(db, {
    caseId: input.caseId,
    villageId: input.villageId,
    pointId: input.pointId,
    kind: input.kind,
    temperature: input.temperature,
    symptoms: input.symptoms,
    dutyId: input.dutyId,
    openedBy: input.actorOpenId,
    openedAt: input.now,
    recheckDueAt,
  });
  const card = await alertCardFor(db, alertId, { timeZone: input.timeZone, policy: input.policy });
  const copies: { outboxId: number; chatId: string }[] = [];
  for (const chatId of new Set(await alertChats(db, input.kind, input, input.policy))) {
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
export async function alertCardFor(db: Database, alertId: number, options: { timeZone: string; policy: Policy; askRecheck?: boolean }): Promise<Card> {
  const alert = (await getAlert(db, alertId))!;
  const c = (await getCase(db, alert.caseId))!;
  return alertCard({
    alert,
    maskedName: c.nameMasked,
    villageName: c.villageName,
    notify: await doctorsAndLeads(db, placeOfDuty(alert)),
    recheck: alert.recheckCelsius !== null && alert.recheckAt ? { celsius: alert.recheckCelsius, normal: alert.closedAt !== null, at: alert.recheckAt } : null,
    askRecheck: options.askRecheck,
    timeZone: options.timeZone,
    policy: options.policy,
  });
}

/** Updates every posted copy of the alert's card (each through the outbox, after its send). */
export async function refreshAlertCopies(db: Database, alert: AlertRow, card: Card): Promise<void> {
  for (const copy of alert.cardCopies) {
    await enqueueOutbound(db, { kind: 'patch', chatId: copy.chatId, outboxId: copy.outboxId, content: JSON.stringify(card) });
  }
}

/** The individual recheck came back: the pooled-positive alert is settled, and every copy of it says so. */
export async function closePooledAlerts(db: Database, input: { caseId: number; by: string; at: Date; timeZone: string; policy: Policy }): Promise<void> {
  for (const alert of await closeOpenAlertsOfKind(db, { caseId: input.caseId, kind: 'pooled_positive', by: input.by, at: input.at })) {
    await refreshAlertCopies(db, alert, await alertCardFor(db, alert.id, { timeZone: input.timeZone, policy: input.policy }));
  }
}
