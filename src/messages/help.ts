import { registerExample, registerExampleNoted } from './register';

/**
 * /帮助 text. Each command: what it is for, and two examples (/帮助 登记 shows them; /帮助 全部
 * lists every command the asker may use with its first example). /帮助 itself is a card of
 * what the asker does daily. The register example is replaced by one dated for today
 * (registerExampleOn), so it can be copied as is.
 */
export const commandHelp: Record<string, { title: string; examples: [string, string]; note?: string }> = {
  help: { title: '查看帮助', examples: ['/帮助', '/帮助 登记'], note: '“/帮助 命令”看某个命令的详细用法；“/帮助 全部”看你能用的所有命令。' },
  whoami: { title: '查看我的角色和本群绑定', examples: ['/我是谁', '/我是谁'] },
  register: {
    title: '登记管控对象（顺序可打乱；日期默认今天；地址可省略；不在村群里要写村名）',
    examples: [registerExample(), registerExampleNoted()],
    note: '一条消息可登记多人，每人一行；超过20人请用 /导入。手机号后括号里的字（如 母亲）记为联系人备注。',
  },
  show: { title: '查看一个对象（群里打码；私聊我可看完整身份证号、手机和地址）', examples: ['/查看 #12', '/查看 王建国'], note: '按姓名查时，有同名的会列出来让你选。' },
  list: { title: '名单：本村（指挥部看全镇）在管对象，按期满排序，可按村、类别、状态筛选', examples: ['/名单', '/名单 东风村 居家隔离 第2页'] },
  history: { title: '一个对象的操作记录（最新在前）', examples: ['/记录 #12', '/记录 王建国 第2页'] },
  team: { title: '查看或设置包保人员', examples: ['/包保 #12', '/包保 #12 村医 @王医生'] },
  myteam: { title: '我包保的对象', examples: ['/我的包保', '/我的包保'] },
  release: { title: '解除管控（组长办理；村干部提交申请）', examples: ['/解除 #12', '/解除 #12 强制 原因'] },
  transfer: { title: '转到隔离点集中隔离（继续管控），或转医院', examples: ['/转运 #12 集中隔离 县隔离酒店', '/转运 #12 医院 县人民医院 发热'] },
  home: { title: '从隔离点转回本村居家', examples: ['/转回居家 #12', '/转回居家 #12 居家隔离'] },
  close: { title: '关闭：迁出、误登记、死亡或其他（登记错了用“误登记”，记录保留）', examples: ['/关闭 #12 误登记', '/关闭 #12 迁出 已搬到县城'] },
  change: { title: '更改类别（核酸日期自动重排）', examples: ['/改类别 #12 居家隔离', '/改类别 #12 三天三检'] },
  extend: { title: '延长管控期', examples: ['/延长 #12 3 第7天核酸未出结果', '/延长 #12 7 密接续报'] },
  edit: { title: '修改手机或地址', examples: ['/修改 #12 手机 13812345678（本人）', '/修改 #12 地址 三组12号'] },
  return: { title: '已转运的对象返回，重新开始管控', examples: ['/返回 #12', '/返回 #12 居家隔离 昨天'] },
  today: { title: '今日采样、体温、上门和点名卡片（按按钮确认）', examples: ['/今日', '/今日 东风村'], note: '在指挥部群里要写村名。' },
  sample: { title: '记录上门采样；漏采的补采', examples: ['/采样 #12', '/采样 #12 补采'] },
  result: { title: '记录核酸结果：阴性、阳性、无效或混管阳性（最近一次采样的）', examples: ['/结果 #12 阴性', '/结果 #12 第4天 阴性'] },
  temp: { title: '记录体温和症状（可写上午/下午）', examples: ['/体温 #12 36.5', '/体温 #12 下午 38.2 咳嗽'] },
  visit: { title: '记录上门核实', examples: ['/上门 #12', '/上门 #12 未见到 外出就医'] },
  rollcall: { title: '记录点名', examples: ['/点名 #12', '/点名 #12 未接通'] },
  report: { title: '本村每日上报（在村群里发；截止后记为迟报）', examples: ['/上报 今日无新增', '/上报 新增返乡2人已登记'] },
  summary: { title: '每日汇总（在管人数、核酸、异常、到期解除、上报情况和各村表）', examples: ['/汇总', '/汇总 昨天'] },
  village: { title: '添加或列出本镇的村/社区', examples: ['/村 添加 东风村,红旗村', '/村 列表'] },
  point: { title: '添加或列出本镇的隔离点', examples: ['/隔离点 添加 县隔离酒店', '/隔离点 列表'] },
  bind: { title: '把本群绑定为某村、隔离点、指挥部或专班', examples: ['/绑定 村 东风村', '/绑定 专班 核酸检测'] },
  export: { title: '导出台账（xlsx，私信发给你；村干部只能导出本村，已打码）', examples: ['/导出', '/导出 东风村'] },
  import: { title: '批量导入名单：先把 xlsx 或 csv 发到群里，再发 /导入（或回复该文件），确认预览后导入', examples: ['/导入', '（回复名单文件）/导入'] },
  resultimport: { title: '导入检测机构的结果表（姓名、身份证号、采样日期、结果）：先发文件，再发 /结果导入，确认预览后录入', examples: ['/结果导入', '（回复结果文件）/结果导入'] },
  push: { title: '下发上级推送名单（密接、次密接、时空伴随、重点地区返乡）：先发文件，再发 /下发，确认预览后各村收到待核查卡片，当天截止', examples: ['/下发', '/下发 18:00（今天18点前核查完）'] },
  status: { title: '查看系统状态：待发消息、发送失败、无法送达的群', examples: ['/状态', '/状态'] },
  role: { title: '授予或取消角色（村医按村，采样员全镇）', examples: ['/角色 @某人 村医 东风村', '/角色 @某人 -村医'] },
  'transfer-request': { title: '申请转运：卡片发到转运专班群（派车、接走、交接），村群和指挥部同步，超时提醒指挥部', examples: ['/转运申请 #12 集中隔离 密接', '/转运申请 #12 医院 发热'] },
  supervise: { title: '督查：给村开整改单（督导检查、纪委群或组长）', examples: ['/督查 东风村 #12 门磁未装 限明天', '/督查 红旗村 未按时上报 限今天'] },
  correct: { title: '整改完成后销号（村干部）', examples: ['/整改 3 完成 已安装门磁', '/整改 4 完成 已补报'] },
};

