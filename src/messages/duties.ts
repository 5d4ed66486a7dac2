import type { IsoDate } from '../domain/dates';
import type { DutyKind, DutyStatus } from '../domain/duties';
import type { Place } from '../domain/place';
import type { Policy } from '../domain/policy';
import { formatDate } from './cases';
import { echo } from './echo';

/**
 * One word for each state of a piece of work, the same on the cards, in the overdue and
 * summary messages and in the ledger: 未采 = a test not sampled in its window, 结果超时 = sampled
 * but no result within the deadline, 未检 = a test day before the registration.
 */
const STATE_WORDS: Record<DutyKind, Record<DutyStatus, string>> = {
  test: { pending: '待采样', sampled: '待结果', done: '已出结果', abnormal: '异常', missed: '未采', not_done: '未检', cancelled: '已取消' },
  temp: { pending: '待测', sampled: '待测', done: '已测', abnormal: '异常', missed: '未测', not_done: '未测', cancelled: '已取消' },
  visit: { pending: '待上门', sampled: '待上门', done: '已上门', abnormal: '未见到', missed: '未上门', not_done: '未上门', cancelled: '已取消' },
  rollcall: { pending: '待点名', sampled: '待点名', done: '已点名', abnormal: '未接通', missed: '未点名', not_done: '未点名', cancelled: '已取消' },
};
export const RESULT_OVERDUE = '结果超时';
const POINT_STAFF_ONLY = '仅该隔离点的医务人员可确认';

export function dutyStateWord(kind: DutyKind, status: DutyStatus, resultOverdue = false): string {
  return kind === 'test' && status === 'sampled' && resultOverdue ? RESULT_OVERDUE : STATE_WORDS[kind][status];
}

