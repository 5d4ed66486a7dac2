// @ts-check
/** Every word the sandbox page shows (UI, not the bot: the bot's words live in src/messages/). */
export const labels = {
  title: 'homewatch 沙盒',
  banner: '沙盒模式：飞书由本机模拟，消息不会发往真实飞书',
  seeding: '正在准备演示数据（村庄、群绑定、角色）…',
  transport: (/** @type {string} */ connection, /** @type {string | null} */ state) =>
    connection === 'websocket'
      ? `长连接（${({ connecting: '连接中', connected: '已连接', reconnecting: '重连中', failed: '已断开', stopped: '已停止' })[state ?? ''] ?? state}）`
      : '事件回调（HTTP）',
  groups: '群聊',
  privateChats: '私聊（机器人发给个人的消息）',
  privateChat: (/** @type {string} */ name) => `${name} 的私聊`,
  speakingAs: '当前身份',
  members: (/** @type {number} */ n) => `${n} 位成员`,
  composerGroup: '输入命令，如 /帮助（群消息自动 @homewatch）',
  composerPrivate: '私聊 homewatch，如 /我是谁',
  send: '发送',
  attach: '发送文件（xlsx 或 csv，如要 /导入 的名单）',
  sending: (/** @type {string} */ name) => `正在发送“${name}”…`,
  fileSize: (/** @type {number} */ bytes) =>
    bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`,
  bot: 'homewatch',
  empty: '还没有消息',
  updated: '已更新',
  download: '下载',
  image: '图片',
  jobs: '定时任务',
  jobName: '任务',
  jobDate: '模拟日期',
  jobTime: '模拟时间',
  jobRun: '立即运行',
  jobHint:
    '日期、时间都留空：按现在运行（模拟时间下按模拟的现在）；只填日期：按该任务当天第一次的时间运行。填了日期或时间，沙盒的时钟就拨到那一刻并接着走：之后的命令和卡片操作都记在模拟时间，直到点“回到真实时间”。',
  jobRunning: '运行中…',
  /** The sandbox's simulated clock, in the township's zone: 模拟时间 12月5日 08:00. */
  simulatedTime: (/** @type {Date} */ at, /** @type {string} */ timeZone) => {
    const format = new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    return `模拟时间 ${part.month}月${part.day}日 ${part.hour}:${part.minute}`;
  },
  realTime: '回到真实时间',
  /** What each job is, in the words of the people it serves (the panel and its results). */
  jobTitles: /** @type {Record<string, string>} */ ({
    'test-due': '今日采样名单',
    'temp-due': '体温提醒',
    overdue: '逾期检查',
    'daily-summary': '每日汇总',
    'release-due': '到期解除',
    'report-deadline': '上报截止',
    'result-timeout': '结果超时',
    'phase-move': '入境转居家',
    'visit-due': '今日上门',
    'rollcall-due': '点名提醒',
  }),
  /** The numbers a job reports, by key. */
  jobResultWords: /** @type {Record<string, string>} */ ({
    villages: '村',
    villageCards: '村卡片',
    points: '隔离点',
    pointCards: '隔离点卡片',
    progressCards: '进度卡片',
    overdue: '逾期',
    markedMissed: '记为漏做',
    hqMessages: '发指挥部',
    active: '在管',
    cards: '卡片',
    due: '到期',
    ready: '可解除',
    atPoints: '在隔离点',
    moved: '已转居家',
    reminders: '提醒',
    missed: '未上报',
    resultTimeouts: '结果超时',
    taskforceCards: '专班卡片',
  }),
  jobTitle: (/** @type {string} */ job) => labels.jobTitles[job] ?? job,
  jobDone: (/** @type {string} */ job, /** @type {string} */ fire, /** @type {Record<string, number>} */ result) =>
    `${labels.jobTitle(job)}（${fire}）已运行：${Object.entries(result).map(([k, v]) => `${labels.jobResultWords[k] ?? k} ${v}`).join('，') || '无输出'}`,
  errors: /** @type {Record<string, string>} */ ({
    delivery_refused: '机器人没有接受这次投递（详见服务器日志）',
    unknown_job: '没有这个任务',
    bad_date: '日期格式不对',
    bad_time: '时间格式不对',
    bad_request: '请求不完整',
    not_your_chat: '只能在自己的私聊里发言',
    file_too_large: '文件太大：沙盒里一次最多发送 5 MB 的文件',
    file_empty: '文件是空的，没有发送',
    file_unreadable: '浏览器读不出这个文件',
    network: '连不上沙盒服务器',
  }),
  card: {
    unknownElement: (/** @type {string} */ tag) => `（此处是卡片元素 ${tag}，沙盒暂不显示）`,
    chartData: '图表数据',
    selectPlaceholder: '请选择',
    imagePlaceholder: '［图片］',
  },
};
