import { z } from 'zod';
import { Id } from './values';
import { PUSH_FIELD_MAX_CHARS, type PushAsk } from '../src/cards/push-check-card';
import { getCase } from '../src/db/repositories/cases.repository';
import { listIsolationPoints } from '../src/db/repositories/isolation-points.repository';
import { getBatch, lockRow, type PushBatchRecord, type PushRowRecord } from '../src/db/repositories/push-lists.repository';
import { listVillages } from '../src/db/repositories/villages.repository';
import { compareDates, parseDateToken } from '../src/domain/dates';
import { readPhone } from '../src/domain/field-readers';
import { scrubText } from '../src/domain/mask';
import { canCheckList, canPushList, canViewVillage } from '../src/domain/permissions';
import type { CardActionResponse } from '../src/lark/card-action-handler';
import { pushText } from '../src/messages/push-lists';
import { enqueueOutbound } from '../src/outbox/outbox.repository';
import { activeCaseIdsByHash } from '../src/services/bulk-register';
import { decidedText } from '../src/cards/push-check-card';
import { personOf, villageCardFor } from '../src/services/push-cards';
import { moveToVillage, recordDecision } from '../src/services/push-decisions';
import { UserError } from '../src/shared/user-error';
import { CaseNumberSchema } from '../commands/case-number';
import { registerChecked } from '../commands/register-line';
import { type CardActionContext, defineCardAction } from './define-card-action';

const t = pushText.toast;
const RowValue = z.object({ batchId: Id, rowId: Id });
const refuse = (content: string, type: 'error' | 'warning' | 'info' = 'error'): CardActionResponse => ({ toast: { type, content } });

type Found = { row: PushRowRecord; batch: PushBatchRecord };

/**
 * The row, locked (two presses on the same row wait for each other), still unchecked, and the
 * actor's to decide: the village's cadres (and leads, admins) for a village's row; the one who
 * pushed the list, leads and admins for a row no village has yet.
 */
async function rowFor(ctx: CardActionContext, value: z.infer<typeof RowValue>): Promise<Found | CardActionResponse> {
  const row = await lockRow(ctx.db, value.rowId);
  const batch = row && row.batchId === value.batchId ? await getBatch(ctx.db, row.batchId) : null;
  if (!row || !batch) return refuse(t.gone, 'warning');
  if (row.villageId === null) {
    if (batch.pushedBy !== ctx.actor.openId && !canPushList(ctx.actor)) return refuse(t.noPermissionAssign);
  } else if (!canCheckList(ctx.actor, row.villageId)) {
    const village = (await listVillages(ctx.db)).find((v) => v.id === row.villageId)!;
    return refuse(t.noPermission(village.name));
  }
  if (row.status !== 'pending') return refuse(t.decided(decidedText({ ...row, forwardedTo: null })), 'info');
  return { row, batch };
}

function field(ctx: CardActionContext, name: string): string {
  return scrubText(String(ctx.formValue[name] ?? '').trim());
}

function tooLong(ctx: CardActionContext, names: Record<string, string>): CardActionResponse | null {
  for (const [name, label] of Object.entries(names)) if (Array.from(field(ctx, name)).length > PUSH_FIELD_MAX_CHARS) return refuse(t.tooLong(label, PUSH_FIELD_MAX_CHARS));
  return null;
}

const deps = (ctx: CardActionContext) => ({ cipher: ctx.cipher, timeZone: ctx.timeZone, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, now: ctx.now });

const rawCard = (data: unknown) => ({ type: 'raw' as const, data });
const done = (content: string, card: unknown): CardActionResponse => ({ toast: { type: 'success', content }, card: rawCard(card) });
/** A decision's answer: the card as it is now, or (someone decided the row meanwhile) that it is gone. */
const recorded = (card: unknown | null): CardActionResponse => (card ? done(t.recorded, card) : refuse(t.gone, 'warning'));

/** A button or form submit on one row: the row found, locked and the actor's (rowFor) before `decide`. */
function onRow<V extends z.infer<typeof RowValue>>(action: string, value: z.ZodType<V>, decide: (ctx: CardActionContext, found: Found, value: V) => Promise<CardActionResponse>) {
  return defineCardAction({
    action,
    value,
    async run(ctx, v) {
      const found = await rowFor(ctx, v);
      return 'row' in found ? decide(ctx, found, v) : found;
    },
  });
}

/** 在本村·登记, 不在本村, 已管控, 转交: the row's form opened on the card (nothing is written yet). */
export const pushAsk = onRow('push.ask', RowValue.extend({ form: z.enum(['register', 'away', 'managed', 'forward']) }), async (ctx, { row, batch }, value) => {
  if (row.villageId === null) return refuse(t.gone, 'warning');
  let ask: PushAsk;
  if (value.form === 'register') ask = { rowId: row.id, form: 'register', categories: ctx.policy.categories.map((c) => ({ code: c.code, name: c.name })) };
  else if (value.form === 'away') ask = { rowId: row.id, form: 'away', reasons: ctx.policy.pushLists.awayReasons };
  else if (value.form === 'managed') ask = { rowId: row.id, form: 'managed', caseNo: (await activeCaseIdsByHash(ctx.db, [row.idNumberHash])).get(row.idNumberHash) ?? null };
  else ask = { rowId: row.id, form: 'forward', villages: (await listVillages(ctx.db)).filter((v) => v.id !== row.villageId).map((v) => v.name) };
  const toast = { register: t.askRegister, away: t.askAway, managed: t.askManaged, forward: t.askForward }[value.form];
  return { toast: { type: 'info', content: toast }, card: rawCard(await villageCardFor(ctx.db, ctx, batch, row.villageId, ask)) };
});