/** Words of the doctors' cards, their toasts, and the test/temperature commands. */
export const dutyText = {
  testsCardTitle: (village: string, n: number) => `今日核酸采样 · ${village} · ${n}人`,
  testsCardDate: (date: IsoDate) => `${formatDate(date)}，按“已采样”确认上门采样，出结果后按阴性/阳性/无效/混管阳性。`,
  testsNone: (village: string, date: IsoDate) => `${village}${formatDate(date)}没有需要采样的人。`,
  tempsCardTitle: (village: string, slotLabel: string, n: number) => `今日体温 · ${slotLabel} · ${village} · ${n}人`,
  tempsCardHint: '填写体温（如 36.5），有症状就勾选，最后点“提交”。空着的行不记录。',
  tempsNone: (village: string, slotLabel: string) => `${village}${slotLabel}没有需要测体温的人。`,
  row: (caseNo: number, maskedName: string, day: number) => `#${caseNo} ${maskedName} 第${day}天`,
  rowSlot: { resample: '（复采）', makeup: '（补采）', recheck: '（单采复核）' } as Record<string, string>,
  awaiting: (time: string) => `待结果（${time}采样）`,
  resultOverdue: (time: string) => `${RESULT_OVERDUE}（${time}采样）`,
  result: { negative: '阴性', positive: '阳性', invalid: '无效', pooled_positive: '混管阳性' } as const,
  resultDone: (label: string) => `结果：${label}`,
  tempDone: (celsius: number, symptoms: string[]) => `${celsius.toFixed(1)}℃${symptoms.length ? ` ${symptoms.join('、')}` : ''}`,
  page: (page: number, pages: number) => `第 ${page + 1}/${pages} 页`,
  buttons: {
    sampled: '已采样',
    allSampled: '全部已采样',
    negative: '阴性',
    positive: '阳性',
    invalid: '无效',
    pooledPositive: '混管阳性',
    makeup: '补采',
    submit: '提交',
    rechecked: '已复测',
    feverClinic: '已送发热门诊',
    transfer: '转运',
    prev: '上一页',
    next: '下一页',
  },
  tempInputPlaceholder: '体温 如36.5',
  symptomPlaceholder: '症状（无则不选）',

  toast: {
    refused: {
      sample: (p: Pick<Policy, 'confirmation'>, at: Pick<Place, 'kind'> = { kind: 'village' }) =>
        at.kind === 'point' ? POINT_STAFF_ONLY : p.confirmation.doctorsMaySample ? '仅采样员（卫生院）或本村村医可确认采样' : '仅采样员（卫生院）可确认采样',
      result: (p: Pick<Policy, 'confirmation'>, at: Pick<Place, 'kind'> = { kind: 'village' }) =>
        at.kind === 'point' ? POINT_STAFF_ONLY : p.confirmation.doctorsMayRecordResults ? '仅采样员（卫生院）或本村村医可录入结果' : '仅采样员（卫生院）可录入结果',
      temp: (_p?: unknown, at: Pick<Place, 'kind'> = { kind: 'village' }) => (at.kind === 'point' ? POINT_STAFF_ONLY : '仅本村村医可记录体温'),
    },
    onlyVillageStaff: '仅本村村干部、村医或镇指挥部可处理',
    sampled: (caseNo: number) => `#${caseNo} 已记录采样，待结果`,
    madeUp: (caseNo: number, day: number) => `#${caseNo} 已记录第${day}天的补采，待结果`,
    allSampled: (n: number) => `已记录 ${n} 人采样`,
    nothingToSample: '没有待采样的人',
    alreadySampled: (caseNo: number, time: string) => `#${caseNo} 已在 ${time} 记录采样，无需重复`,
    resultRecorded: (caseNo: number, label: string) => `#${caseNo} 结果已记录：${label}`,
    alreadyResult: (caseNo: number, label: string) => `#${caseNo} 已有结果：${label}，未改动`,
    notSampledYet: (caseNo: number) => `#${caseNo} 还没有记录采样，请先按“已采样”或发送 /采样 #${caseNo}`,
    caseClosed: (caseNo: number, status: string) => `#${caseNo} ${status}，这张卡片已过期`,
    dutyGone: '这一项已取消或不存在，请发送 /今日 获取最新卡片',
    tempsRecorded: (n: number, abnormal: number) => (abnormal ? `已记录 ${n} 人体温，${abnormal} 人异常，已通知` : `已记录 ${n} 人体温`),
    tempsNothing: '没有填写体温',
    tempsInvalid: (rows: string[]) => `体温填写有误，未记录：${rows.join('；')}（请填 34–43 之间的数字，如 36.5）`,
    recheckAsk: '请在卡片中填写复测体温后提交',
    recheckRecorded: (celsius: number, normal: boolean) => (normal ? `复测 ${celsius.toFixed(1)}℃，已恢复正常` : `复测 ${celsius.toFixed(1)}℃，仍异常，请转诊`),
    transferRequested: (caseNo: number) => `#${caseNo} 已标记待转运`,
    feverClinic: (caseNo: number) => `#${caseNo} 已记录送发热门诊`,
    alertClosed: '该异常已处理',
  },

  alertTitle: (caseNo: number) => `异常 · #${caseNo}`,
  alertLine: (input: { caseNo: number; maskedName: string; village: string; what: string; advice: string }) =>
    `#${input.caseNo} ${input.maskedName}（${input.village}）${input.what} — ${input.advice}`,
  alertPooledLine: (input: { caseNo: number; maskedName: string; village: string; hours: number }) =>
    `#${input.caseNo} ${input.maskedName}（${input.village}）混管阳性 — 请在 ${input.hours} 小时内单采复核，暂缓解除`,
  alertPooledSettled: (time: string) => `单采复核已出结果（${time}）`,
  alertPositiveLine: (input: { caseNo: number; maskedName: string; village: string }) =>
    `#${input.caseNo} ${input.maskedName}（${input.village}）核酸阳性 — 请立即转运，常规检测已停止，暂缓解除`,
  alertWhatTemp: (celsius: number | null, symptoms: string[]) =>
    [celsius !== null ? `${celsius.toFixed(1)}℃` : '', symptoms.join(' ')].filter(Boolean).join(' '),
  alertRepeat: (input: { caseNo: number; maskedName: string; village: string; hours: number }) =>
    `⚠ #${input.caseNo} ${input.maskedName}（${input.village}）异常已超过 ${input.hours} 小时未复测，请督促处理。`,
  alertRechecked: (celsius: number, normal: boolean, time: string) => `复测 ${celsius.toFixed(1)}℃（${time}）${normal ? '，已恢复正常' : '，仍异常'}`,
  alertTransferRequested: (time: string) => `已标记待转运（${time}）`,
  alertFeverClinic: (time: string) => `已送发热门诊（${time}）`,
  recheckInputLabel: '复测体温',

  commandUsage: {
    sample: '用法：/采样 #12（记录上门采样；漏采的补采：/采样 #12 补采）',
    result: '用法：/结果 #12 阴性（阴性、阳性、无效或混管阳性；指定哪天的：/结果 #12 第4天 阴性）',
    temp: '用法：/体温 #12 36.8 [症状…] [上午|下午]，例如：/体温 #12 38.2 干咳',
  },
  noTestToday: (caseNo: number) => `#${caseNo} 今天没有核酸检测安排。`,
  noSampledTest: (caseNo: number, pendingToday: boolean) =>
    pendingToday
      ? `#${caseNo} 今天的核酸还没有记录采样，采样后发送 /采样 #${caseNo}，再录入结果。`
      : `#${caseNo} 没有已采样、待结果的核酸。采样后先发送 /采样 #${caseNo}。`,
  noSampledTestOnDay: (caseNo: number, day: number, open: number[]) =>
    `#${caseNo} 第${day}天没有待结果的核酸。${open.length ? `待结果的是：${open.map((d) => `第${d}天`).join('、')}。` : ''}`,
  nothingToMakeUp: (caseNo: number) => `#${caseNo} 没有漏采或未检的核酸，无需补采。`,
  stoppedByPositive: (caseNo: number, day: number, result: string) =>
    `#${caseNo} 第${day}天核酸${result}，日常采样和体温已停止，改按异常处置：请在异常卡片上点“已送发热门诊”或“转运”，或用 /转运 #${caseNo} 医院。`,
  noTempDuty: (caseNo: number, slotLabel: string) => `#${caseNo} 今天${slotLabel}没有体温检测安排。`,
  otherSymptoms: (typed: string[], known: readonly string[]) =>
    `（${typed.map((w) => `“${echo(w)}”`).join('、')}不在症状列表中，已记为“其他”并保留原文。常用：${known.join('、')}）`,
  badTemperature: '体温请写 34–43 之间的数字，如 36.5',
  todayUsage: (township: boolean, village: string | null) =>
    township && village
      ? `请写村名，如 /今日 ${village}（指挥部看某村今天的采样和体温）。`
      : `本群还没有绑定村：请在村工作群里用 /今日${village ? `，或写村名：/今日 ${village}` : ''}。`,
  noTestsToday: (place: string) => `${place}今天没有需要采样的人。`,
  noTempsToday: (place: string, slot: string) => `${place}${slot}没有需要测体温的人。`,
};
