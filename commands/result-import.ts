import { canImportResults } from '../src/domain/permissions';
import { resultImportText } from '../src/messages/result-import';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';
import { requestImport } from './import-request';

/**
 * /结果导入: a lab's result list (xlsx/csv: 姓名, 身份证号, 采样日期, 结果) sent by the testing
 * task force; the preview says which rows match a sampled test and which do not, and 录入
 * enters the matched ones as result presses would (004 篇四 "一般在24小时内" results come back
 * from the lab as a list).
 */
export const resultImport = defineCommand({
  name: 'resultimport',
  aliases: ['结果导入', '导入结果', '检测结果导入', '核酸结果导入'],
  // Samplers and township staff see it in /帮助 (the task force's members are not known by role).
  effect: 'changes',
  audience: 'doctor',
  async run(ctx) {
    if (!canImportResults(ctx.actor)) throw new UserError(resultImportText.noPermission(ctx.policy.routing.testing));
    // A lab's list names people of every village: it is matched township-wide.
    await requestImport(ctx, { kind: 'results', boundVillageId: null, allowedVillageIds: null, texts: resultImportText });
  },
});
