import type { IsoDate } from '../domain/dates';
import type { CloseReason, TransferDestination } from '../domain/lifecycle-args';
import type { LifecycleAction } from '../domain/lifecycle';
import type { ReleaseRefusal } from '../domain/release';
import { formatDate } from './cases';
import { noticeText } from './notices';
import { releaseText } from './release';
import { echo } from './echo';

const actionLabel: Record<LifecycleAction, string> = {
  release: '解除',
  transfer: '转运',
  close: '关闭',
  change: '改类别',
  extend: '延长',
  edit: '修改',
  return: '返回',
};

const destinationLabel: Record<TransferDestination, string> = { central: '集中隔离', hospital: '定点医院' };

const refusalText = (r: ReleaseRefusal) =>
  r.kind === 'not_ended'
    ? r.releasableFrom === r.endDate
      ? `管控期至${formatDate(r.endDate)}，尚未期满`
      : `管控期至${formatDate(r.endDate)}，${formatDate(r.releasableFrom)}起可解除`
    : r.kind === 'ledger'
      ? '台账记录不需解除'
      : releaseText.blockers([r]);

/** Replies of the lifecycle commands: /名单 /解除 /转运 /关闭 /改类别 /延长 /修改 /返回 /记录. */
export const lifecycleText = {
  destinationLabel,
  usage: {
    release: '用法：/解除 #12　组长确需提前或带异常解除：/解除 #12 强制 原因',
    transfer: '用法：/转运 #12 集中隔离 县隔离酒店 原因（转到隔离点继续管控）　或　/转运 #12 医院 县人民医院 原因（地点、原因可省略）',
    close: '用法：/关闭 #12 迁出|误登记|死亡|其他 说明（选“其他”必须写说明）',
    change: (categories: string[]) => `用法：/改类别 #12 居家隔离（可选：${categories.join('、')}）`,
    extend: (max: number) => `用法：/延长 #12 3 原因（天数 1–${max}，原因必填）`,
    edit: '用法：/修改 #12 手机 13812345678　或　/修改 #12 地址 东风村三组12号',
    return: '用法：/返回 #12（原类别，从今天开始）　或　/返回 #12 居家隔离 11月20日',
    history: '用法：/记录 #12　翻页：/记录 #12 第2页',
    list: '用法：/名单　/名单 东风村 居家隔离　/名单 已解除 第2页',
  },
  noPermission: (id: number) => `#${id} 不是你负责的村，无权办理。`,
  wrongStatus: (id: number, status: string, action: LifecycleAction) =>
    action === 'return' ? `#${id} ${status}，只有已转运的对象才能返回。` : `#${id} ${status}，不能${actionLabel[action]}。`,

  // /解除
  /** One line per refusal, for a reply. */
  refusals: (refusals: ReleaseRefusal[]) => refusals.map((r) => `· ${refusalText(r)}`).join('\n'),
  /** All on one line, for a toast. */
  refusalsInline: (refusals: ReleaseRefusal[]) => refusals.map(refusalText).join('；'),
  cannotRelease: (id: number, why: string, canForce: boolean) =>
    `#${id} 暂不能解除：\n${why}${canForce ? `\n确需解除请发：/解除 #${id} 强制 原因` : ''}`,
  forceOnlyLead: '只有组长或管理员可以强制解除。',
  forceNeedsReason: (id: number) => `强制解除要写原因，例如：/解除 #${id} 强制 县指挥部通知提前解除`,
  proposed: (id: number) => `已提交 #${id} 的解除申请，指挥部组长确认后解除。`,
  alreadyProposed: (id: number) => `#${id} 的解除申请已提交过，等待指挥部确认。`,
  proposalTitle: (id: number) => `解除申请 · #${id}`,
  proposalLine: (input: { id: number; maskedName: string; village: string; category?: string; endDate: IsoDate }) =>
    `${input.village} 申请解除 #${input.id} ${input.maskedName}（${input.category ? `${input.category}，` : ''}期满 ${formatDate(input.endDate)}）`,
  released: (input: { id: number; maskedName: string; date: IsoDate; notice: { title: string; recipientOpenId: string } | null }) =>
    `#${input.id} ${input.maskedName} 已解除管控（${formatDate(input.date)}）。${input.notice ? noticeText.releasedTo(input.notice) : ''}`,

  // /转运
  transferNoDestination: '要写转到哪里：集中隔离 或 医院。',
  transferBadDestination: (word: string) => `看不懂「${echo(word)}」：转运去向写 集中隔离 或 医院。`,
  transferred: (input: { id: number; maskedName: string; destination: TransferDestination; place: string | null }) =>
    `#${input.id} ${input.maskedName} 已转运至${destinationLabel[input.destination]}${input.place ? `（${echo(input.place)}）` : ''}，待办的核酸和体温已取消。回来后发 /返回 #${input.id} 重新开始管控。`,

  movedToPoint: (input: { id: number; maskedName: string; point: string; startDate: IsoDate; endDate: IsoDate }) =>
    `#${input.id} ${input.maskedName} 已转至${input.point}集中隔离（${formatDate(input.startDate)}为第1天，至${formatDate(input.endDate)}），由该隔离点医务人员采样和测温；本村可随时 /查看 #${input.id}。`,
  arrivedAtPoint: (input: { id: number; maskedName: string; village: string; category: string; startDate: IsoDate; endDate: IsoDate }) =>
    `新转入：#${input.id} ${input.maskedName}（${input.village}）${input.category}，${formatDate(input.startDate)}为第1天，至${formatDate(input.endDate)}。核酸和体温卡片将发到本群。`,
  backHome: (input: { id: number; maskedName: string; village: string; point: string; category: string; endDate: IsoDate }) =>
    `#${input.id} ${input.maskedName} 已从${input.point}转回${input.village}：${input.category}至${formatDate(input.endDate)}，今后的核酸、体温由本村负责。`,
  transferAlreadyAtPoint: (id: number, point: string) => `#${id} 已在${point}集中隔离，无需再转。`,
  homeUsage: '用法：/转回居家 #12 [类别]（类别默认居家隔离），例如：/转回居家 #12 居家健康监测',
  homeNotAtPoint: (id: number) => `#${id} 不在隔离点，不需要转回居家。`,
  homeNeedsCategory: '要写转回后的类别，例如：/转回居家 #12 居家隔离',
  homeBadCategory: (word: string, valid: string[]) => `类别“${echo(word)}”不存在或要在隔离点进行，可用：${valid.join('、')}`,

  // /关闭
  closeNoReason: '要写关闭原因：迁出、误登记、死亡 或 其他（其他要写说明）。',
  closeBadReason: (word: string) => `看不懂「${echo(word)}」：关闭原因写 迁出、误登记、死亡 或 其他。`,
  closeOtherNeedsNote: (id: number) => `选“其他”要写说明，例如：/关闭 #${id} 其他 已由县里统一管理`,
  closed: (input: { id: number; maskedName: string; reason: CloseReason; note: string | null }) =>
    `#${input.id} ${input.maskedName} 已关闭（${input.reason}${input.note ? `：${echo(input.note)}` : ''}），待办事项已取消。`,

  // /改类别
  changeBadCategory: (word: string, categories: string[]) => `没有「${echo(word)}」这个类别。可选：${categories.join('、')}`,
  changeSame: (id: number, category: string) => `#${id} 已是${category}，无需更改。`,
  changed: (input: { id: number; maskedName: string; category: string; startDate: IsoDate; endDate: IsoDate; restarted: boolean; tests: string }) =>
    `#${input.id} ${input.maskedName} 类别改为${input.category}，管控期 ${formatDate(input.startDate)} – ${formatDate(input.endDate)}` +
    `（${input.restarted ? '从今天重新计算' : '第1天不变'}）。今后核酸：${input.tests}`,

  // /延长
  extendNoDays: (max: number) => `要写延长几天（1–${max}）。`,
  extendBadDays: (word: string, max: number) => `「${echo(word)}」不是天数：写 1–${max} 的整数，例如 3。`,
  extendTooMany: (id: number, already: number, max: number) => `延长总共最多 ${max} 天，#${id} 已延长 ${already} 天。`,
  extendNoReason: (id: number) => `延长要写原因，例如：/延长 #${id} 3 第7天核酸未出结果`,
  extended: (input: { id: number; maskedName: string; days: number; endDate: IsoDate; test: string | null }) =>
    `#${input.id} ${input.maskedName} 管控期延长 ${input.days} 天，至${formatDate(input.endDate)}。${input.test ? `加测核酸：${input.test}。` : ''}`,

  // /修改
  editNoField: '要写改哪一项：手机 或 地址。',
  editBadField: (word: string) => `「${echo(word)}」不能修改：只能改 手机 或 地址（姓名、身份证号登记错了请 /关闭 #编号 误登记 后重新登记）。`,
  editNoValue: '要写改成什么，例如：/修改 #12 手机 13812345678',
  editBadPhone: '手机号要 11 位、以 1 开头，例如 13812345678。',
  editAddressTooLong: '地址太长了，请写到 60 个字以内。',
  editedPhone: (id: number, masked: string) => `#${id} 手机已改为 ${masked}。`,
  editedAddress: (id: number) => `#${id} 地址已更新。`,

  // /返回
  returnBadWord: (word: string) => `看不懂「${echo(word)}」：可以写类别（如 居家隔离）和开始日期（如 11月20日）。`,
  returnBadDate: (word: string) => `「${echo(word)}」不是有效日期。`,
  returnFutureDate: (word: string) => `开始日期「${echo(word)}」还没到：不能晚于今天。`,
  returnDuplicate: (id: number, activeId: number) => `此人已在管控中（#${activeId}），不能恢复 #${id}。`,
  returned: (input: { id: number; maskedName: string; category: string; startDate: IsoDate; endDate: IsoDate; periodNo: number }) =>
    `#${input.id} ${input.maskedName} 已返回，重新开始${input.category}：${formatDate(input.startDate)} – ${formatDate(input.endDate)}（第${input.periodNo}次管控）。`,

  // /名单
  listBadWord: (word: string) => `看不懂「${echo(word)}」：可以写村名、类别（如 居家隔离）、状态（在管、已解除、已转运、已关闭、全部）或页码（第2页）。`,
  listBadPage: (word: string) => `「${echo(word)}」不是页码：从第1页开始。`,
  listEmpty: '没有符合条件的对象。',
  listNoPermission: (village: string) => `你不负责${village}，无权查看它的名单。`,
  listPageBeyond: (pages: number) => `只有 ${pages} 页。`,
  statusFilter: { active: '在管', released: '已解除', transferred: '已转运', closed: '已关闭', all: '全部' } as const,
  listHeader: (input: { scope: string; status: string; category: string | null; total: number; page: number; pages: number }) =>
    `${input.scope} ${input.category ? `${input.category} ` : ''}${input.status} ${input.total} 人（第${input.page}/${input.pages}页，按期满日期排序）：`,
  listLine: (input: { id: number; maskedName: string; category: string; progress: string; village: string }) =>
    `#${input.id} ${input.maskedName} ${input.category} ${input.progress} ${input.village}`,
  progress: {
    day: (day: number, total: number) => `第${day}/${total}天`,
    notStarted: (start: IsoDate) => `${formatDate(start)}开始`,
    ended: (end: IsoDate) => `已期满（${formatDate(end)}）`,
    left: (status: string, at: string) => `${status} ${at}`,
  },
  listNext: (command: string) => `下一页：${command}`,
  township: '全镇',

  // /记录
  historyHeader: (id: number, maskedName: string, total: number, page: number, pages: number) =>
    `#${id} ${maskedName} 操作记录（共 ${total} 条，最新在前，第${page}/${pages}页）：`,
  historyLine: (input: { at: string; action: string; who: string; detail: string }) => `${input.at} ${input.action} · ${echo(input.who)}${input.detail ? `\n　${input.detail}` : ''}`,
  historyEmpty: (id: number) => `#${id} 还没有操作记录。`,
  roles: { admin: '管理员', lead: '组长', doctor: '村医', sampler: '采样员', cadre: '村干部', other: '工作人员' } as const,
  addressChanged: '已更新（内容不记入记录）',
};
