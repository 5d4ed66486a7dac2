import { registerExample } from './register';

/**
 * /help text: one entry per command, shown to those in its audience. /help replaces the
 * register example with one dated for today (registerExampleOn), so it can be copied as is.
 */
export const commandHelp: Record<string, { title: string; example: string }> = {
  help: { title: '查看帮助', example: '/帮助' },
  whoami: { title: '查看我的角色和本群绑定', example: '/我是谁' },
  register: {
    title: '登记管控对象（顺序可打乱；日期默认今天；地址可省略；不在村群里要写村名）',
    example: registerExample(),
  },
  show: { title: '查看一个对象（群里打码；私聊我可看完整身份证号、手机和地址）', example: '/查看 #12' },
  list: { title: '名单：本村（指挥部看全镇）在管对象，按期满排序，可按村、类别、状态筛选', example: '/名单　/名单 东风村 居家隔离 第2页　/名单 已解除' },
  history: { title: '一个对象的操作记录（最新在前）', example: '/记录 #12' },
  release: { title: '解除管控（组长办理；村干部提交申请）', example: '/解除 #12　或　/解除 #12 强制 原因' },
  'transfer-request': { title: '申请转运：卡片发到转运专班群（派车、接走、交接），村群和指挥部同步，超时提醒指挥部', example: '/转运申请 #12 集中隔离 密接' },
  transfer: { title: '转到隔离点集中隔离（继续管控），或转医院', example: '/转运 #12 集中隔离 县隔离酒店' },
  home: { title: '从隔离点转回本村居家', example: '/转回居家 #12' },
  close: { title: '关闭：迁出、误登记、死亡或其他', example: '/关闭 #12 迁出 已搬到县城' },
  change: { title: '更改类别（核酸日期自动重排）', example: '/改类别 #12 居家隔离' },
  extend: { title: '延长管控期', example: '/延长 #12 3 第7天核酸未出结果' },
  edit: { title: '修改手机或地址', example: '/修改 #12 手机 13812345678' },
  return: { title: '已转运的对象返回，重新开始管控', example: '/返回 #12' },
  today: { title: '今日采样和体温卡片（村医按按钮确认）', example: '/今日' },
  sample: { title: '记录上门采样；漏采的补采', example: '/采样 #12　或　/采样 #12 补采' },
  result: { title: '记录核酸结果：阴性、阳性、无效或混管阳性（最近一次采样的）', example: '/结果 #12 阴性　或　/结果 #12 第4天 阴性' },
  temp: { title: '记录体温和症状（可写上午/下午）', example: '/体温 #12 38.2 咳嗽' },
  supervise: { title: '督查：给村开整改单（督导检查、纪委群或组长）', example: '/督查 东风村 #12 门磁未装 限明天' },
  correct: { title: '整改完成后销号（村干部）', example: '/整改 3 完成 已安装门磁' },
  report: { title: '本村每日上报（在村群里发；截止后记为迟报）', example: '/上报 今日无新增' },
  summary: { title: '每日汇总（在管人数、核酸、异常、到期解除、上报情况和近14天走势）', example: '/汇总　或　/汇总 昨天' },
  village: { title: '添加或列出本镇的村/社区', example: '/村 添加 东风村,红旗村　或　/村 列表' },
  point: { title: '添加或列出本镇的隔离点', example: '/隔离点 添加 县隔离酒店　或　/隔离点 列表' },
  bind: { title: '把本群绑定为某村、隔离点、指挥部或专班', example: '/绑定 村 东风村　/绑定 隔离点 县隔离酒店　/绑定 指挥部　/绑定 专班 核酸检测' },
  export: { title: '导出台账（xlsx，私信发给你；村干部只能导出本村，已打码）', example: '/导出　或　/导出 东风村' },
  import: { title: '批量导入名单：先把 xlsx 或 csv 发到群里，再发 /导入（或回复该文件），确认预览后导入', example: '/导入' },
  resultimport: { title: '导入检测机构的结果表（姓名、身份证号、采样日期、结果）：先发文件，再发 /结果导入，确认预览后录入', example: '/结果导入' },
  status: { title: '查看系统状态：待发消息、发送失败、无法送达的群', example: '/状态' },
  role: { title: '授予或取消角色（村医按村，采样员全镇）', example: '/角色 @某人 村医 东风村　/角色 @某人 采样员　/角色 @某人 -村医' },
};

export const helpText = {
  intro: '我是居家隔离管控助手：登记管控对象，提醒核酸和体温，汇总上报。',
  header: '可用命令：',
  footer: '命令前加 /，群里使用时请 @我。',
};
