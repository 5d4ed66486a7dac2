/** The 09:00 二包一 list (004 篇二). */
export const teamListText = {
  title: (village: string, count: number) => `二包一名单 · ${village}（${count}人）`,
  intro: (date: string) => `${date} 在管人员及包保责任人，请按分工上门、点名、核酸：`,
  row: (input: { id: number; name: string; category: string; day: number; team: string }) => `#${input.id} ${input.name} ${input.category} 第${input.day}天\n${input.team}`,
  more: (n: number) => `……另有 ${n} 人未列出，发送 /名单 查看全部。`,
};
