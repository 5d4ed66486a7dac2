import { type IsoDate, localTimeIn } from '../domain/dates';
import { echo } from './echo';

/** Words of the case cards and replies. */
export const caseText = {
  registeredTitle: (id: number) => `已登记 #${id}`,
  caseTitle: (id: number) => `管控对象 #${id}`,
  sex: { male: '男', female: '女' } as const,
  status: { active: '管控中', released: '已解除', transferred: '已转运', closed: '已关闭' } as const,
  person: (name: string, sex: string, age: number) => `${name}　${sex} · ${age}岁`,
  idNumber: (masked: string) => `身份证：${masked}`,
  phone: (masked: string, note: string | null = null) => (note ? `手机：${masked}（${note}）` : `手机：${masked}`),
  category: (name: string, days: number) => `类别：${name}（${days}天）`,
  village: (name: string) => `村/社区：${name}`,
  address: (text: string) => `地址：${text}`,
  period: (start: IsoDate, end: IsoDate, today?: IsoDate) => `管控期：${formatDate(start, today)} – ${formatDate(end, today)}（${formatDate(start, today)}为第1天）`,
  /** Why day 1 is that day (DOMAIN.md "Start of the period"). */
  startBasis: { departure: '离开风险地区之日', arrival: '到达之日', found: '排查发现之日' } as const,
  periodWithBasis: (start: IsoDate, end: IsoDate, basis: string, today?: IsoDate) =>
    `管控期：${formatDate(start, today)} – ${formatDate(end, today)}（第1天为${formatDate(start, today)}，${basis}）`,
  atPoint: (point: string) => `集中隔离地点：${point}（由该隔离点医务人员采样和测温）`,
  noPointYet: '⚠ 本镇还没有登记隔离点，暂由本村负责采样和测温。请管理员 /隔离点 添加 名称，再用 /转运 #编号 集中隔离 名称 转过去。',
  pointNotForCategory: (point: string, category: string) => `“${echo(point)}”是隔离点，${category}在村里管控，不用写隔离点。要集中隔离请写类别“集中隔离”。`,
  pointNeeded: (category: string, points: string[]) => `${category}要写隔离点：${points.join('、')}，例如在命令里加上“${points[0]}”。`,
  noPoints: (category: string) => `${category}要在隔离点进行，本镇还没有隔离点：请管理员先 /隔离点 添加 县隔离酒店，并 /绑定 隔离点 到该点的工作群。`,
  phases: (items: { label: string; start: IsoDate; end: IsoDate }[], today?: IsoDate) =>
    `分段：${items.map((p) => `${p.label} ${formatDate(p.start, today)}–${formatDate(p.end, today)}`).join('；')}`,
  tests: (items: { day: number; date: IsoDate }[], today?: IsoDate) => `核酸：${testDates(items, today)}`,
  firstTest: (date: IsoDate | null, today?: IsoDate) => (date ? `首次核酸：${formatDate(date, today)}` : ''),
  today: (day: number, total: number) => (day >= 1 && day <= total ? `今天：第${day}/${total}天` : day > total ? '管控期已满，待解除' : ''),
  statusLine: (label: string) => `状态：${label}`,
  duties: (input: { tempChecksPerDay: number; rollCallsPerDay: number; visitEveryDays?: number }) => {
    const parts: string[] = ['村医按核酸日期上门采样'];
    if (input.tempChecksPerDay === 2) parts.push('每天上午、下午各测一次体温');
    else if (input.tempChecksPerDay > 0) parts.push(`每天测${input.tempChecksPerDay}次体温`);
    if (input.rollCallsPerDay > 0) parts.push(`每天点名${input.rollCallsPerDay}次`);
    if (input.visitEveryDays) parts.push(`包保人员每${input.visitEveryDays}天上门一次`);
    return `下一步：${parts.join('，')}。`;
  },
  notDoneOnRegistration: (id: number, days: number[], periodOver: boolean) =>
    [
      periodOver ? '⚠ 管控期已过，需补采并核实后再解除。' : '',
      `登记前的核酸记为未检：${days.map((d) => `第${d}天`).join('、')}。补采后发送 /采样 #${id} 补采。`,
    ]
      .filter(Boolean)
      .join('\n'),
  alreadyActive: (id: number, village: string, category: string) => `此人已在管控中：#${id}（${village}，${category}），未重复登记。发送 /查看 #${id} 查看。`,
  registerNoPermission: '你没有登记权限：请组长用 /角色 @你 村干部 东风村 授权（之后在村群或私聊都可登记）。',
  villageNoPermission: (village: string) => `你没有权限登记${village}的人员。`,
  showUsage: '用法：/查看 #12（#后面是登记编号），或 /查看 王建国（按姓名查）',
  /**
   * A number that does not exist and one the asker may not see get this same answer, so the
   * reply tells a stranger nothing about which numbers exist (issue 11, finding 10).
   */
  notFound: (id: number) => `没有你可查看的 #${id}：编号不存在，或不是你负责的村/隔离点的对象。请核对编号，或发送 /名单 查看。`,
  /** A duplicate registration of someone managed in a village the registrar may not see: no village, no category. */
  alreadyElsewhere: '此人已在本镇其他村管控，请联系镇指挥部。未重复登记。',
  notActive: (id: number, status: string) => `#${id} ${status}，不再需要检测。`,
};

/** 11月20日(第1天)、11月23日(第4天), or 无 */
export function testDates(items: { day: number; date: IsoDate }[], today?: IsoDate): string {
  return items.length ? items.map((t) => `${formatDate(t.date, today)}(第${t.day}天)`).join('、') : '无';
}

/** 2026-11-20 → 11月20日; with `today` in another year, 2025年12月30日 (a period across New Year). */
export function formatDate(date: IsoDate, today?: IsoDate): string {
  const [y, m, d] = date.split('-');
  const year = today && today.slice(0, 4) !== y ? `${Number(y)}年` : '';
  return `${year}${Number(m)}月${Number(d)}日`;
}

/** An instant as the township reads it: 11月23日 10:05 */
export function formatDateTime(at: Date, timeZone: string): string {
  // Through the domain's cached formatter: making an Intl.DateTimeFormat per call cost ~90 ms
  // of every start (the page sizes render cards of 500 timed rows at load, cards/page-sizes.ts).
  const { date, hour, minute } = localTimeIn(timeZone, at);
  return `${formatDate(date)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** 10:05 in the township's zone */
export function formatTime(at: Date, timeZone: string): string {
  return formatDateTime(at, timeZone).split(' ')[1] ?? '';
}
