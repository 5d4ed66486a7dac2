import { alertFeverClinic } from './alert-fever-clinic';
import { alertRecheck } from './alert-recheck';
import { alertRecheckSubmit } from './alert-recheck-submit';
import { alertTransfer } from './alert-transfer';
import { cardPage } from './card-page';
import { commandRun } from './command-run';
import { caseRelease } from './case-release';
import type { CardActionDefinition } from './define-card-action';
import { importCancel, importConfirm } from './import-decide';
import { overdueMakeup } from './overdue-makeup';
import { pushAsk, pushAway, pushForward, pushManaged, pushRegister } from './push-row';
import { rollcallRecord } from './rollcall-record';
import { visitAskReason, visitRecord } from './visit-record';
import { releaseReject, releaseRejectAsk } from './release-reject';
import { tempSubmit } from './temp-submit';
import { testResult } from './test-result';
import { testSample } from './test-sample';
import { testSampleAll } from './test-sample-all';
import { transferDispatch, transferDispatchAsk, transferHandover, transferHandoverAsk, transferPickUp } from './transfer-steps';

/** Every card button the bot answers, by the `action` of its callback value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action validates its own value type
export const cardActions: readonly CardActionDefinition<any>[] = [
  testSample,
  testSampleAll,
  testResult,
  overdueMakeup,
  visitRecord,
  visitAskReason,
  rollcallRecord,
  tempSubmit,
  cardPage,
  alertRecheck,
  alertRecheckSubmit,
  alertTransfer,
  alertFeverClinic,
  caseRelease,
  releaseRejectAsk,
  releaseReject,
  importConfirm,
  importCancel,
  pushAsk,
  pushRegister,
  pushAway,
  pushManaged,
  pushForward,
  transferDispatchAsk,
  transferDispatch,
  transferPickUp,
  transferHandoverAsk,
  transferHandover,
  commandRun,
];
