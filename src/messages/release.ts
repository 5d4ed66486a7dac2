import type { IsoDate } from '../domain/dates';
import type { ReleaseBlocker } from '../domain/release';
import { formatDate } from './cases';
import { noticeText } from './notices';
import { echo, escapeFor } from './echo';

const days = (list: number[]) => list.join('、');

const blockerText = (b: ReleaseBlocker) =>
  b.kind === 'positive'
    ? '有阳性结果'
    : b.kind === 'open_alert'
      ? '有未处理异常'
      : b.kind === 'awaiting_result'
        ? `核酸第${days(b.days)}天未出结果`
        : `核酸第${days(b.days)}天无阴性结果`;

/** The release-due card and its 解除 button, release requests and their card, ledger entries closed by their test. */
export const releaseText = {
  title: (where: string, date: IsoDate) => `到期解除 · ${where} · ${formatDate(date)}`,
  township: '全镇',
  ready: (n: number) => `可解除（${n} 人）：`,
  pending: (n: number) => `待处理（${n} 人）：`,
  row: (input: { caseNo: number; maskedName: string; village?: string; category: string; endDate: IsoDate }) =>
    `#${input.caseNo} ${input.maskedName}${input.village ? `（${input.village}）` : ''} ${input.category} 期满 ${formatDate(input.endDate)}`,
  blockers: (blockers: ReleaseBlocker[]) => blockers.map(blockerText).join('；'),
  more: (n: number) => `……另有 ${n} 人未列出。`,
  button: '解除',
  toast: {
    onlyLead: '仅组长可办理解除',
    released: (caseNo: number, maskedName: string, noticeTitle: string | null) =>
      `#${caseNo} ${maskedName} 已解除${noticeTitle ? `，${noticeText.releasedToast(noticeTitle)}` : ''}`,
    notActive: (caseNo: number, status: string) => `#${caseNo} ${status}，这张卡片已过期`,
    notReady: (caseNo: number, why: string) => `#${caseNo} 暂不能解除：${why}`,
    askReason: '请写不同意的原因后提交',
    noReason: '要写不同意的原因（例如：第7天核酸未出结果）',
    reasonTooLong: (max: number) => `原因请写在 ${max} 个字以内`,
    rejected: (caseNo: number) => `已退回 #${caseNo} 的解除申请，申请人会收到原因`,
    decided: (caseNo: number, status: 'approved' | 'rejected' | 'cancelled') =>
      `#${caseNo} 的解除申请${{ approved: '已同意并解除', rejected: '已退回', cancelled: '已取消' }[status]}，这张卡片已过期`,
    requestGone: '这份解除申请已不存在',
  },

  /** Refusals of /解除 beyond the release rules. */
  ledgerNoRelease: (caseNo: number, category: string) => `#${caseNo} 是${category}台账记录，不需解除：核酸阴性后自动完成。`,
  unexpectedWord: (word: string, usage: string) => `看不懂「${echo(word)}」：/解除 #编号 后面只能写“强制 原因”。\n${usage}`,

  /** The release request card to HQ. */
  request: {
    reject: '不同意',
    reasonLabel: '不同意的原因（会告诉申请人）',
    reasonPlaceholder: '如：第7天核酸未出结果',
    submitReject: '提交不同意',
    proposedBy: (openId: string) => `申请人：<at id=${openId}></at>`,
    decidedTitle: (caseNo: number, what: string) => `解除申请 · #${caseNo} · ${what}`,
    what: { approved: '已解除', rejected: '不同意', cancelled: '已取消' } as const,
    approvedLine: (date: IsoDate) => `${formatDate(date)} 已解除。`,
    /** A plain_text line of the card: Lark reads nothing in it, the reason stays as stored (masked). */
    rejectedLine: (date: IsoDate, reason: string) => `${formatDate(date)} 不同意：${escapeFor('plain_text', reason)}`,
    cancelledLine: (date: IsoDate, status: string) => `${formatDate(date)} ${status}，申请不再办理。`,
    decidedBy: (openId: string) => `办理：<at id=${openId}></at>`,
  },
  /** To the proposer, in the chat they proposed from. */
  rejectedAnswer: (input: { proposer: string; caseNo: number; maskedName: string; reason: string }) =>
    `<at user_id="${input.proposer}"></at> #${input.caseNo} ${input.maskedName} 的解除申请未获指挥部同意：${echo(input.reason)}。处理后可再发 /解除 #${input.caseNo} 申请。`,

  /** 其他来返 (004 篇五 (四)): the ledger entry closed by its negative test. */
  ledgerClosedReason: '已完成检测',
  ledgerClosed: (input: { caseNo: number; maskedName: string; category: string }) =>
    `#${input.caseNo} ${input.maskedName} ${input.category} 核酸阴性，已完成检测，台账记录关闭。`,
};
