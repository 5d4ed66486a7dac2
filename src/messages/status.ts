/** The /status report and notices about delivery problems. */
export const statusText = {
  title: '系统状态',
  inbox: (c: { pending: number; failed: number; retrying: number; failedRecently: number }) =>
    `收到待处理：${c.pending} 条${c.retrying ? `（其中 ${c.retrying} 条处理出错、等待重试）` : ''}${c.failed ? `；处理失败已搁置：${c.failed} 条${c.failedRecently ? `（24小时内 ${c.failedRecently} 条，请查看日志 delivery processing failed）` : ''}` : ''}`,
  outbox: (pending: number, oldestMinutes: number | null) =>
    `待发送：${pending} 条${oldestMinutes !== null && pending > 0 ? `，最早一条已等 ${oldestMinutes} 分钟` : ''}`,
  failures: (total: number, byCode: string) => (total ? `24小时内发送失败：${total} 条（${byCode}）` : '24小时内发送失败：0'),
  unreachableHeader: '无法送达：',
  unreachableLine: (chat: string, reason: string, since: string) => `• ${chat}：${reason}（自 ${since}）`,
  larkOff: '未连接飞书（未配置 LARK_APP_ID）',
  /** Why a chat can no longer be reached, by Lark error code. */
  reasons: {
    230002: '机器人已不在群里',
    232009: '群已解散',
    230035: '机器人被禁言或无权发言',
    230053: '对方已关闭机器人消息',
  } as Record<number, string>,
  reasonUnknown: (code: number | undefined) => `飞书拒绝发送（错误码 ${code ?? '未知'}）`,
  notifyHq: (chat: string, reason: string) =>
    `⚠ 机器人已无法向「${chat}」发消息：${reason}。发往该群的提醒会失败，请把机器人重新拉入群，或重新绑定。`,
};
