import { errorRows } from '../cards/import-card';
import { pushExpiredCard, pushPreviewCard } from '../cards/push-batch-card';
import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import type { ImportRecord } from '../db/repositories/imports.repository';
import { addRows, openBatch, pushedHashes, setBatchCard } from '../db/repositories/push-lists.repository';
import { listVillages } from '../db/repositories/villages.repository';
import { listChatBindings } from '../db/repositories/chat-bindings.repository';
import type { PushPerson, StoredDuplicate, StoredImportError } from '../db/schema';
import { todayIn } from '../domain/dates';
import { maskName, scrubText } from '../domain/mask';
import { deadlineOn } from '../domain/push-clock';
import { batchLabel, type PushRowError, type PushRowValue, readPushSheet } from '../domain/push-rows';
import { importErrorLine } from '../messages/ledger';
import { pushText } from '../messages/push-lists';
import { activeCaseIdsByHash } from './bulk-register';
import type { ImportKind, KindPreview } from './import-kind';
import type { ImportWorkerDeps } from './import-worker';
import { batchCardFor, refreshVillageCard } from './push-cards';

/** A row as the preview sealed it: the person, the batch it goes in, and the case when already under management. */
interface PlannedRow extends PushRowValue {
  batchKey: string;
  deadline: string;
  caseId: number | null;
}

function errorLine(e: PushRowError): string {
  if (e.field === 'phone') return pushText.errorLine.phone(e.value);
  if (e.field === 'type') return pushText.errorLine.type(e.value, e.valid);
  return importErrorLine(e);
}

/**
 * Every row read: errors listed (not pushed), rows pushed before in the same batch left out,
 * people already under management marked with their #N, the rest counted by village.
 */
async function previewPush(deps: ImportWorkerDeps, imp: ImportRecord, sheetRows: Parameters<ImportKind['preview']>[2]): Promise<KindPreview | { failure: string }> {
  const today = todayIn(deps.timeZone, deps.now());
  const villages = await listVillages(deps.db);
  const read = readPushSheet({ rows: sheetRows, today, policy: deps.policy, villageNames: villages.map((v) => v.name) });
  if (!read.ok) return { failure: pushText.failure[read.reason] };
  // Shown in cards and texts of groups: an ID or phone a 批次 cell (or a file name) holds is masked.
  const label = scrubText(batchLabel(read.valid, imp.fileName));
  const key = `${today}|${label}`;
  const deadline = imp.pushDeadline ?? deadlineOn(today, deps.policy.pushLists.deadline, deps.timeZone);
  const before = await pushedHashes(deps.db, key);
  const hashes = read.valid.map((r) => deps.cipher.lookupHash(r.idNumber));
  const active = await activeCaseIdsByHash(deps.db, hashes);
  const rows: PlannedRow[] = [];
  const managed: StoredDuplicate[] = [];
  let pushedBefore = 0;
  read.valid.forEach((r, i) => {
    if (before.has(hashes[i]!)) {
      pushedBefore++;
      return;
    }
    const caseId = active.get(hashes[i]!) ?? null;
    if (caseId !== null) managed.push({ row: r.row, caseId });
    rows.push({ ...r, batchKey: key, deadline: deadline.toISOString(), caseId });
  });
  const errors: StoredImportError[] = read.errors.map((e) => ({ row: e.row, name: e.name === null ? null : maskName(e.name), field: e.error.field, message: errorLine(e.error) }));
  const toCheck = rows.filter((r) => r.caseId === null);
  const byVillage = villages.map((v) => ({ village: v.name, n: toCheck.filter((r) => r.village === v.name).length })).filter((x) => x.n > 0);
  const bound = new Set((await listChatBindings(deps.db)).flatMap(({ binding }) => (binding.kind === 'village' ? [binding.villageId] : [])));
  const noGroup = byVillage.filter((x) => !bound.has(villages.find((v) => v.name === x.village)!.id)).map((x) => x.village);
  const card = pushPreviewCard({
    importId: imp.id,
    batch: label,
    pushable: toCheck.length,
    byVillage,
    unassigned: toCheck.filter((r) => r.village === null).length,
    noGroup,
    managed,
    pushedBefore,
    errors,
    errorRows: errorRows(errors).length,
    deadline,
    timeZone: deps.timeZone,
  });
  return { rows, importable: rows.length, errors, duplicates: managed, card };
}

/**
 * 下发: the batch opened (or the earlier one of the same list found), its rows stored sealed,
 * people already under management recorded as 已管控, each village's 待核查 card posted to its
 * groups; the lead's preview becomes the batch card.
 */
async function writePush(tx: Database, deps: ImportWorkerDeps, imp: ImportRecord, sealedRows: unknown[]) {
  const planned = sealedRows as PlannedRow[];
  const now = deps.now();
  const pusher = imp.decidedBy ?? imp.requestedBy;
  const first = planned[0]!;
  const batch = await openBatch(tx, { key: first.batchKey, importId: imp.id, chatId: imp.chatId, pushedBy: pusher, pushedAt: now, deadline: new Date(first.deadline) });
  if (imp.previewOutboxId !== null && batch.importId === imp.id) await setBatchCard(tx, batch.id, imp.previewOutboxId);
  const villages = await listVillages(tx);
  const idOf = (name: string | null) => villages.find((v) => v.name === name)?.id ?? null;
  const added = await addRows(
    tx,
    planned.map((r) => {
      const person: PushPerson = { name: r.name, idNumber: r.idNumber, phone: r.phone, address: r.address, area: r.area, time: r.time, birthDate: r.birthDate, sex: r.sex };
      return {
        batchId: batch.id,
        rowNo: r.row,
        villageId: idOf(r.village),
        personEnc: deps.cipher.encrypt(JSON.stringify(person)),
        nameMasked: maskName(r.name),
        idNumberHash: deps.cipher.lookupHash(r.idNumber),
        typeLabel: r.typeLabel,
        categoryCode: r.categoryCode,
        ...(r.caseId === null ? {} : { status: 'managed' as const, caseId: r.caseId, decidedBy: pusher, decidedAt: now }),
      };
    }),
  );
  const villageIds = [...new Set(added.flatMap((r) => (r.villageId === null ? [] : [r.villageId])))];
  for (const villageId of villageIds) await refreshVillageCard(tx, deps, batch, villageId);
  const unassigned = added.filter((r) => r.villageId === null && r.status === 'pending').length;
  await writeAudit(tx, {
    at: now,
    actorOpenId: pusher,
    chatId: imp.chatId,
    action: 'push.pushed',
    after: { importId: imp.id, batchId: batch.id, fileName: imp.fileName, pushed: added.length, villages: villageIds.length, unassigned },
  });
  const ownCard = batch.importId === imp.id ? batch : { ...batch, batchCardOutboxId: imp.previewOutboxId };
  return {
    result: { imported: added.length, firstCaseId: null, lastCaseId: null, duplicates: imp.duplicates ?? [] },
    card: await batchCardFor(tx, deps, ownCard),
    reply: pushText.preview.doneReply(added.length, villageIds.length, unassigned),
  };
}

/** /下发: a list from above, to be checked by the villages the same day. */
export const pushImport: ImportKind = { command: '/下发', preview: previewPush, write: writePush, expiredCard: pushExpiredCard };

