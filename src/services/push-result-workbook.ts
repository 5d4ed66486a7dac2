import type { PushRowRecord } from '../db/repositories/push-lists.repository';
import { maskIdNumber } from '../domain/mask';
import { formatDateTime } from '../messages/cases';
import { pushText } from '../messages/push-lists';
import { decidedText } from '../cards/push-check-card';
import type { DataCipher } from '../shared/data-cipher';
import { loadExcelJS } from '../shared/lazy-modules';
import { personOf } from './push-cards';

/**
 * The batch's result for the lead to report back up: each row of the list (by its row number
 * in the county's file) with what came of it, who checked it and when. Names and IDs are
 * masked: the row number and the masked ID match it to the list the county holds, and the
 * file can travel through a group without carrying a whole ID.
 */
export async function pushResultWorkbook(input: {
  rows: readonly PushRowRecord[];
  villageName: (id: number | null) => string;
  who: Map<string, string>;
  cipher: DataCipher;
  timeZone: string;
}): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  const r = pushText.result;
  const ws = workbook.addWorksheet(r.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(r.header).font = { bold: true };
  for (const row of input.rows) {
    const person = personOf(input.cipher, row);
    ws.addRow([
      row.rowNo,
      row.nameMasked,
      person ? maskIdNumber(person.idNumber) : '',
      row.typeLabel,
      input.villageName(row.villageId),
      pushText.outcome[row.status],
      row.status === 'pending' ? '' : decidedText({ ...row, forwardedTo: null }),
      row.decidedBy ? (input.who.get(row.decidedBy) ?? row.decidedBy) : '',
      row.decidedAt ? formatDateTime(row.decidedAt, input.timeZone) : '',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