/** The daily tasks of each kind of asker, most frequent first: what /帮助 shows. */
export type HelpRole = 'cadre' | 'doctor' | 'lead' | 'admin' | 'newcomer';

export const dailyHelp: Record<HelpRole, { title: string; lines: string[] }> = {
  cadre: {
    title: '常用命令 · 村干部',
    lines: [
      '登记一个人（多人每人一行）：/登记 姓名 身份证号 手机 类别',
      '今天要做的采样、体温、上门：/今日',
      '本村在管名单：/名单',
      '按姓名或编号查看：/查看 王建国',
      '每日上报：/上报 今日无新增',
      '改手机或地址：/修改 #12 手机 139…',
      '登记错了：/关闭 #12 误登记',
      '期满申请解除：/解除 #12',
    ],
  },
  doctor: {
    title: '常用命令 · 村医/采样员',
    lines: ['今天的采样和体温卡片：/今日（按按钮确认）', '记录采样：/采样 #12', '记录结果：/结果 #12 阴性', '记录体温：/体温 #12 36.5', '导入结果表：先发文件，再 /结果导入', '按姓名查看：/查看 王建国'],
  },
  lead: {
    title: '常用命令 · 组长/指挥部',
    lines: ['今日汇总和各村表：/汇总', '某天的数字：/汇总 昨天', '某村今天的工作：/今日 东风村', '全镇名单：/名单 东风村', '办理解除：/解除 #12', '下发上级名单：先发文件，再 /下发', '导出台账：/导出', '按姓名查看：/查看 王建国'],
  },
  admin: {
    title: '常用命令 · 管理员',
    lines: ['添加村：/村 添加 东风村,红旗村', '绑定本群：/绑定 村 东风村 或 /绑定 指挥部', '授予角色：/角色 @某人 村医 东风村', '系统状态：/状态', '隔离点：/隔离点 添加 县隔离酒店', '也可以做组长的一切：/汇总 /名单 /解除'],
  },
  newcomer: {
    title: '常用命令',
    lines: ['我是居家隔离管控助手：登记管控对象，提醒核酸和体温，汇总上报。', '看我的角色和本群绑定：/我是谁', '本群还没有绑定村：请管理员发 /绑定 村 村名', '村医、采样员、组长的角色由管理员用 /角色 授予'],
  },
};

export const helpText = {
  intro: '我是居家隔离管控助手：登记管控对象，提醒核酸和体温，汇总上报。',
  header: '可用命令：',
  footer: '命令前加 /，群里使用时请 @我。',
  buttons: { register: '登记', today: '今日', list: '名单', more: '更多' },
  cardFooter: '点按钮或直接发命令；“/帮助 登记”看某个命令的详细用法和例子。',
  detailHeader: (title: string) => `【${title}】`,
  examplesHeader: '例子：',
  unknownTopic: (word: string) => `没有“${word}”这个命令。发送 /帮助 全部 查看你能用的命令。`,
  allWords: ['全部', '更多', '所有', 'all'],
} as const;
