import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../shared/lazy-modules';
import type { Database } from '../db/client';
import { listChatBindings } from '../db/repositories/chat-bindings.repository';
import { listTeamsOf, type TeamMember } from '../db/repositories/teams.repository';
import { ledgerAuditPage, ledgerCasesPage, ledgerDutiesPage, type LedgerScope, ledgerTransfersPage } from '../db/repositories/ledger.repository';
import { CASE_SHEET_HEADERS } from '../domain/ledger-columns';
import { birthDateOfId } from '../domain/id-number';
import { maskIdNumber, maskPhone } from '../domain/mask';
import { categoryByCode, categoryName, type Policy } from '../domain/policy';
import { missingParts } from '../domain/team';
import { adminText } from '../messages/admin';
import { auditText, describeAuditValues } from '../messages/audit';
import { caseText } from '../messages/cases';
import { dutyStateWord, dutyText } from '../messages/duties';
import { ledgerText } from '../messages/ledger';
import { transferText } from '../messages/transfers';
import type { DataCipher } from '../shared/data-cipher';
import { createAuditReader } from './audit-reader';

const PAGE = 2000;
const text = ledgerText.export;

export interface LedgerExportInput extends LedgerScope {
  /** Cadres get names, ID numbers, phones and addresses masked (and no birth date). */
  masked: boolean;
  cipher: DataCipher;
  policy: Policy;
  timeZone: string;
}

/**
 * The ledger as an xlsx workbook: 管控对象, 核酸记录, 体温记录, 转运记录, 包保责任分解表, 操作记录. Rows are read a page
 * at a time and streamed into the workbook, so memory holds the compressed file, not the
 * township's rows.
 */
