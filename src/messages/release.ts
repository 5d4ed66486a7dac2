import type { IsoDate } from '../domain/dates';
import type { ReleaseBlocker } from '../domain/release';
import { formatDate } from './cases';
import { noticeText } from './notices';

/** The release-due card and its 解除 button. */
export const releaseText = {
  title: (where: string, date: IsoDate) => `到期解除 · ${where} · ${formatDate(date)}`,
  township: '全镇',
  ready: (n: number) => `可解除（${n} 人）：`,
  pending: (n: number) => `待处理（${n} 人）：`,
  row: (input: { caseNo: number; maskedName: string; village?: string; category: string; endDate: IsoDate }) =>
    `#${input.caseNo} ${input.maskedName}${input.village ? `（${input.village}）` : ''} ${input.category} 期满 ${formatDate(input.endDate)}`,
  blockers: (blockers: ReleaseBlocker[]) =>
    blockers
      .map((b) => (b.kind === 'positive' ? '有阳性结果' : b.kind === 'open_alert' ? '有未处理异常' : `核酸第${b.days.join('、')}天无阴性结果`))
      .join('；'),
  more: (n: number) => `……另有 ${n} 人未列出。`,
  button: '解除',
  toast: {
    onlyLead: '仅组长可办理解除',
    released: (caseNo: number, maskedName: string, noticeTitle: string | null) =>
      `#${caseNo} ${maskedName} 已解除${noticeTitle ? `，${noticeText.releasedToast(noticeTitle)}` : ''}`,
    notActive: (caseNo: number, status: string) => `#${caseNo} ${status}，这张卡片已过期`,
    notReady: (caseNo: number, why: string) => `#${caseNo} 暂不能解除：${why}`,
  },
};
