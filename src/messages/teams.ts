import { echo } from './echo';
/** Guarantee teams (包保): the team lines, /包保, /我的包保. */
export const teamText = {
  line: (parts: { label: string; people: string[] }[], missing: string[]) =>
    [
      parts.length ? `包保：${parts.map((p) => `${p.label} ${p.people.join('、')}`).join('；')}` : '包保：未设置',
      missing.length ? `⚠ 包保缺：${missing.join('、')}（用 /包保 #编号 ${missing[0]} @某人 补上）` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  usage:
    '用法：/包保 #12（查看）　/包保 #12 镇干部 @张三 民警 @赵六（设置这些分工）　/包保 #12 @王医生（按其角色加入）　/包保 #12 -民警 或 -@赵六（移除）　/包保 默认 东风村 村医 @王医生（本村默认包保）',
  partUnknownFor: (name: string, parts: string[]) => `不知道 @${name} 在包保中的分工。请在前面写明分工，如：${parts[0]} @${name}（可用：${parts.join('、')}）。`,
  danglingPart: (word: string) => `“${echo(word)}”后面要 @ 具体的人，例如：${echo(word)} @张三`,
  lastRequired: (id: number, part: string) => `#${id} 的包保必须有${part}，不能移除最后一位；请先 /包保 #${id} ${part} @新的人 替换。`,
  changed: (id: number, line: string) => `#${id} 包保已更新。\n${line}`,
  unchanged: (id: number) => `#${id} 包保没有变化。`,
  shown: (id: number, maskedName: string, line: string) => `#${id} ${maskedName}\n${line}`,
  defaultsSet: (village: string, line: string) => `${village}默认包保已设置（之后登记的人自动带上）：\n${line}`,
  defaultsUsage: '用法：/包保 默认 东风村 村干部 @李四 村医 @王医生（在本村群里可省略村名）',
  noPermission: '只有本村村干部、包保镇干部或已授权的组长可以调整包保。',
  mineNone: '你目前不在任何在管人员的包保里。',
  mineHeader: (n: number) => `你包保的在管人员（${n}人）：`,
  mineLine: (input: { caseNo: number; maskedName: string; village: string; part: string; category: string; day: number; total: number }) =>
    `#${input.caseNo} ${input.maskedName} ${input.village} ${input.category} 第${input.day}/${input.total}天 · ${input.part}`,
};
