import type { ImportFieldError } from '../domain/import-rows';
import { CASE_SHEET_NAME, FIELD_HEADERS, type ImportField } from '../domain/ledger-columns';
import { registerErrorLine } from './register';
import { echo } from './echo';

/** What the bot says about the ledger: /export and bulk import. */
export const ledgerText = {
  export: {
    sentPrivately: '已私信发送：台账文件已发到你和我的私聊里，请在私聊中查收。',
    sentHere: '台账已生成，文件随后发到这里。',
    noPermission: '只有组长、管理员或本村干部可以导出台账。',
    notYourVillage: (village: string) => `你只能导出本村的台账，不能导出${village}。`,
    unknownVillage: (value: string, suggestion: string | null) =>
      suggestion ? `村名“${echo(value)}”不在本镇名单，是不是“${suggestion}”？` : `村名“${echo(value)}”不在本镇名单。`,
    chooseVillage: '你负责多个村，请写村名，例如：/导出 东风村',
    fileName: (scope: string, date: string) => `台账_${scope}_${date}.xlsx`,
    allVillages: '全镇',
    sheets: { cases: CASE_SHEET_NAME, tests: '核酸记录', temps: '体温记录', transfers: '转运记录', teams: '包保责任分解表', audit: '操作记录' },
    testHeaders: ['编号', '姓名', '村', '第几天', '应采日期', '状态', '采样时间', '采样人', '结果', '记录时间', '记录人'],
    tempHeaders: ['编号', '姓名', '村', '日期', '时段', '体温(℃)', '症状', '状态', '记录时间', '记录人'],
    transferHeaders: ['编号', '姓名', '村', '去向', '类别', '原因', '状态', '申请时间', '申请人', '车牌', '司机', '随车人员', '派车时间', '接走时间', '接收地点', '接收人', '交接时间', '交接人'],
    teamHeaders: (parts: string[]) => ['编号', '姓名', '村', '类别', ...parts, '缺少'],
    auditHeaders: ['时间', '操作人', '群', '操作', '编号', '变更前', '变更后', '原因'],
    otherChat: '私聊或未绑定的群',
    sex: { male: '男', female: '女' } as const,
  },
  import: {
    reading: (fileName: string) => `正在读取文件“${echo(fileName)}”…读完后发预览，确认后才会导入。`,
    noPermission: '只有村干部、村医、组长或管理员可以导入名单。',
    noRecentFile:
      '没有找到你最近24小时内在本群发的文件。请先把 xlsx 或 csv 名单发到群里，再发 /导入；也可以回复那条文件消息发 /导入。',
    notAFile: '你回复的那条消息不是我能读取的文件。请回复名单文件本身（xlsx 或 csv），或直接发 /导入。',
    unsupported: (fileName: string) => `“${echo(fileName)}”不是 xlsx 或 csv 文件。旧版 .xls 请在 Excel 里“另存为”xlsx 后重新发送。`,
    fileReceived: (fileName: string) => `收到文件“${echo(fileName)}”。要按名单批量登记，请发送 /导入。`,
    downloadFailed: (command: string) =>
      `无法下载这个文件：它可能已被撤回或过期，或者机器人没有读取群消息的权限（im:message.group_msg）。请重新发送文件后再发 ${command}。`,
    downloadRetryFailed: (command: string) => `多次下载文件都失败了（飞书暂时无法访问）。请稍后重新发送 ${command}。`,
    tooLarge: (mb: number) => `文件太大（超过 ${mb} MB），请分成几个文件导入。`,
    tooBigOrMalformed: (fileName: string, maxRows: number) =>
      `“${echo(fileName)}”文件太大或格式异常：解开后的表格远超一份名单的大小（最多 ${maxRows} 行、每行 200 列以内、20 个工作表以内）。请只保留要导入的那张表，删去多余的空行空列，另存为 xlsx 或 csv 后重新发送。`,
    unreadable: (fileName: string) => `读不出“${echo(fileName)}”的内容：文件可能损坏或不是表格。请用 Excel 另存为 xlsx 或 csv 后重新发送。`,
    noHeader: `找不到表头。第一行（或标题下面一行）应是列名，例如：${['姓名', '身份证号', '手机号', '类别', '开始日期', '村', '地址'].join('、')}。`,
    missingColumns: (fields: ImportField[]) => `表格缺少这些列：${fields.map((f) => FIELD_HEADERS[f].header).join('、')}。请补上列名后重新发送。`,
    tooManyRows: (max: number) => `一次最多导入 ${max} 行，请分成几个文件。`,
    noRows: '表格里没有数据行。',
    title: (fileName: string) => `导入预览：${fileName}`,
    counts: (importable: number, errorRows: number) => `可导入 ${importable} 条，错误 ${errorRows} 条`,
    errorsHeader: '以下行有错误，不会导入（改好后可重新发送文件）：',
    errorLine: (row: number, name: string | null, problems: string[]) => `第${row}行${name ? `（${name}）` : ''}：${problems.join('；')}`,
    moreErrors: (n: number) => `……另有 ${n} 行有错误未列出`,
    duplicatesHeader: (n: number) => `已在管控中 ${n} 条，不会重复导入：`,
    duplicate: (row: number, caseId: number) => `第${row}行 #${caseId}`,
    moreDuplicates: (n: number) => `等，另有 ${n} 条`,
    nothingToImport: '没有可以导入的行。',
    confirmHint: '按“导入”写入全部可导入的行；按“取消”放弃。',
    confirmButton: '导入',
    cancelButton: '取消',
    importingTitle: (fileName: string) => `正在导入：${fileName}`,
    importing: (n: number) => `正在导入 ${n} 条…`,
    doneTitle: (fileName: string) => `已导入：${fileName}`,
    done: (imported: number, range: { first: number; last: number } | null) =>
      `已导入 ${imported} 条${range ? `（#${range.first} – #${range.last}）` : ''}`,
    doneReply: (imported: number, duplicates: number, errorRows: number) =>
      `导入完成：新增 ${imported} 条${duplicates ? `，已在管控中 ${duplicates} 条未重复导入` : ''}${errorRows ? `，有错误的 ${errorRows} 条未导入` : ''}。`,
    cancelledTitle: (fileName: string) => `已取消导入：${fileName}`,
    cancelled: '已取消，没有导入任何人。',
    expiredTitle: (fileName: string) => `导入已过期：${fileName}`,
    expired: (hours: number) => `预览超过 ${hours} 小时没有确认，已作废，名单数据已删除。需要导入请重新发送文件并 /导入。`,
    toast: {
      onlyRequester: '只有发起导入的人、组长或管理员可以操作。',
      importing: '正在导入…',
      alreadyConfirmed: '已经按过“导入”，正在或已经导入完成。',
      alreadyCancelled: '这次导入已取消。',
      expired: '这次导入已过期，请重新发送文件并 /导入。',
      cancelled: '已取消导入。',
      gone: '这次导入已失效，请重新发送 /导入。',
    },
  },
};

/** One problem of an imported row, in the words of /register where they fit. */
export function importErrorLine(e: ImportFieldError): string {
  if (e.code === 'excel_number') return '身份证号被 Excel 存成了数字，后几位已丢失：请把该列设为“文本”后重新填写';
  if (e.code === 'repeated') return `身份证号与第${e.firstRow}行重复`;
  if (e.code === 'no_permission') return `你不能为${e.value}登记`;
  if (e.code === 'not_bound') return `本群只能导入${e.bound}的人员，不能导入“${echo(e.value)}”`;
  if (e.field === 'name') return e.code === 'invalid' ? '姓名应为2–6个汉字（少数民族姓名用·分隔）' : registerErrorLine(e);
  return registerErrorLine(e);
}
