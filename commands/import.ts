import { registerVillages } from '../src/domain/permissions';
import { ledgerText } from '../src/messages/ledger';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';
import { requestImport } from './import-request';

/** Bulk registration from a list (xlsx/csv): the preview comes once the import worker has read the file. */
export const importCommand = defineCommand({
  name: 'import',
  aliases: ['导入', '批量导入', '导入名单'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx) {
    const { actor } = ctx;
    const visible = registerVillages(actor);
    if (visible.length === 0) throw new UserError(ledgerText.import.noPermission);
    const binding = ctx.chat.binding;
    await requestImport(ctx, {
      kind: 'cases',
      boundVillageId: binding?.kind === 'village' ? binding.villageId : null,
      allowedVillageIds: visible === 'all' ? null : visible,
      texts: ledgerText.import,
    });
  },
});
