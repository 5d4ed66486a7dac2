import { TEST_RESULTS, type TestResult } from '../domain/duties';
import { scrubText } from '../domain/mask';
import type { UnmatchedReason } from '../domain/result-match';
import { RESULT_FIELD_HEADERS, RESULT_FIELDS, type ResultField, type ResultFieldError } from '../domain/result-rows';
import { caseText, formatDate } from './cases';
import { dutyText } from './duties';
import { importErrorLine, ledgerText } from './ledger';
import { echo } from './echo';

const COMMAND = '/结果导入';
const resultWord = (r: TestResult) => dutyText.result[r];
/** A cell echoed back: never a whole ID or phone (a column may be shifted), never long. */
const shown = (value: string) => Array.from(scrubText(value)).slice(0, 20).join('');

/** What the bot says about a lab's result list (/结果导入). */
export const resultImportText = {
  noPermission: (testing: string) => `只有${testing}专班群里的成员、采样员（卫生院）、组长或管理员可以导入检测结果。`,
  noRecentFile: `没有找到你最近24小时内在本群发的文件。请先把检测机构的结果表（xlsx 或 csv）发到群里，再发 ${COMMAND}；也可以回复那条文件消息发 ${COMMAND}。`,
  notAFile: `你回复的那条消息不是我能读取的文件。请回复结果表文件本身（xlsx 或 csv），或直接发 ${COMMAND}。`,
  reading: (fileName: string) => `正在读取检测结果“${echo(fileName)}”…读完后发预览，确认后才会录入。`,
  noHeader: `找不到表头。第一行（或标题下面一行）应是列名：${RESULT_FIELDS.map((f) => RESULT_FIELD_HEADERS[f].header).join('、')}（或采样时间）。`,
  missingColumns: (fields: ResultField[]) => `结果表缺少这些列：${fields.map((f) => RESULT_FIELD_HEADERS[f].header).join('、')}。请补上列名后重新发送。`,
  command: COMMAND,
  title: (fileName: string) => `结果导入预览：${fileName}`,
  counts: (matched: number, unmatched: number) => `可录入 ${matched} 条，未匹配 ${unmatched} 条`,
  byResult: (counts: Partial<Record<TestResult, number>>) =>
    `其中${TEST_RESULTS.filter((r) => counts[r]).map((r) => `${resultWord(r)} ${counts[r]} 条`).join('、')}`,
  alertsAhead: '录入后阳性按异常立即通知村、指挥部和转运专班；混管阳性安排单采复核并通知核酸检测专班。',
  unmatchedHeader: '以下行未匹配，不会录入：',
  moreUnmatched: (n: number) => `……另有 ${n} 行未列出`,
  recordedHeader: (n: number) => `结果已录入过 ${n} 条，不再重复录入：`,
  nothingToEnter: '没有可以录入的行。',
  confirmHint: '按“录入”写入全部可录入的结果；按“取消”放弃。',
  confirmButton: '录入',
  cancelButton: '取消',
  enteringTitle: (fileName: string) => `正在录入：${fileName}`,
  entering: (n: number) => `正在录入 ${n} 条检测结果…`,
  doneTitle: (fileName: string) => `已录入：${fileName}`,
  done: (entered: number) => `已录入 ${entered} 条`,
  meanwhile: (same: number, different: number) =>
    `预览之后有 ${same + different} 条已被手工录入：${[same ? `结果相同的 ${same} 条未重复录入` : '', different ? `结果不同的 ${different} 条未录入（见下）` : ''].filter(Boolean).join('，')}。`,
  doneReply: (entered: number, recorded: number, unmatched: number) =>
    `检测结果录入完成：录入 ${entered} 条${recorded ? `，已录入过 ${recorded} 条` : ''}${unmatched ? `，未录入 ${unmatched} 条` : ''}。`,
  cancelledTitle: (fileName: string) => `已取消录入：${fileName}`,
  cancelled: '已取消，没有录入任何结果。',
  expiredTitle: (fileName: string) => `结果导入已过期：${fileName}`,
  expired: (hours: number) => `预览超过 ${hours} 小时没有确认，已作废，结果数据已删除。需要录入请重新发送文件并 ${COMMAND}。`,
  toast: {
    onlyRequester: ledgerText.import.toast.onlyRequester,
    importing: '正在录入…',
    alreadyConfirmed: '已经按过“录入”，正在或已经录入完成。',
    alreadyCancelled: '这次结果导入已取消。',
    expired: `这次结果导入已过期，请重新发送文件并 ${COMMAND}。`,
    cancelled: '已取消录入。',
    gone: `这次结果导入已失效，请重新发送 ${COMMAND}。`,
  },
};

/** Why a matched-looking row is not entered. */
export function unmatchedLine(reason: UnmatchedReason): string {
  switch (reason.code) {
    case 'not_managed':
      return '不在管控中';
    case 'name_differs':
      return `姓名与 #${reason.caseId} 登记的不一致，请核对身份证号`;
    case 'case_ended':
      return `#${reason.caseId} ${caseText.status[reason.status]}，不再录入`;
    case 'no_sampled_test':
      return `#${reason.caseId} 当天（${formatDate(reason.sampledOn)}）没有已采样的核酸`;
    case 'conflict':
      return `#${reason.caseId} ${reason.meanwhile ? '预览后' : ''}已录入${resultWord(reason.recorded)}，与文件的${resultWord(reason.inFile)}不同，未录入`;
  }
}

/** A problem of a row of the file itself. */
export function resultErrorLine(e: ResultFieldError): string {
  if (e.field === 'name' || e.field === 'idNumber') return importErrorLine(e);
  if (e.field === 'sampledOn') {
    if (e.code === 'missing') return '缺少采样日期';
    if (e.code === 'repeated') return `与第${e.firstRow}行是同一人同一天的采样`;
    if (e.code === 'future') return `采样日期“${shown(e.value)}”还没到`;
    return `采样日期“${shown(e.value)}”读不出，请写成 2026-11-23 或 2026/11/23 08:30`;
  }
  if (e.code === 'missing') return '缺少结果';
  return `结果“${shown(e.value)}”读不出，应为阴性、阳性、无效或混管阳性`;
}