/** The form of 在本村·登记 submitted: the person registered exactly as /登记 registers them. */
export const pushRegister = onRow('push.register', RowValue, async (ctx, { row }) => {
  if (row.villageId === null) return refuse(t.gone, 'warning');
  const long = tooLong(ctx, { address: pushText.village.form.address });
  if (long) return long;
  const category = ctx.policy.categories.find((c) => c.code === String(ctx.formValue.category ?? ''));
  if (!category) return refuse(t.badCategory);
  const rawDate = field(ctx, 'startDate');
  const date = rawDate === '' ? { ok: true as const, date: ctx.today } : parseDateToken(rawDate, ctx.today);
  if (!date || !date.ok) return refuse(t.badDate(rawDate));
  if (compareDates(date.date, ctx.today) > 0) return refuse(t.futureDate(rawDate));
  const person = personOf(ctx.cipher, row);
  if (!person) return refuse(t.gone, 'warning');
  // Read as typed: the masking of free text would hide the very number (the refusal masks it again).
  const rawPhone = String(ctx.formValue.phone ?? '').replace(/\s/g, '');
  const typed = rawPhone === '' ? null : readPhone(rawPhone);
  if (rawPhone !== '' && typed?.kind !== 'phone') return refuse(t.badPhone(rawPhone));
  const phone = typed?.kind === 'phone' ? typed.phone : person.phone;
  if (!phone) return refuse(pushText.village.form.phoneNeeded);
  const village = (await listVillages(ctx.db)).find((v) => v.id === row.villageId)!;
  const address = field(ctx, 'address') || person.address;
  try {
    const outcome = await registerChecked(
      { ...ctx, chatId: ctx.chatId ?? '' },
      {
        value: {
          name: person.name, idNumber: person.idNumber, phone, categoryCode: category.code, startDate: date.date,
          typedBasis: null, dateTyped: rawDate !== '', point: null, village: village.name, address, contactNote: typed?.kind === 'phone' ? typed.note : null,
          birthDate: person.birthDate, sex: person.sex,
        },
        village,
        points: await listIsolationPoints(ctx.db),
        team: [],
      },
    );
    const status = outcome.kind === 'created' ? 'registered' : 'managed';
    const card = await recordDecision(ctx.db, deps(ctx), row, { status, caseId: outcome.id });
    if (!card) return refuse(t.gone, 'warning');
    if (outcome.kind === 'created' && ctx.chatId) {
      await enqueueOutbound(ctx.db, { kind: 'send', receiveIdType: 'chat_id', receiveId: ctx.chatId, msgType: 'interactive', content: JSON.stringify(outcome.card) });
    }
    return done(outcome.kind === 'created' ? t.registered(outcome.id) : outcome.text, card);
  } catch (e) {
    // Refused before anything was written (a point to name, a village not the registrar's).
    if (e instanceof UserError) return refuse(e.reply);
    throw e;
  }
});

/** The form of 不在本村 submitted: where the person is (the policy's words) and a note. */
export const pushAway = onRow('push.away', RowValue, async (ctx, found) => {
  const reason = String(ctx.formValue.reason ?? '');
  if (!ctx.policy.pushLists.awayReasons.includes(reason)) return refuse(t.badReason);
  const long = tooLong(ctx, { note: pushText.village.form.note });
  if (long) return long;
  return recorded(await recordDecision(ctx.db, deps(ctx), found.row, { status: 'away', awayReason: reason, note: field(ctx, 'note') || null }));
});

/** The form of 已管控 submitted: the case the person is already managed under, which must be them. */
export const pushManaged = onRow('push.managed', RowValue, async (ctx, found) => {
  const raw = field(ctx, 'caseNo');
  const number = CaseNumberSchema.safeParse(raw);
  if (!number.success) return refuse(t.badCaseNo(raw));
  const caseId = number.data;
  const c = await getCase(ctx.db, caseId);
  if (!c || c.status !== 'active' || !canViewVillage(ctx.actor, c.villageId)) return refuse(t.caseNotHere(caseId));
  if (c.idNumberHash !== found.row.idNumberHash) return refuse(t.notSamePerson(caseId));
  return recorded(await recordDecision(ctx.db, deps(ctx), found.row, { status: 'managed', caseId }));
});

/** 转交 (a village's row to another village) and 发到该村 (the lead places a row no village has). */
export const pushForward = onRow('push.forward', RowValue, async (ctx, found, value) => {
  // The lead's batch card holds a form per row, and names are unique in a card.
  const name = String(ctx.formValue.village ?? ctx.formValue[`village_${value.rowId}`] ?? '');
  const village = (await listVillages(ctx.db)).find((v) => v.name === name);
  if (!village) return refuse(t.badVillage);
  if (village.id === found.row.villageId) return refuse(t.sameVillage(village.name), 'info');
  const card = await moveToVillage(ctx.db, deps(ctx), found.row, village.id);
  return done(found.row.villageId === null ? t.assigned(village.name) : t.forwarded(village.name), card);
});
