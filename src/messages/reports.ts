/** /上报 replies and the report-deadline job's messages. */
export const reportText = {
  usage: '请在本村工作群里发送 /上报 [备注]，例如：/上报 今日无新增',
  onlyCadres: (village: string) => `只有${village}的村干部可以上报。请组长用 /角色 @你 村干部 ${village} 授权后再发。`,
  filed: (label: string, time: string) => `已收到${label}（${time}）。`,
  filedLate: (label: string, time: string, deadline: string) => `已收到${label}（${time}），已超过截止时间 ${deadline}，记为迟报。`,
  allFiled: (labels: string[]) => `今天的${labels.join('、')}都已上报，无需重复。`,
  reminder: (label: string, deadline: string) => `⏰ 本村今天的${label}还未上报，请在 ${deadline} 前发送 /上报 [备注]。`,
  missedTitle: (label: string, date: string, deadline: string) => `${date}${label}截止 ${deadline}，以下村未按时上报：`,
  missedNone: (label: string, date: string, deadline: string) => `${date}${label}截止 ${deadline}，各村均已按时上报。`,
};
