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
  show: { title: '查看一个对象', example: '/查看 #12' },
  today: { title: '今日采样和体温卡片（村医按按钮确认）', example: '/今日' },
  sample: { title: '记录上门采样', example: '/采样 #12' },
  result: { title: '记录核酸结果：阴性、阳性或无效', example: '/结果 #12 阴性' },
  temp: { title: '记录体温和症状（可写上午/下午）', example: '/体温 #12 38.2 干咳' },
  report: { title: '本村每日上报（在村群里发；截止后记为迟报）', example: '/上报 今日无新增' },
  summary: { title: '每日汇总（在管人数、核酸、异常、到期解除、上报情况和近14天走势）', example: '/汇总　或　/汇总 昨天' },
  village: { title: '添加或列出本镇的村/社区', example: '/村 添加 东风村,红旗村　或　/村 列表' },
  bind: { title: '把本群绑定为某村、指挥部或专班', example: '/绑定 村 东风村　/绑定 指挥部　/绑定 专班 核酸检测' },
  status: { title: '查看系统状态：待发消息、发送失败、无法送达的群', example: '/状态' },
  role: { title: '授予或取消角色（村医按村）', example: '/角色 @某人 村医 东风村　或　/角色 @某人 -村医' },
};

export const helpText = {
  intro: '我是居家隔离管控助手：登记管控对象，提醒核酸和体温，汇总上报。',
  header: '可用命令：',
  footer: '命令前加 /，群里使用时请 @我。',
};
