import { currentTempSlot, parseTemperature } from '../src/domain/duties';
import { readSymptom } from '../src/domain/symptoms';
import { dutyText } from '../src/messages/duties';
import { confirmTemperature } from '../src/services/duty-actions';
import { findTodaysDuties } from '../src/services/find-case-duty';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

/** /体温 #12 38.2 干咳 [上午|下午] — the typed form of the temperature card. */
export const temp = defineCommand({
  name: 'temp',
  aliases: ['体温', '测温'],
  effect: 'changes',
  audience: 'doctor',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '体温');
    if (!number || number.rest.length === 0) throw new UserError(dutyText.commandUsage.temp);
    let celsius: number | null = null;
    let slot: string | null = null;
    const symptoms: string[] = [];
    const otherTyped: string[] = [];
    for (const word of number.rest) {
      const t = parseTemperature(word);
      const slotMatch = ctx.policy.tempSlots.find((s) => s.label === word || s.key === word);
      if (t.ok && celsius === null) celsius = t.celsius;
      else if (slotMatch) slot = slotMatch.key;
      // A number that is not a temperature is a typo of the reading, not a symptom.
      else if (/^[\d０-９.。]+/.test(word)) throw new UserError(dutyText.badTemperature);
      else {
        const s = readSymptom(ctx.policy, word);
        if (s.kind !== 'none') symptoms.push(s.recorded);
        if (s.kind === 'other') otherTyped.push(s.typed);
      }
    }
    if (celsius === null) throw new UserError(dutyText.commandUsage.temp);
    const slotKey = slot ?? currentTempSlot({ policy: ctx.policy, now: ctx.now, timeZone: ctx.timeZone });
    const slotLabel = ctx.policy.tempSlots.find((s) => s.key === slotKey)?.label ?? slotKey;
    const duties = await findTodaysDuties(ctx.db, {
      caseId: number.id,
      today: ctx.today,
      kind: 'temp',
      slot: slotKey,
      noneMessage: dutyText.noTempDuty(number.id, slotLabel),
      actor: ctx.actor,
    });
    const outcome = await confirmTemperature({ ...ctx, chatId: ctx.chat.chatId }, duties[0]!.id, celsius, symptoms);
    if (!outcome.changed) throw new UserError(outcome.message);
    const hint = otherTyped.length ? dutyText.otherSymptoms(otherTyped, ctx.policy.symptoms.map((s) => s.name)) : '';
    await ctx.reply(`#${number.id} ${slotLabel} ${outcome.message}${outcome.abnormal ? ' ⚠' : ''}${hint}`);
  },
});
