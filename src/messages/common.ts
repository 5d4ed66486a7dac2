import { echo } from './echo';

/** What the bot says in general situations. All user-facing Chinese lives under src/messages/. */
export const common = {
  unknownCommand: (name: string, suggestion: string | null) =>
    suggestion ? `没有“/${echo(name)}”这个命令，是不是 /${suggestion}？发送 /帮助 查看全部命令。` : `没有“/${echo(name)}”这个命令。发送 /帮助 查看全部命令。`,
  undoHint: (name: string) =>
    `没有“/${echo(name)}”这个命令：登记的记录不能删除。登记错了请用 /关闭 #编号 误登记（记录保留，不再安排检测）；只是手机或地址写错，用 /修改 #编号 手机 …。编号可用 /名单 或 /查看 姓名 查到。`,
  notACommand: '我只认以 / 开头的命令，例如：/登记 …。发送 /帮助 查看用法。',
  /** The text after a command over the policy's limit; nothing was done. */
  tooLong: (command: string, length: number, max: number) => `这条 /${command} 后面有 ${length} 个字，最多 ${max} 个字，没有执行。请删短后重发（说明写要点即可）。`,
  onlyText: '我只能读文字命令。发送 /帮助 查看用法。',
  /** A delivery set aside after its last failed attempt (issue 11): nothing of it was done. */
  deliveryFailed: '处理失败，已记录，请联系管理员。这条消息没有执行，重发前请先联系管理员。',
  /** A sender over the per-sender budget; told once, later messages are dropped until the budget refills. */
  tooFrequent: '操作太频繁，请稍后再试。刚才这些消息没有执行，请过一分钟再发。',
  noPermission: (what: string) => `你没有权限${what}。`,
  adminOnly: '只有管理员可以使用这个命令。',
  groupOnly: '这个命令要在群里使用。',
  roleNames: {
    admin: '管理员',
    lead: '组长',
    hq_member: '指挥部群成员',
    sampler: '采样员',
    testing_taskforce: '核酸检测专班成员',
    tracing_taskforce: '流调溯源专班成员',
    supervision_taskforce: '督导检查专班成员',
    transfer_taskforce: '转运专班成员',
    taskforce_member: '专班成员',
    cadre: '村干部',
    doctor: '村医',
    grid: '网格员',
    police: '民警/辅警',
    township_cadre: '包保镇干部',
    village_leader: '挂村领导',
    point_medic: '隔离点医务',
  } as const,
  bindingKinds: { village: '村', isolation_point: '隔离点', hq: '指挥部', taskforce: '专班' } as const,
};
