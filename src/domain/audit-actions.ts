/**
 * Every action the audit trail records. writeAudit takes only these, and src/messages/audit.ts
 * has a Chinese label for each, so a new action cannot reach /记录 or the ledger unnamed.
 */
export const AUDIT_ACTIONS = [
  'case.register',
  'case.view_full',
  'case.release',
  'case.release_proposed',
  'case.release_rejected',
  'case.transfer',
  'case.transfer_requested',
  'case.close',
  'case.change',
  'case.extend',
  'case.edit',
  'case.return',
  'case.move',
  'case.team',
  'case.purge',
  'village.team',
  'duty.sampled',
  'duty.makeup',
  'duty.result',
  'duty.temperature',
  'duty.visit',
  'duty.rollcall',
  'alert.open',
  'alert.recheck',
  'alert.fever_clinic',
  'ledger.export',
  'ledger.import',
  'ledger.result_import',
  'notice.sent',
  'village.add',
  'point.add',
  'village.report',
  'chat.bind',
  'role.grant',
  'role.remove',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
