/** What the bot says in general situations. All user-facing Chinese lives under src/messages/. */
export const common = {
  unknownCommand: (name: string, suggestion: string | null) =>
    suggestion ? `没有“/${name}”这个命令，是不是 /${suggestion}？发送 /帮助 查看全部命令。` : `没有“/${name}”这个命令。发送 /帮助 查看全部命令。`,
  undoHint: (name: string) =>
    `没有“/${name}”这个命令：登记的记录不能删除。登记错了请用 /关闭 #编号 误登记（记录保留，不再安排检测）；只是手机或地址写错，用 /修改 #编号 手机 …。编号可用 /名单 或 /查看 姓名 查到。`,
  notACommand: '我只认以 / 开头的命令，例如：/登记 …。发送 /帮助 查看用法。',
  onlyText: '我只能读文字命令。发送 /帮助 查看用法。',
  internalError: '系统出错，这条命令没有执行成功，请稍后重发。如一直失败，请联系管理员。',
  noPermission: (what: string) => `你没有权限${what}。`,
  adminOnly: '只有管理员可以使用这个命令。',
  groupOnly: '这个命令要在群里使用。',
  roleNames: { doctor: '村医', lead: '组长', admin: '管理员', cadre: '村干部', sampler: '采样员', point_medic: '隔离点医务' } as const,
  bindingKinds: { village: '村', isolation_point: '隔离点', hq: '指挥部', taskforce: '专班' } as const,
};
