import { writeAudit } from '../src/db/repositories/audit.repository';
import { updateCase } from '../src/db/repositories/cases.repository';
import { parseEditArgs } from '../src/domain/lifecycle-args';
import { maskPhone } from '../src/domain/mask';
import { lifecycleText } from '../src/messages/lifecycle';
import { caseForAction } from '../src/services/case-for-action';
import { sealPerson } from '../src/db/sealed-person';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

/** /修改 #12 手机 … | 地址 …: contact fields only; the phone is stored sealed and shown masked. */
export const edit = defineCommand({
  name: 'edit',
  aliases: ['修改', '更改'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '修改');
    if (!number) throw new UserError(lifecycleText.usage.edit);
    const args = parseEditArgs(number.rest);
    if (!args.ok) {
      const why = {
        no_field: `${lifecycleText.editNoField}\n${lifecycleText.usage.edit}`,
        bad_field: lifecycleText.editBadField(args.word ?? ''),
        no_value: lifecycleText.editNoValue,
        bad_phone: lifecycleText.editBadPhone,
        address_too_long: lifecycleText.editAddressTooLong,
      }[args.error];
      throw new UserError(why);
    }
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'edit' });
    const audit = { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'case.edit' as const, caseId: c.id };
    if (args.value.field === 'phone') {
      const phone = args.value.value;
      // A note typed with the new number (13900001111（母亲）) replaces the old one; without one the old note no longer fits.
      const note = args.value.note;
      await updateCase(ctx.db, c.id, { phoneEnc: ctx.cipher.encrypt(phone), contactNoteEnc: note ? ctx.cipher.encrypt(note) : null }, ctx.now);
      await writeAudit(ctx.db, { ...audit, before: { phone: maskPhone(ctx.cipher.decrypt(c.phoneEnc)) }, after: { phone: maskPhone(phone) } });
      return ctx.reply(lifecycleText.editedPhone(c.id, maskPhone(phone)));
    }
    const { addressEnc, addressMasked } = sealPerson(ctx.cipher, { name: '', address: args.value.value });
    await updateCase(ctx.db, c.id, { addressEnc, addressMasked }, ctx.now);
    // Addresses identify a household: the trail records that it changed, not what it says.
    await writeAudit(ctx.db, { ...audit, after: { address: lifecycleText.addressChanged } });
    await ctx.reply(lifecycleText.editedAddress(c.id));
  },
});
