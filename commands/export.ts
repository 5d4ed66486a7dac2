import { writeAudit } from '../src/db/repositories/audit.repository';
import { listVillages, type Village } from '../src/db/repositories/villages.repository';
import { canExportUnmasked, exportVillages } from '../src/domain/permissions';
import { matchVillage } from '../src/domain/village-match';
import { ledgerText } from '../src/messages/ledger';
import { enqueueOutbound } from '../src/outbox/outbox.repository';
import { buildLedgerWorkbook } from '../src/services/ledger-export';
import { UserError } from '../src/shared/user-error';
import { type CommandContext, defineCommand } from './define-command';

const text = ledgerText.export;

/**
 * The ledger as an xlsx file, sent privately to the asker only: it holds every ID number
 * and phone. Leads and admins get it unmasked for any village or the township; cadres and
 * doctors get their own village, masked. Every export is audited.
 */
export const exportCommand = defineCommand({
  name: 'export',
  aliases: ['导出', '导出台账', '台账'],
  effect: 'reads',
  audience: 'cadre',
  async run(ctx, argText) {
    const { actor } = ctx;
    const township = canExportUnmasked(actor);
    const visible = exportVillages(actor);
    if (visible !== 'all' && visible.length === 0) throw new UserError(text.noPermission);
    const villages = await listVillages(ctx.db);
    const target = resolveTarget(ctx, villages, argText.trim());
    if (visible !== 'all') {
      if (target === 'all' && visible.length > 1) throw new UserError(text.chooseVillage);
      if (target !== 'all' && !visible.includes(target.id)) throw new UserError(text.notYourVillage(target.name));
    }
    const scope: Village | 'all' = target === 'all' && visible !== 'all' ? villages.find((v) => v.id === visible[0])! : target;
    const masked = !township;

    const { bytes, cases } = await buildLedgerWorkbook(ctx.db, {
      villageIds: scope === 'all' ? null : [scope.id],
      masked,
      cipher: ctx.cipher,
      policy: ctx.policy,
      timeZone: ctx.timeZone,
    });
    const fileName = text.fileName(scope === 'all' ? text.allVillages : scope.name, ctx.today);
    await enqueueOutbound(ctx.db, {
      kind: 'file',
      receiveIdType: 'open_id',
      receiveId: actor.openId,
      fileName,
      fileType: 'xls',
      sealedData: ctx.cipher.encrypt(bytes.toString('base64')),
    });
    await writeAudit(ctx.db, {
      at: ctx.now,
      actorOpenId: actor.openId,
      chatId: ctx.chat.chatId,
      action: 'ledger.export',
      after: { village: scope === 'all' ? null : scope.name, masked, cases, fileName },
    });
    await ctx.reply(ctx.chat.isGroup ? text.sentPrivately : text.sentHere);
  },
});

/** The named village; else the chat's village; else the whole township. */
function resolveTarget(ctx: CommandContext, villages: Village[], arg: string): Village | 'all' {
  if (arg !== '') {
    const m = matchVillage(arg, villages.map((v) => v.name));
    if (m.kind !== 'exact') throw new UserError(text.unknownVillage(arg, m.kind === 'suggest' ? m.name : null));
    return villages.find((v) => v.name === m.name)!;
  }
  const binding = ctx.chat.binding;
  if (binding?.kind === 'village') return villages.find((v) => v.id === binding.villageId)!;
  return 'all';
}
