import type { IsoDate } from '../domain/dates';
import { formatDate } from './cases';

/** Words of the doctors' cards, their toasts, and the test/temperature commands. */
export const dutyText = {
  testsCardTitle: (village: string, n: number) => `今日核酸采样 · ${village} · ${n}人`,
  testsCardDate: (date: IsoDate) => `${formatDate(date)}，按“已采样”确认上门采样，出结果后按阴性/阳性/无效。`,
  testsNone: (village: string, date: IsoDate) => `${village}${formatDate(date)}没有需要采样的人。`,
  tempsCardTitle: (village: string, slotLabel: string, n: number) => `今日体温 · ${slotLabel} · ${village} · ${n}人`,
  tempsCardHint: '填写体温（如 36.5），有症状就勾选，最后点“提交”。空着的行不记录。',
  tempsNone: (village: string, slotLabel: string) => `${village}${slotLabel}没有需要测体温的人。`,
  row: (caseNo: number, maskedName: string, day: number) => `#${caseNo} ${maskedName} 第${day}天`,
  rowResample: '（复采）',
  sampledAt: (time: string) => `已采样 ${time}`,
  result: { negative: '阴性', positive: '阳性', invalid: '无效' } as const,
  resultDone: (label: string) => `结果：${label}`,
  tempDone: (celsius: number, symptoms: string[]) => `${celsius.toFixed(1)}℃${symptoms.length ? ` ${symptoms.join('、')}` : ''}`,
  tempMissed: '已错过',
  page: (page: number, pages: number) => `第 ${page + 1}/${pages} 页`,
  buttons: {
    sampled: '已采样',
    allSampled: '全部已采样',
    negative: '阴性',
    positive: '阳性',
    invalid: '无效',
    submit: '提交',
    rechecked: '已复测',
    transfer: '转运',
    prev: '上一页',
    next: '下一页',
  },
  tempInputPlaceholder: '体温 如36.5',
  symptomPlaceholder: '症状（无则不选）',

  toast: {
    onlyDoctor: '仅本村村医可确认',
    sampled: (caseNo: number) => `#${caseNo} 已记录采样`,
    allSampled: (n: number) => `已记录 ${n} 人采样`,
    nothingToSample: '没有待采样的人',
    alreadySampled: (caseNo: number, time: string) => `#${caseNo} 已在 ${time} 记录采样，无需重复`,
    resultRecorded: (caseNo: number, label: string) => `#${caseNo} 结果已记录：${label}`,
    alreadyResult: (caseNo: number, label: string) => `#${caseNo} 已有结果：${label}，未改动`,
    notSampledYet: (caseNo: number) => `#${caseNo} 还没有记录采样，请先按“已采样”`,
    caseClosed: (caseNo: number, status: string) => `#${caseNo} ${status}，这张卡片已过期`,
    dutyGone: '这一项已取消或不存在，请发送 /今日 获取最新卡片',
    tempsRecorded: (n: number, abnormal: number) => (abnormal ? `已记录 ${n} 人体温，${abnormal} 人异常，已通知` : `已记录 ${n} 人体温`),
    tempsNothing: '没有填写体温',
    tempsInvalid: (rows: string[]) => `体温填写有误，未记录：${rows.join('；')}（请填 34–43 之间的数字，如 36.5）`,
    recheckAsk: '请在卡片中填写复测体温后提交',
    recheckRecorded: (celsius: number, normal: boolean) => (normal ? `复测 ${celsius.toFixed(1)}℃，已恢复正常` : `复测 ${celsius.toFixed(1)}℃，仍异常，请转诊`),
    transferRequested: (caseNo: number) => `#${caseNo} 已标记待转运`,
    alertClosed: '该异常已处理',
  },

  alertTitle: (caseNo: number) => `异常 · #${caseNo}`,
  alertLine: (input: { caseNo: number; maskedName: string; village: string; what: string }) =>
    `#${input.caseNo} ${input.maskedName}（${input.village}）${input.what} — 请复测/转诊`,
  alertPositiveLine: (input: { caseNo: number; maskedName: string; village: string }) =>
    `#${input.caseNo} ${input.maskedName}（${input.village}）核酸阳性 — 请立即转运，常规检测已停止，暂缓解除`,
  alertWhatTemp: (celsius: number | null, symptoms: string[]) =>
    [celsius !== null ? `${celsius.toFixed(1)}℃` : '', symptoms.join(' ')].filter(Boolean).join(' '),
  alertRepeat: (input: { caseNo: number; maskedName: string; village: string; hours: number }) =>
    `⚠ #${input.caseNo} ${input.maskedName}（${input.village}）异常已超过 ${input.hours} 小时未复测，请督促处理。`,
  alertRechecked: (celsius: number, normal: boolean, time: string) => `复测 ${celsius.toFixed(1)}℃（${time}）${normal ? '，已恢复正常' : '，仍异常'}`,
  alertTransferRequested: (time: string) => `已标记待转运（${time}）`,
  recheckInputLabel: '复测体温',

  commandUsage: {
    sample: '用法：/采样 #12（记录今天上门采样）',
    result: '用法：/结果 #12 阴性（阴性、阳性或无效）',
    temp: '用法：/体温 #12 36.8 [症状…] [上午|下午]，例如：/体温 #12 38.2 干咳',
  },
  noTestToday: (caseNo: number) => `#${caseNo} 今天没有核酸检测安排。`,
  noTempDuty: (caseNo: number, slotLabel: string) => `#${caseNo} 今天${slotLabel}没有体温检测安排。`,
  unknownSymptom: (word: string, valid: readonly string[]) => `“${word}”不是可选的症状。可选：${valid.join('、')}`,
  badTemperature: '体温请写 34–43 之间的数字，如 36.5',
  todayUsage: '请在村工作群里使用 /今日（本群还没有绑定村）。',
};
