import { echo } from './echo';
import { formatDateTime } from './cases';

/** A deadline as people say it: the day's end is 「12月2日24:00」, not 「12月3日 00:00」. */
export function formatDeadline(at: Date, timeZone: string): string {
  const shown = formatDateTime(at, timeZone);
  if (!shown.endsWith(' 00:00')) return shown;
  return `${formatDateTime(new Date(at.getTime() - 60_000), timeZone).split(' ')[0]}24:00`;
}

/** What a row's check came to, as the cards and the result sheet say it. */
const outcome = {
  pending: '未核查',
  registered: '在本村·已登记',
  away: '不在本村',
  managed: '已管控',
} as const;

/** /下发, the lead's batch card, the villages' 待核查 cards, reminders, 漏核查 and the result sheet. */
export const pushText = {
  outcome,
  noPermission: '只有组长、管理员或流调溯源专班群可以下发名单。',
  reading: (fileName: string) => `正在读取“${echo(fileName)}”…读完后发下发预览，确认后才会发到各村。`,
  noRecentFile: '没有找到你最近发的名单文件。请先把上级推送的名单（xlsx 或 csv）发到本群，再发 /下发；也可以回复那条文件消息发 /下发。',
  notAFile: '你回复的那条消息不是我能读取的文件。请回复名单文件本身（xlsx 或 csv）发 /下发。',
  badDeadline: (word: string) => `看不懂「${echo(word)}」：截止时间写成 /下发 18:00（今天几点前核查完）；不写就是今天24:00前。`,
  deadlinePassed: (hhmm: string) => `截止时间 ${hhmm} 已经过了：请写今天稍后的时间，或不写（今天24:00前）。`,
  failure: {
    no_header: '没找到表头：名单第一行（或标题下一行）要有“姓名”“身份证号”等列名。',
    no_id_column: '名单里没有“身份证号”一列：没有身份证号无法确认是谁，不能下发。',
    no_name_column: '名单里没有“姓名”一列，不能下发。',
    no_rows: '名单里没有人员行（表头下面是空的）。',
  } as const,
  errorLine: {
    phone: (value: string) => `手机号“${echo(value)}”不是11位手机号`,
    type: (value: string, valid: string[]) => `类型“${echo(value)}”不认识（可写：${valid.join('、')}）`,
  },
  preview: {
    title: (batch: string) => `下发预览 · ${batch}`,
    counts: (input: { pushable: number; managed: number; pushedBefore: number; errors: number }) =>
      `可下发 ${input.pushable} 人` +
      (input.managed ? `，已在管 ${input.managed} 人` : '') +
      (input.pushedBefore ? `，已下发过 ${input.pushedBefore} 人（不再重复）` : '') +
      (input.errors ? `，有误 ${input.errors} 行（不下发）` : ''),
    byVillage: (parts: { village: string; n: number }[], unassigned: number) =>
      `各村：${[...parts.map((p) => `${p.village} ${p.n}`), ...(unassigned ? [`未分配村 ${unassigned}`] : [])].join(' · ') || '无'}`,
    noGroup: (villages: string[]) => `${villages.join('、')}还没有绑定村群，收不到待核查卡片：请管理员在该村工作群发 /绑定 村 ${villages[0]}。`,
    unassignedHint: (n: number) => `${n} 人从“村”或“住址”看不出是哪个村：下发后在本卡片上逐人选村。`,
    managedHeader: (n: number) => `已在管 ${n} 人（直接记为已管控）：`,
    managedRow: (row: number, caseId: number) => `第${row}行 #${caseId}`,
    deadline: (at: Date, timeZone: string) => `核查截止：${formatDeadline(at, timeZone)}`,
    hint: '确认无误后点“下发”：各村群收到本村的待核查卡片。',
    confirm: '下发',
    cancel: '取消',
    nothing: '没有可下发的人员。',
    errorsHeader: '以下行有误，不会下发（改好后可重新发送文件）：',
    errorRow: (row: number, name: string | null, problems: string[]) => `第${row}行${name ? `（${name}）` : ''}：${problems.join('；')}`,
    moreErrors: (n: number) => `……另有 ${n} 行有误未列出`,
    moreDuplicates: (n: number) => `等，另有 ${n} 人`,
    cancelledTitle: (batch: string) => `已取消下发 · ${batch}`,
    cancelled: '没有下发任何人。',
    pushingTitle: (batch: string) => `正在下发 · ${batch}`,
    pushing: (n: number) => `正在把 ${n} 人发到各村…`,
    expiredTitle: (fileName: string) => `下发预览已过期 · ${echo(fileName)}`,
    expired: (hours: number) => `${hours}小时内没有确认，预览已作废；需要时请重新发送文件和 /下发。`,
    doneReply: (n: number, villages: number, unassigned: number) =>
      `已下发 ${n} 人到 ${villages} 个村${unassigned ? `，另有 ${unassigned} 人待你在卡片上选村` : ''}。各村须在截止前逐人核查，截止时未核查的报指挥部。`,
  },
  batch: {
    title: (batch: string, deadline: Date, timeZone: string) => `下发 · ${batch} · 截止${formatDeadline(deadline, timeZone)}`,
    progress: (checked: number, total: number) => `已核查 ${checked}/${total} 人`,
    village: (village: string, checked: number, total: number) => `${village}：已核查 ${checked}/${total}`,
    outcomes: (counts: Record<keyof typeof outcome, number>) =>
      `在本村登记 ${counts.registered} · 不在本村 ${counts.away} · 已管控 ${counts.managed} · 未核查 ${counts.pending}`,
    unassignedHeader: (n: number) => `待选村 ${n} 人（选村后发到该村）：`,
    pickVillage: '选择村',
    assign: '发到该村',
    moreUnassigned: (n: number) => `……另有 ${n} 人待选村，先处理上面的`,
  },
  village: {
    title: (village: string, pending: number, deadline: Date, timeZone: string) => `待核查 · ${village} · ${pending}人（${formatDeadline(deadline, timeZone)}前）`,
    doneTitle: (village: string, total: number) => `核查完成 · ${village} · ${total}人`,
    hint: '上级推送名单，请逐人核实：在本村的点“在本村·登记”；不在的写明去向；已在管的点“已管控”；不归本村的“转交”。',
    row: (input: { rowNo: number; maskedName: string; type: string; area: string | null; time: string | null; address: string | null }) =>
      [`第${input.rowNo}行 ${input.maskedName}　${input.type}`, input.area ? `涉及：${input.area}` : null, input.time ? `时间：${input.time}` : null, input.address ? `住址：${input.address}` : null]
        .filter(Boolean)
        .join('　'),
    forwardedIn: (from: string) => `（${from}转来）`,
    decided: (input: { rowNo: number; maskedName: string; text: string; at: Date | null; timeZone: string }) =>
      `第${input.rowNo}行 ${input.maskedName}　${input.text}${input.at ? `（${formatDateTime(input.at, input.timeZone)}）` : ''}`,
    registered: (caseId: number) => `已登记 #${caseId}`,
    managed: (caseId: number) => `已管控 #${caseId}`,
    away: (reason: string, note: string | null) => `不在本村：${reason}${note ? `，${note}` : ''}`,
    forwardedOut: (to: string) => `已转交${to}`,
    more: (n: number) => `……另有 ${n} 人，先处理上面的`,
    buttons: { register: '在本村·登记', away: '不在本村', managed: '已管控', forward: '转交' },
    form: {
      category: '管控类别',
      startDate: '开始日期',
      startDatePlaceholder: '如 12月2日，不填为今天',
      address: '住址',
      phone: '手机号',
      phoneFromList: (masked: string) => `不填即用名单上的 ${masked}`,
      phoneNeeded: '名单上没有手机号，请填写',
      submitRegister: '登记',
      reason: '去向',
      note: '说明（可不填）',
      submitAway: '确认不在本村',
      caseNo: '在管编号，如 #12',
      submitManaged: '确认已管控',
      village: '转交到哪个村',
      submitForward: '确认转交',
    },
  },
  decisionToast: {
    onlyRequester: '只有下发人、组长或管理员可以操作。',
    importing: '正在下发…',
    alreadyConfirmed: '已经按过“下发”，正在或已经发到各村。',
    alreadyCancelled: '这次下发已取消。',
    expired: '这次下发预览已过期，请重新发送文件并 /下发。',
    cancelled: '已取消下发。',
    gone: '这次下发已失效，请重新发送 /下发。',
  },
  toast: {
    gone: '这条名单已不存在。',
    decided: (what: string) => `该行已核查：${what}。`,
    noPermission: (village: string) => `只有${village}的村干部或组长可以核查本村名单。`,
    noPermissionAssign: '只有下发人、组长或管理员可以给名单选村。',
    askRegister: '请核对后点“登记”。',
    askAway: '请选择去向。',
    askManaged: '请填写在管编号。',
    askForward: '请选择转交到哪个村。',
    badDate: (value: string) => `看不懂开始日期“${echo(value)}”：写成 12月2日 或 2026-12-02。`,
    futureDate: (value: string) => `开始日期“${echo(value)}”在今天之后：请写今天或之前。`,
    badPhone: (value: string) => `手机号“${echo(value)}”不是11位手机号。`,
    badCategory: '请选择管控类别。',
    badReason: '请选择去向。',
    badCaseNo: (value: string) => `看不懂编号“${echo(value)}”：写成 #12。`,
    caseNotHere: (caseId: number) => `#${caseId} 不在你可查看的在管人员里。`,
    notSamePerson: (caseId: number) => `#${caseId} 的身份证号与名单上的不同，不是同一人。`,
    badVillage: '请选择一个村。',
    sameVillage: (village: string) => `这一行已经在${village}。`,
    tooLong: (label: string, max: number) => `${label}太长了（最多${max}个字）。`,
    registered: (caseId: number) => `已登记 #${caseId}。`,
    recorded: '已记录。',
    forwarded: (village: string) => `已转交${village}。`,
    assigned: (village: string) => `已发到${village}。`,
  },
  remind: (input: { mentions: string[]; batch: string; village: string; pending: number; deadline: Date; timeZone: string }) =>
    `${input.mentions.map((id) => `<at user_id="${id}"></at>`).join(' ')}${input.mentions.length ? ' ' : ''}待核查提醒：“${echo(input.batch)}”${input.village}还有 ${input.pending} 人没有核查，截止 ${formatDeadline(input.deadline, input.timeZone)}。请在“待核查”卡片上逐人处理。`,
  missed: (input: { batch: string; deadline: Date; timeZone: string; total: number; byVillage: { village: string; names: string[] }[] }) =>
    [
      `漏核查 · “${echo(input.batch)}”截止 ${formatDeadline(input.deadline, input.timeZone)}：共 ${input.total} 人未核查`,
      ...input.byVillage.map((v) => `${v.village} ${v.names.length} 人：${v.names.join('、')}`),
    ].join('\n'),
  unassignedVillage: '未分配村',
  result: {
    fileName: (batch: string) => `核查结果_${batch.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`,
    reply: (batch: string, total: number, counts: Record<keyof typeof outcome, number>) =>
      `“${echo(batch)}”核查结果（共 ${total} 人：在本村登记 ${counts.registered} · 不在本村 ${counts.away} · 已管控 ${counts.managed} · 未核查 ${counts.pending}），见附件，可据此向上级反馈。`,
    sheetName: '核查结果',
    header: ['行号', '姓名', '身份证号', '类型', '村', '核查结果', '说明', '核查人', '核查时间'],
  },
};