export async function buildLedgerWorkbook(db: Database, input: LedgerExportInput): Promise<{ bytes: Buffer; cases: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const stamp = instantFormatter(input.timeZone);
  const hide = input.masked;
  // Every duty row names its case: each name is decrypted once.
  const names = new Map<number, string>();
  const fullName = (caseId: number, sealed: string) => names.get(caseId) ?? names.set(caseId, input.cipher.decrypt(sealed)).get(caseId)!;
  const slotLabel = (key: string | null) => input.policy.tempSlots.find((s) => s.key === key)?.label ?? key ?? '';

  let caseCount = 0;
  await writeSheet(workbook, text.sheets.cases, [...CASE_SHEET_HEADERS], (after) => ledgerCasesPage(db, input, after, PAGE), (c) => {
    caseCount++;
    const id = input.cipher.decrypt(c.idNumberEnc);
    const phone = input.cipher.decrypt(c.phoneEnc);
    return [
      c.id,
      hide ? c.nameMasked : input.cipher.decrypt(c.nameEnc),
      hide ? maskIdNumber(id) : id,
      hide ? maskPhone(phone) : phone,
      text.sex[c.sex],
      hide ? '' : birthDateOfId(id),
      categoryName(input.policy, c.category),
      c.startDate,
      c.endDate,
      c.villageName,
      (hide ? c.addressMasked : c.addressEnc && input.cipher.decrypt(c.addressEnc)) ?? '',
      caseText.status[c.status],
      stamp(c.createdAt),
    ];
  });
  // People are shown by name; each page's names are loaded before its rows are written.
  const audit = await createAuditReader(db, input.policy);
  const person = (openId: string | null) => (openId ? audit.names.get(openId) : '');
  const dutiesPage = (kind: 'test' | 'temp') => async (after: number) => {
    const rows = await ledgerDutiesPage(db, input, kind, after, PAGE);
    await audit.names.load(rows.flatMap((d) => [d.sampledBy, d.completedBy]));
    return rows;
  };
  await writeSheet(workbook, text.sheets.tests, text.testHeaders, dutiesPage('test'), (d) => [
    d.caseId,
    hide ? d.caseNameMasked : fullName(d.caseId, d.caseNameEnc),
    d.villageName,
    d.day,
    d.dueDate,
    dutyStateWord('test', d.status, d.resultOverdueAt !== null),
    stamp(d.sampledAt),
    person(d.sampledBy),
    d.result ? dutyText.result[d.result] : '',
    stamp(d.completedAt),
    person(d.completedBy),
  ]);
  await writeSheet(workbook, text.sheets.temps, text.tempHeaders, dutiesPage('temp'), (d) => [
    d.caseId,
    hide ? d.caseNameMasked : fullName(d.caseId, d.caseNameEnc),
    d.villageName,
    d.dueDate,
    slotLabel(d.slot),
    d.temperature ?? '',
    (d.symptoms ?? []).join('、'),
    dutyStateWord('temp', d.status),
    stamp(d.completedAt),
    person(d.completedBy),
  ]);
  const transfersPage = async (after: number) => {
    const rows = await ledgerTransfersPage(db, input, after, PAGE);
    await audit.names.load(rows.flatMap((r) => [r.requestedBy, r.handedOverBy]));
    return rows;
  };
  // Plates, drivers and places are masked free text when written.
  await writeSheet(workbook, text.sheets.transfers, text.transferHeaders, transfersPage, (r) => [
    r.caseId,
    hide ? r.caseNameMasked : fullName(r.caseId, r.caseNameEnc),
    r.villageName,
    transferText.destinationLabel[r.destination],
    r.category ? categoryName(input.policy, r.category) : '',
    r.reason ?? '',
    transferText.status[r.status],
    stamp(r.requestedAt),
    person(r.requestedBy),
    r.vehiclePlate ?? '',
    r.driver ?? '',
    r.escort ?? '',
    stamp(r.dispatchedAt),
    stamp(r.pickedUpAt),
    r.receivingPlace ?? '',
    r.receiver ?? '',
    stamp(r.handedOverAt),
    person(r.handedOverBy),
  ]);
  // 包保责任分解表 (004 篇四 "五包一"): each case's team, one column per part of the policy.
  const teams = new Map<number, TeamMember[]>();
  const teamsPage = async (after: number) => {
    const rows = await ledgerCasesPage(db, input, after, PAGE);
    for (const [caseId, team] of await listTeamsOf(db, rows.map((r) => r.id))) teams.set(caseId, team);
    await audit.names.load([...teams.values()].flat().map((m) => m.openId));
    return rows;
  };
  const parts = input.policy.team.parts;
  await writeSheet(workbook, text.sheets.teams, text.teamHeaders(parts.map((p) => p.label)), teamsPage, (c) => {
    const team = teams.get(c.id) ?? [];
    teams.delete(c.id);
    const category = categoryByCode(input.policy, c.category);
    const missing = missingParts(category.teamRequired, team).map((k) => parts.find((p) => p.key === k)?.label ?? k);
    return [
      c.id,
      hide ? c.nameMasked : input.cipher.decrypt(c.nameEnc),
      c.villageName,
      category.name,
      ...parts.map((p) => team.filter((m) => m.part === p.key).map((m) => person(m.openId)).join('、')),
      missing.join('、'),
    ];
  });
  const chats = await chatNames(db);
  const auditPage = async (after: number) => {
    const rows = await ledgerAuditPage(db, input, after, PAGE);
    await audit.load(rows);
    return rows;
  };
  // Audit entries are masked when written.
  await writeSheet(workbook, text.sheets.audit, text.auditHeaders, auditPage, (a) => [
    stamp(a.at),
    person(a.actorOpenId),
    a.chatId ? (chats.get(a.chatId) ?? text.otherChat) : '',
    auditText.action(a.action),
    a.caseId ?? '',
    describeAuditValues(a.before, audit.reading),
    describeAuditValues(a.after, audit.reading),
    a.reason ?? '',
  ]);
  await workbook.commit();
  await finished;
  return { bytes: Buffer.concat(chunks), cases: caseCount };
}

/** Each bound chat as people call it (东风村工作群); the trail stores chat ids. */
async function chatNames(db: Database): Promise<Map<string, string>> {
  return new Map((await listChatBindings(db)).map((b) => [b.chatId, adminText.describeBinding(b.binding, true)]));
}

async function writeSheet<R extends { id: number }>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  headers: readonly string[],
  page: (afterId: number) => Promise<R[]>,
  cells: (row: R) => (string | number)[],
): Promise<void> {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ width: Math.max(10, Array.from(h).length * 2 + 4) }));
  const header = sheet.addRow([...headers]);
  header.font = { bold: true };
  header.commit();
  for (let after = 0; ; ) {
    const rows = await page(after);
    for (const r of rows) sheet.addRow(cells(r)).commit();
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  sheet.commit();
}

/** 2026-11-23 10:05 in the township's zone: a ledger is read long after, so with the year. */
function instantFormatter(timeZone: string): (at: Date | null) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (at) => {
    if (!at) return '';
    const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
}
