import type { TransferDestination } from '../domain/lifecycle-args';
import type { TransferStepName } from '../domain/transfer';
import { formatDateTime, formatTime } from './cases';

const destinationLabel: Record<TransferDestination, string> = { central: '集中隔离', hospital: '定点医院' };
const stepLabel: Record<TransferStepName, string> = { dispatched: '已派车', picked_up: '已接走', handed_over: '已交接' };

/** Minutes as people say a duration: 2小时15分, 45分钟. */
const duration = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m}分钟` : m === 0 ? `${h}小时` : `${h}小时${m}分`;
};

/** Lark reads `<at …>` as a mention: typed text (a driver's name) is shown with look-alike brackets. */
const typed = (text: string) => text.replace(/</g, '＜').replace(/>/g, '＞');

/** /转运申请, the transfer card and its buttons, the warnings to HQ. */
export const transferText = {
  destinationLabel,
  stepLabel,
  /** The reason of a transfer asked from an alert's 转运 button. */
  alertReason: { fever: '发热', symptom: '症状异常', positive: '核酸阳性', pooled_positive: '混管阳性' } as const,
  usage: '用法：/转运申请 #12 集中隔离 密接（转到隔离点，类别可写 密接、次密接、集中隔离）　或　/转运申请 #12 医院 原因',
  noDestination: '要写转到哪里：集中隔离 或 医院。',
  badDestination: (word: string) => `看不懂「${word}」：转运去向写 集中隔离 或 医院。`,
  noCentralCategory: '本镇政策没有设置集中隔离类别（lifecycle.centralIsolationCategory），无法申请转到集中隔离；请联系管理员。',
  alreadyAtPoint: (id: number, point: string) => `#${id} 已在${point}集中隔离，无需转运。`,
  alreadyUnderway: (id: number, transferNo: number, status: string) => `#${id} 已有转运申请（转运单 ${transferNo}，${status}），不能重复申请；请在转运专班群的卡片上跟进。`,
  requested: (input: { id: number; maskedName: string; destination: TransferDestination; limitHours: number; taskforce: string; posted: boolean }) =>
    `已申请转运：#${input.id} ${input.maskedName} → ${destinationLabel[input.destination]}，须在${input.limitHours}小时内完成交接。` +
    (input.posted ? `卡片已发到${input.taskforce}专班群，本群同步每一步。` : `还没有绑定${input.taskforce}专班群（管理员：在该群发 /绑定 专班 ${input.taskforce}），卡片先发到本群和指挥部。`),
  registeredNeedsTransfer: (category: string, limitHours: number) => `${category}须在${limitHours}小时内转运至集中隔离点：已自动发起转运申请，交接后由隔离点接管。`,
  status: { requested: '待派车', dispatched: '已派车', picked_up: '已接走', handed_over: '已交接', cancelled: '已取消' } as const,
  card: {
    title: (id: number, maskedName: string, village: string) => `转运 #${id} · ${maskedName}（${village}）`,
    route: (village: string, destination: TransferDestination, category: string | null) =>
      `从：${village}　→　去向：${destinationLabel[destination]}${category ? `（${category}）` : ''}`,
    reason: (reason: string) => `原因：${typed(reason)}`,
    requested: (at: Date, deadline: Date, limitHours: number, timeZone: string) =>
      `申请：${formatDateTime(at, timeZone)}　限${limitHours}小时内交接（${formatDateTime(deadline, timeZone)}前）`,
    requestedBy: (openId: string) => `申请人：<at id=${openId}></at>`,
    clock: (minutes: number, asOf: Date, timeZone: string) => `已用时 ${duration(minutes)}（截至 ${formatTime(asOf, timeZone)}）`,
    took: (minutes: number) => `用时 ${duration(minutes)}`,
    warned: (hours: number, limitHours: number) => (hours >= limitHours ? `已超过${limitHours}小时仍未交接，已报指挥部` : `已过${hours}小时仍未交接，已报指挥部`),
    dispatched: (input: { plate: string; driver: string; escort: string | null; at: Date; timeZone: string }) =>
      `已派车：${typed(input.plate)}　司机 ${typed(input.driver)}${input.escort ? `　随车 ${typed(input.escort)}` : ''}（${formatTime(input.at, input.timeZone)}）`,
    pickedUp: (at: Date, timeZone: string) => `已接走（${formatTime(at, timeZone)}）`,
    handedOver: (input: { place: string; receiver: string; at: Date; timeZone: string }) =>
      `已交接：${typed(input.place)}　接收人 ${typed(input.receiver)}（${formatTime(input.at, input.timeZone)}）`,
    cancelled: '转运已取消（对象已不在管控中）',
    by: (label: string, openId: string) => `${label}：<at id=${openId}></at>`,
    form: {
      plate: '车牌',
      platePlaceholder: '如 苏A12345',
      driver: '司机',
      escort: '随车人员（可不填）',
      submitDispatch: '确认派车',
      place: '接收地点',
      placePlaceholder: '如 县人民医院',
      receiver: '接收人',
      submitHandover: '确认交接',
    },
  },
  toast: {
    onlyStaff: '仅转运专班、本村干部或组长可操作转运',
    gone: '这张转运单已不存在',
    over: (status: string) => `转运已结束（${status}）`,
    done: (step: TransferStepName) => `已记录过「${stepLabel[step]}」`,
    outOfOrder: (step: TransferStepName, first: TransferStepName) => `请按顺序操作：已派车 → 已接走 → 已交接。「${stepLabel[step]}」之前要先「${stepLabel[first]}」。`,
    askDispatch: '请填写车牌、司机和随车人员',
    askHandover: '请填写接收地点和接收人',
    missing: (field: string) => `请填写${field}`,
    tooLong: (field: string, max: number) => `${field}最多${max}个字`,
    unknownPoint: (place: string, points: string[]) => `没有“${typed(place)}”这个隔离点。本镇隔离点：${points.join('、')}`,
    recorded: (id: number, step: TransferStepName) => `#${id} ${stepLabel[step]}`,
  },
  /** To HQ when a hand-over is late (policy transfers.warnAtHours). */
  warning: (input: { id: number; maskedName: string; village: string; hours: number; limitHours: number; status: string }) =>
    input.hours >= input.limitHours
      ? `转运超时：#${input.id} ${input.maskedName}（${input.village}）申请已超过${input.limitHours}小时仍未交接（当前：${input.status}），请立即督办。`
      : `转运提醒：#${input.id} ${input.maskedName}（${input.village}）申请已${input.hours}小时仍未交接（当前：${input.status}，限${input.limitHours}小时）。`,
};
