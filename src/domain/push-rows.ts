import type { IsoDate } from './dates';
import { readPhone } from './field-readers';
import { type PersonFieldError, readPerson, readRow, type SheetRow } from './import-rows';
import { type FieldHeaders, findHeaderRow, headerLookup } from './ledger-columns';
import { findPushType, type Policy } from './policy';
import { matchVillage, villageStem } from './village-match';

/**
 * The columns of a list pushed from above (/下发): who, the type (密接, 时空伴随 …), where they
 * were involved and when, where they live and the batch. Only name and ID are needed to find
 * a person; the rest helps the village and is kept as the list gave it.
 */
type PushField = 'name' | 'idNumber' | 'phone' | 'type' | 'area' | 'time' | 'address' | 'village' | 'batch';

const PUSH_HEADERS: FieldHeaders<PushField> = {
  name: { header: '姓名', aliases: ['名字', '人员姓名'] },
  idNumber: { header: '身份证号', aliases: ['身份证', '身份证号码', '证件号码', '证件号', '公民身份号码'] },
  phone: { header: '手机号', aliases: ['手机', '手机号码', '电话', '联系电话', '电话号码', '联系方式'] },
  type: { header: '类型', aliases: ['人员类型', '人员类别', '类别', '风险类型', '推送类型'] },
  area: { header: '涉及地区', aliases: ['涉疫地区', '风险地区', '来源地', '来源地区', '途经地区', '涉及区域'] },
  time: { header: '时间', aliases: ['涉及时间', '接触时间', '返乡时间', '到达时间', '推送时间'] },
  address: { header: '住址', aliases: ['地址', '居住地址', '现住址', '家庭住址', '详细地址'] },
  village: { header: '村', aliases: ['村/社区', '所属村', '村名', '社区', '村居', '村社区'] },
  batch: { header: '批次', aliases: ['推送批次', '批次号'] },
};

export const pushFieldOfHeader = headerLookup(PUSH_HEADERS);

export interface PushRowValue {
  row: number;
  name: string;
  idNumber: string;
  phone: string | null;
  typeLabel: string;
  categoryCode: string;
  area: string | null;
  time: string | null;
  address: string | null;
  /** Read from the 村 column, or found in the address; null: the lead assigns it. */
  village: string | null;
  batch: string | null;
  birthDate: IsoDate;
  sex: 'male' | 'female';
}

export type PushRowError =
  | PersonFieldError
  | { field: 'phone'; code: 'invalid'; value: string }
  | { field: 'type'; code: 'unknown'; value: string; valid: string[] }
  | { field: 'idNumber'; code: 'repeated'; firstRow: number };

export type PushSheet =
  | { ok: true; valid: PushRowValue[]; errors: { row: number; name: string | null; error: PushRowError }[]; unknownVillages: { row: number; value: string }[] }
  | { ok: false; reason: 'no_header' | 'no_id_column' | 'no_name_column' | 'no_rows' };

/**
 * Reads every row of a pushed list. A row with a bad ID or name is listed and not pushed; a
 * village the township does not have (or none at all) leaves the row unassigned, for the lead
 * to give to a village; a person listed twice is pushed from the first row only.
 */
export function readPushSheet(input: { rows: readonly SheetRow[]; today: IsoDate; policy: Pick<Policy, 'pushLists'>; villageNames: readonly string[] }): PushSheet {
  const header = findHeaderRow(input.rows.map((r) => r.cells), 10, pushFieldOfHeader);
  if (!header) return { ok: false, reason: 'no_header' };
  if (header.columns.idNumber === undefined) return { ok: false, reason: 'no_id_column' };
  if (header.columns.name === undefined) return { ok: false, reason: 'no_name_column' };
  const valid: PushRowValue[] = [];
  const errors: { row: number; name: string | null; error: PushRowError }[] = [];
  const unknownVillages: { row: number; value: string }[] = [];
  const firstRowOfId = new Map<string, number>();
  const validTypes = input.policy.pushLists.types.map((t) => t.label);
  for (const sheetRow of input.rows.slice(header.index + 1)) {
    const { cell, lossy, blank } = readRow(sheetRow, header.columns);
    if (blank) continue;
    const rowErrors: PushRowError[] = [];
    const { name, id } = readPerson(cell, lossy, input.today, rowErrors);
    const rawPhone = cell('phone').replace(/\s/g, '');
    const phone = rawPhone === '' ? null : readPhone(rawPhone);
    if (rawPhone !== '' && phone?.kind !== 'phone') rowErrors.push({ field: 'phone', code: 'invalid', value: rawPhone });
    const rawType = cell('type');
    const type = findPushType(input.policy, rawType === '' ? input.policy.pushLists.defaultType : rawType);
    if (!type) rowErrors.push({ field: 'type', code: 'unknown', value: rawType, valid: validTypes });
    const first = id ? firstRowOfId.get(id.idNumber) : undefined;
    if (first !== undefined) rowErrors.push({ field: 'idNumber', code: 'repeated', firstRow: first });
    if (rowErrors.length > 0 || !name || !id || !type) {
      for (const error of rowErrors) errors.push({ row: sheetRow.row, name: cell('name') || null, error });
      continue;
    }
    firstRowOfId.set(id.idNumber, sheetRow.row);
    const address = cell('address') || null;
    const rawVillage = cell('village');
    const village = villageOf(rawVillage, address, input.villageNames);
    if (village === null && rawVillage !== '') unknownVillages.push({ row: sheetRow.row, value: rawVillage });
    valid.push({
      row: sheetRow.row,
      name,
      idNumber: id.idNumber,
      phone: phone?.kind === 'phone' ? phone.phone : null,
      typeLabel: type.label,
      categoryCode: type.category,
      area: cell('area') || null,
      time: cell('time') || null,
      address,
      village,
      batch: cell('batch') || null,
      birthDate: id.birthDate,
      sex: id.sex,
    });
  }
  if (valid.length === 0 && errors.length === 0) return { ok: false, reason: 'no_rows' };
  return { ok: true, valid, errors, unknownVillages };
}

/**
 * The village of a row: the 村 cell when it names one of the township's villages (by name or
 * stem); else the one
 * village whose name (or its stem, 东风 of 东风村) the address contains. Two villages in one
 * address, or none, is for the lead to decide.
 */
export function villageOf(cell: string, address: string | null, villageNames: readonly string[]): string | null {
  if (cell !== '') {
    const m = matchVillage(cell, [...villageNames]);
    if (m.kind === 'exact') return m.name;
    // County lists write 东风 or 东风社区 for 东风村: the same stem, when only one village has it.
    const same = villageNames.filter((v) => villageStem(v) === villageStem(cell));
    return same.length === 1 ? same[0]! : null;
  }
  if (!address) return null;
  const found = villageNames.filter((v) => address.includes(v) || (villageStem(v).length >= 2 && address.includes(villageStem(v))));
  return found.length === 1 ? found[0]! : null;
}

/** The batch a file is: its 批次 cells when they agree, else the file's name without its extension. */
export function batchLabel(rows: readonly PushRowValue[], fileName: string): string {
  const labels = new Set(rows.map((r) => r.batch).filter((b): b is string => b !== null));
  return labels.size === 1 ? [...labels][0]! : fileName.replace(/\.(xlsx|csv)$/i, '');
}
