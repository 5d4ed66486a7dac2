import { z } from 'zod';
import { Id } from './values';
import { decideImport, getImport, type ImportRecord } from '../src/db/repositories/imports.repository';
import { registerVillages } from '../src/domain/permissions';
import type { CardActionResponse } from '../src/lark/card-action-handler';
import { importCancelledCard, importingCard } from '../src/cards/import-card';
import { pushCancelledCard, pushingCard } from '../src/cards/push-batch-card';
import { resultCancelledCard, resultEnteringCard } from '../src/cards/result-import-card';
import { pushText } from '../src/messages/push-lists';
import { ledgerText } from '../src/messages/ledger';
import { resultImportText } from '../src/messages/result-import';
import { type CardActionContext, defineCardAction } from './define-card-action';

const toast = ledgerText.import.toast;
const ImportValue = z.object({ importId: Id });

/** What each kind of import says while and after its preview is decided. */
const DECISION = {
  cases: { toast, importing: importingCard, cancelled: importCancelledCard },
  results: { toast: resultImportText.toast, importing: resultEnteringCard, cancelled: resultCancelledCard },
  push: { toast: pushText.decisionToast, importing: pushingCard, cancelled: pushCancelledCard },
};

/**
 * 导入 and 取消 on an import preview: the requester, a lead or an admin decides, once. 导入
 * only marks the import confirmed; the import worker writes the rows (in one transaction,
 * too long for Lark's 3 s answer window on a large file) and replaces the card.
 */
async function decide(ctx: CardActionContext, importId: number, decision: 'confirmed' | 'cancelled'): Promise<CardActionResponse> {
  const imp = await getImport(ctx.db, importId);
  if (!imp) return { toast: { type: 'warning', content: toast.gone } };
  if (imp.requestedBy !== ctx.actor.openId && registerVillages(ctx.actor) !== 'all') return { toast: { type: 'error', content: toast.onlyRequester } };
  const words = DECISION[imp.kind];
  if (!(await decideImport(ctx.db, { id: importId, decision, by: ctx.actor.openId, now: ctx.now }))) return alreadyDecided(imp, words.toast);
  if (decision === 'cancelled') {
    return { toast: { type: 'info', content: words.toast.cancelled }, card: { type: 'raw', data: words.cancelled({ fileName: imp.fileName }) } };
  }
  return {
    toast: { type: 'success', content: words.toast.importing },
    card: { type: 'raw', data: words.importing({ fileName: imp.fileName, importable: imp.validCount ?? 0 }) },
  };
}

function alreadyDecided(imp: ImportRecord, toast: (typeof DECISION)[ImportRecord['kind']]['toast']): CardActionResponse {
  if (imp.status === 'cancelled') return { toast: { type: 'info', content: imp.failure === 'expired' ? toast.expired : toast.alreadyCancelled } };
  if (imp.status === 'confirmed' || imp.status === 'done') return { toast: { type: 'info', content: toast.alreadyConfirmed } };
  return { toast: { type: 'warning', content: toast.gone } };
}

export const importConfirm = defineCardAction({
  action: 'import.confirm',
  value: ImportValue,
  run: (ctx, value) => decide(ctx, value.importId, 'confirmed'),
});

export const importCancel = defineCardAction({
  action: 'import.cancel',
  value: ImportValue,
  run: (ctx, value) => decide(ctx, value.importId, 'cancelled'),
});
