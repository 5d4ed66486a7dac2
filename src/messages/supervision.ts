import { echo, escapeFor } from './echo';

/** Supervision (督查) and corrections (整改), and the daily 督导通报 (004 篇二). */
export const supervisionText = {
  superviseUsage: '用法：/督查 东风村 #12 门磁未装 限明天（村名、#编号可省其一；不写期限默认明天）',
  issueMissing: (village: string) => `请写明${village}要整改什么，例如：/督查 ${village} #12 门磁未装 限明天`,
  badDeadline: (word: string) => `看不懂期限“${echo(word)}”，请写成 限明天、限12月3日 这样。`,
  pastDeadline: (date: string) => `期限${date}已经过了，请写今天或以后的日期。`,
  caseElsewhere: (id: number, village: string) => `#${id} 不在${village}，请核对编号或村名。`,
  noVillage: '请写明是哪个村，例如：/督查 东风村 #12 门磁未装 限明天',
  notAllowed: '只有督导检查专班、纪委群成员、组长或管理员可以开整改单。',
  opened: (input: { id: number; village: string; subject: string; issue: string; due: string }) =>
    `已开整改单 #${input.id}：${input.village}${input.subject} ${echo(input.issue)}，限${input.due}完成。`,
  toVillage: (input: { id: number; subject: string; issue: string; due: string }) =>
    `督查整改单 #${input.id}：${input.subject}${echo(input.issue)}，限${input.due}完成。完成后发送 /整改 ${input.id} 完成 说明`,
  correctUsage: '用法：/整改 3 完成 已安装门磁（3 是整改单编号）',
  correctionMissing: (id: number) => `没有整改单 #${id}，请核对编号（见督查通知）。`,
  correctNeedsNote: (id: number) => `请写明怎么整改的，例如：/整改 ${id} 完成 已安装门磁`,
  alreadyClosed: (id: number) => `整改单 #${id} 已经完成，无需再报。`,
  correctNotAllowed: (village: string) => `只有${village}的村干部、组长或管理员可以销号整改单。`,
  closed: (id: number) => `整改单 #${id} 已完成销号，已告知督导检查组。`,
  toSupervisors: (input: { id: number; village: string; note: string }) => `整改单 #${input.id}（${input.village}）已完成：${echo(input.note)}`,
};

/** The 督导通报 card and its workbook. */
export const supervisionReportText = {
  title: (date: string) => `督导通报 · ${date}`,
  nothing: (date: string) => `${date} 各村上门、点名、核酸、上报、名单核查和转运均已按时完成。`,
  byVillage: '**按村**',
  byPerson: '**按责任人（上门、点名）**',
  lapses: (l: { visits: number; rollcalls: number; tests: number; resultsOverdue: number; lateReports: number; unchecked: number; lateTransfers: number }) =>
    [
      l.visits ? `漏上门 ${l.visits}` : '',
      l.rollcalls ? `漏点名 ${l.rollcalls}` : '',
      l.tests ? `未采 ${l.tests}` : '',
      l.resultsOverdue ? `结果超时 ${l.resultsOverdue}` : '',
      l.lateReports ? `未按时上报 ${l.lateReports}` : '',
      l.unchecked ? `漏核查 ${l.unchecked}` : '',
      l.lateTransfers ? `转运超时 ${l.lateTransfers}` : '',
    ]
      .filter(Boolean)
      .join('，'),
  unassigned: '未设包保',
  person: (name: string, village: string, lapses: string) => `${name}（${village}）：${lapses}`,
  trend: (days: { label: string; missed: number }[]) => `近7日漏做：${days.map((d) => `${d.label} ${d.missed}`).join(' · ')}`,
  corrections: '**未完成整改**',
  correction: (c: { id: number; village: string; subject: string; issue: string; due: string; late: boolean }) =>
    `整改单 #${c.id} ${c.village}${c.subject} ${escapeFor('markdown', c.issue)}，限${c.due}${c.late ? '（已逾期）' : ''}`,
  more: (n: number) => `……另有 ${n} 条，见附件。`,
  attached: '明细见附件表格。',
  fileName: (date: string) => `督导通报_${date}.xlsx`,
  sheets: {
    villages: { name: '按村', header: ['村', '漏上门', '漏点名', '未采', '结果超时', '未按时上报', '漏核查', '转运超时'] },
    people: { name: '按责任人', header: ['责任人', '村', '漏上门', '漏点名'] },
    trend: { name: '近7日', header: ['日期', '漏做'] },
    corrections: { name: '未完成整改', header: ['整改单', '村', '对象编号', '问题', '期限'] },
  },
};
