import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions } from '../../card-actions';
import { commands } from '../../commands';
import { caseAlerts, duties, imports, pushBatches, pushRows, releaseRequests, transfers, villages } from '../../src/db/schema';
import { loadPolicy } from '../../src/domain/policy';
import { type Capability, type RoleHeld, rolesAllow, villagesAllowing } from '../../src/domain/roles';
import { press } from '../helpers/cards';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId } from './group-privacy';

/**
 * Every command and every card action, tried as every kind of person, against the role table
 * (src/domain/roles.ts): refused exactly when no role the person holds there grants what the
 * action needs. The default policy is used (village cadres must be granted).
 */
const DONGFENG = 'oc_pm_dongfeng';
const HQ = 'oc_pm_hq';
const TESTING = 'oc_pm_testing';
const SUPERVISION = 'oc_pm_supervision';
const TRANSFER = 'oc_pm_transfer';
const TRACING = 'oc_pm_tracing';
const p2p = (openId: string) => `oc_pm_p2p_${openId}`;

const REFUSED = /无权|没有.{0,4}权限|只有[^。]*可以|仅[^。]*可|仅供|不是你负责/;

interface Persona {
  key: string;
  openId: string;
  chatId: string;
  chatType: 'group' | 'p2p';
  roles: (village: { dongfeng: number; hongqi: number }) => RoleHeld[];
  /** In the 包保 team of case #1. */
  team?: boolean;
}

const PERSONAS: Persona[] = [
  { key: 'admin', openId: ADMIN, chatId: DONGFENG, chatType: 'group', roles: () => [{ role: 'admin' }] },
  { key: 'lead', openId: 'ou_pm_lead', chatId: HQ, chatType: 'group', roles: () => [{ role: 'lead' }, { role: 'hq_member' }] },
  { key: 'HQ member', openId: 'ou_pm_hq', chatId: HQ, chatType: 'group', roles: () => [{ role: 'hq_member' }] },
  { key: 'cadre', openId: 'ou_pm_cadre', chatId: DONGFENG, chatType: 'group', roles: (v) => [{ role: 'cadre', villageId: v.dongfeng }] },
  { key: 'cadre, private chat', openId: 'ou_pm_cadre', chatId: p2p('ou_pm_cadre'), chatType: 'p2p', roles: (v) => [{ role: 'cadre', villageId: v.dongfeng }] },
  { key: "other village's cadre", openId: 'ou_pm_cadre_hq', chatId: p2p('ou_pm_cadre_hq'), chatType: 'p2p', roles: (v) => [{ role: 'cadre', villageId: v.hongqi }] },
  { key: 'doctor', openId: 'ou_pm_doc', chatId: DONGFENG, chatType: 'group', roles: (v) => [{ role: 'doctor', villageId: v.dongfeng }] },
  { key: 'sampler', openId: 'ou_pm_sampler', chatId: DONGFENG, chatType: 'group', roles: () => [{ role: 'sampler' }] },
  { key: 'testing task force', openId: 'ou_pm_tf', chatId: TESTING, chatType: 'group', roles: () => [{ role: 'testing_taskforce' }] },
  { key: 'supervision task force', openId: 'ou_pm_sv', chatId: SUPERVISION, chatType: 'group', roles: () => [{ role: 'supervision_taskforce' }] },
  { key: 'transfer task force', openId: 'ou_pm_tr', chatId: TRANSFER, chatType: 'group', roles: () => [{ role: 'transfer_taskforce' }] },
  { key: 'tracing task force', openId: 'ou_pm_tc', chatId: TRACING, chatType: 'group', roles: () => [{ role: 'tracing_taskforce' }] },
  { key: 'team member, private chat', openId: 'ou_pm_team', chatId: p2p('ou_pm_team'), chatType: 'p2p', roles: () => [], team: true },
  { key: 'stranger in the village group', openId: 'ou_pm_stranger', chatId: DONGFENG, chatType: 'group', roles: () => [] },
];

/** What an action needs: any of these capabilities in 东风村 (or the township); 'anyone' for the open ones. */
type Needs = Capability[] | 'anyone';

interface Tried {
  needs: Needs;
  /** A team member of the case may do it too. */
  team?: boolean;
  /** Only meaningful in the village group (elsewhere the command explains where to use it). */
  villageGroupOnly?: boolean;
  /** In any village the person works for (their own ledger, their own list). */
  anyVillage?: boolean;
  /** Refused or allowed by something besides the table: who asked for the import. */
  requester?: string;
}

interface CommandTry extends Tried {
  command: string;
  text: (n: number) => string;
  mentions?: MentionInput[];
}

const DUMMY: MentionInput = { key: '@_user_9', openId: 'ou_pm_dummy', name: '钱某' };

const COMMANDS: CommandTry[] = [
  { command: 'help', text: () => '/帮助', needs: 'anyone' },
  { command: 'whoami', text: () => '/我是谁', needs: 'anyone' },
  { command: 'myteam', text: () => '/我的包保', needs: 'anyone' },
  { command: 'register', text: (n) => `/登记 测试${'甲乙丙丁戊己庚辛壬癸子丑'[n]} ${validId(`11010519900101${String(n).padStart(3, '0')}`)} 139000077${String(n).padStart(2, '0')} 居家隔离 今天 东风村 幸福路${n}号`, needs: ['register'] },
  { command: 'show', text: () => '/查看 #1', needs: ['view_case'] },
  { command: 'list', text: () => '/名单 东风村', needs: ['view_case'] },
  { command: 'history', text: () => '/记录 #1', needs: ['view_case'] },
  { command: 'team', text: () => '/包保 #1', needs: ['edit_team'] },
  { command: 'release', text: () => '/解除 #2', needs: ['release', 'propose_release'] },
  { command: 'extend', text: () => '/延长 #2 3 复核需要', needs: ['manage_case'] },
  { command: 'edit', text: () => '/修改 #2 手机 13812345678', needs: ['manage_case'] },
  { command: 'change', text: () => '/改类别 #2 居家隔离', needs: ['manage_case'] },
  { command: 'home', text: () => '/转回居家 #2', needs: ['manage_case'] },
  { command: 'transfer-request', text: () => '/转运申请 #4 医院 发热', needs: ['manage_case'] },
  { command: 'transfer', text: () => '/转运 #2 医院 县人民医院 发热', needs: ['manage_case'] },
  { command: 'return', text: () => '/返回 #2', needs: ['manage_case'] },
  { command: 'close', text: () => '/关闭 #3 误登记', needs: ['manage_case'] },
  { command: 'export', text: () => '/导出', needs: ['export_masked'], anyVillage: true },
  { command: 'import', text: () => '/导入', needs: ['register'], anyVillage: true },
  { command: 'push', text: () => '/下发', needs: ['push_list'] },
  { command: 'today', text: () => '/今日 东风村', needs: ['view_cards'] },
  { command: 'sample', text: () => '/采样 #1', needs: ['sample'] },
  { command: 'result', text: () => '/结果 #1 阴性', needs: ['record_result'] },
  { command: 'resultimport', text: () => '/结果导入', needs: ['import_results'] },
  { command: 'temp', text: () => '/体温 #1 36.5', needs: ['record_temp'] },
  { command: 'visit', text: () => '/上门 #1', needs: ['record_visit'], team: true },
  { command: 'rollcall', text: () => '/点名 #4', needs: ['record_rollcall'], team: true },
  { command: 'report', text: () => '/上报 今日无新增', needs: ['report'], villageGroupOnly: true },
  { command: 'supervise', text: (n) => `/督查 东风村 #1 门磁未装${n}`, needs: ['supervise'] },
  { command: 'correct', text: () => '/整改 1 完成 已安装门磁', needs: ['correct'] },
  { command: 'summary', text: () => '/汇总', needs: ['view_summary'] },
  { command: 'village', text: (n) => `/村 添加 新村${n}`, needs: ['configure'] },
  { command: 'point', text: (n) => `/隔离点 添加 隔离点${n}`, needs: ['configure'] },
  { command: 'bind', text: () => '/绑定 村 东风村', needs: ['configure'], villageGroupOnly: true },
  { command: 'role', text: () => '/角色 @_user_9 网格员 东风村', needs: ['grant_roles'], mentions: [DUMMY] },
  { command: 'status', text: () => '/状态', needs: ['configure'] },
];

interface CardTry extends Tried {
  action: string;
  value: () => Record<string, unknown>;
  formValue?: () => Record<string, unknown>;
}

describe('the permission matrix: every command and card action as every role', () => {
  let t: TestApp;
  const village = { dongfeng: 0, hongqi: 0 };
  const ids = { test: 0, temp: 0, visit: 0, rollcall: 0, alert: 0, request: 0, import: 0, transfer: 0, pushBatch: 0, pushRow: 0 };
  const policy = loadPolicy();
  const today = '2026-11-23';
  const placeDay = () => ({ villageId: village.dongfeng, date: today, page: 0 });
  const pushRow = () => ({ batchId: ids.pushBatch, rowId: ids.pushRow });

  // A team member records visits and roll calls privately by command; the cards are the village group's.
  const CARDS: CardTry[] = [
    { action: 'test.sample', value: () => ({ ...placeDay(), dutyId: ids.test }), needs: ['sample'] },
    { action: 'test.sampleAll', value: placeDay, needs: ['sample'] },
    { action: 'test.result', value: () => ({ ...placeDay(), dutyId: ids.test, result: 'negative' }), needs: ['record_result'] },
    { action: 'overdue.makeup', value: () => ({ ...placeDay(), dutyId: ids.test }), needs: ['sample'] },
    { action: 'visit.askReason', value: () => ({ ...placeDay(), dutyId: ids.visit }), needs: ['record_visit'] },
    { action: 'visit.record', value: () => ({ ...placeDay(), dutyId: ids.visit, outcome: 'seen' }), needs: ['record_visit'] },
    { action: 'rollcall.record', value: () => ({ ...placeDay(), dutyId: ids.rollcall, outcome: 'answered', slot: policy.rollCallSlots[0]!.key }), needs: ['record_rollcall'] },
    { action: 'temp.submit', value: () => ({ ...placeDay(), slot: policy.tempSlots[0]!.key }), formValue: () => ({ [`t_${ids.temp}`]: '36.6' }), needs: ['record_temp'] },
    { action: 'card.page', value: () => ({ ...placeDay(), card: 'tests' }), needs: ['view_cards'] },
    { action: 'alert.recheck', value: () => ({ alertId: ids.alert }), needs: ['record_temp'] },
    { action: 'alert.recheckSubmit', value: () => ({ alertId: ids.alert }), formValue: () => ({ celsius: '36.8' }), needs: ['record_temp'] },
    { action: 'alert.feverClinic', value: () => ({ alertId: ids.alert }), needs: ['act_on_alert'] },
    { action: 'alert.transfer', value: () => ({ alertId: ids.alert }), needs: ['act_on_alert'] },
    { action: 'release.rejectAsk', value: () => ({ requestId: ids.request }), needs: ['release'] },
    { action: 'release.reject', value: () => ({ requestId: ids.request }), formValue: () => ({ reason: '还有一次核酸未出结果' }), needs: ['release'] },
    { action: 'case.release', value: () => ({ caseId: 1 }), needs: ['release'] },
    { action: 'transfer.dispatchAsk', value: () => ({ transferId: ids.transfer }), needs: ['work_transfer'] },
    { action: 'transfer.dispatch', value: () => ({ transferId: ids.transfer }), formValue: () => ({ plate: '晋A12345', driver: '张师傅' }), needs: ['work_transfer'] },
    { action: 'transfer.pickUp', value: () => ({ transferId: ids.transfer }), needs: ['work_transfer'] },
    { action: 'transfer.handoverAsk', value: () => ({ transferId: ids.transfer }), needs: ['work_transfer'] },
    { action: 'transfer.handover', value: () => ({ transferId: ids.transfer }), formValue: () => ({ place: '县人民医院', receiver: '王医生' }), needs: ['work_transfer'] },
    { action: 'push.ask', value: () => ({ ...pushRow(), form: 'away' }), needs: ['check_list'] },
    { action: 'push.register', value: pushRow, formValue: () => ({ category: 'home_isolation', startDate: '', address: '', phone: '' }), needs: ['check_list'] },
    { action: 'push.away', value: pushRow, formValue: () => ({ reason: '已离开', note: '' }), needs: ['check_list'] },
    { action: 'push.managed', value: pushRow, formValue: () => ({ caseNo: '#1' }), needs: ['check_list'] },
    { action: 'push.forward', value: pushRow, formValue: () => ({ village: '红旗村' }), needs: ['check_list'] },
    { action: 'command.run', value: () => ({ text: '/帮助' }), needs: 'anyone' },
    { action: 'import.cancel', value: () => ({ importId: ids.import }), needs: ['register'], requester: 'ou_pm_cadre' },
    { action: 'import.confirm', value: () => ({ importId: ids.import }), needs: ['register'], requester: 'ou_pm_cadre' },
  ];

  function expectedAllowed(p: Persona, tried: Tried): boolean {
    if (tried.needs === 'anyone') return true;
    if (tried.team && p.team) return true;
    const roles = p.roles(village);
    // The import preview is decided by its requester or by township-wide registrars.
    if (tried.requester) return p.openId === tried.requester || rolesAllow(roles.filter((r) => !('villageId' in r)), 'register', { kind: 'village', id: village.dongfeng });
    if (tried.anyVillage) return tried.needs.some((c) => villagesAllowing(roles, c).length > 0);
    return tried.needs.some((c) => rolesAllow(roles, c, c === 'release' || c === 'force_release' ? { kind: 'township' } : { kind: 'village', id: village.dongfeng }, policy.confirmation));
  }

  /** Refused ones first: a refusal changes nothing, so each refused try meets the state the allowed ones found. */
  const ordered = (tried: Tried) =>
    PERSONAS.map((p) => ({ p, allowed: expectedAllowed(p, tried) }))
      .filter(({ p }) => !(tried.villageGroupOnly && p.chatId !== DONGFENG))
      .sort((a, b) => Number(a.allowed) - Number(b.allowed));

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00', strictCadres: true });
    const admin = (text: string, mentions: MentionInput[] = []) => t.say(text, { from: ADMIN, chatId: p2p(ADMIN), chatType: 'p2p', mentions });
    const who = (openId: string): MentionInput => ({ key: '@_user_2', openId, name: openId.slice(6) });
    await admin('/村 添加 东风村,红旗村');
    for (const v of await t.db.db.select().from(villages)) village[v.name === '东风村' ? 'dongfeng' : 'hongqi'] = v.id;
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await t.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await t.say('/绑定 专班 核酸检测', { from: ADMIN, chatId: TESTING });
    await t.say('/绑定 专班 督导检查', { from: ADMIN, chatId: SUPERVISION });
    await t.say('/绑定 专班 转运', { from: ADMIN, chatId: TRANSFER });
    await t.say('/绑定 专班 流调溯源', { from: ADMIN, chatId: TRACING });
    await admin('/角色 @_user_2 组长', [who('ou_pm_lead')]);
    await admin('/角色 @_user_2 村干部 东风村', [who('ou_pm_cadre')]);
    await admin('/角色 @_user_2 村干部 红旗村', [who('ou_pm_cadre_hq')]);
    await admin('/角色 @_user_2 村医 东风村', [who('ou_pm_doc')]);
    await admin('/角色 @_user_2 采样员', [who('ou_pm_sampler')]);
    // #1 the everyday case, #2 and #3 for the lifecycle commands, #4 with roll calls, #5 being transferred.
    for (const [n, category] of ['居家隔离', '居家隔离', '居家隔离', '三天三检', '居家隔离'].entries()) {
      const r = await t.say(`/登记 王${'一二三四五'[n]} ${validId(`11010519800101${String(n).padStart(3, '0')}`)} 1380000770${n} ${category} 今天 幸福路${n}号`, { from: 'ou_pm_cadre', chatId: DONGFENG });
      expect(r.replies.join('')).toContain(`已登记 #${n + 1}`);
    }
    for (const id of [1, 4]) {
      const r = await t.say(`/包保 #${id} 网格员 @_user_2`, { from: ADMIN, chatId: DONGFENG, mentions: [who('ou_pm_team')] });
      expect(r.replies.join('')).not.toMatch(REFUSED);
    }
    expect((await t.say('/体温 #1 38.6', { from: 'ou_pm_doc', chatId: DONGFENG })).replies.join('')).not.toMatch(REFUSED);
    const dutyOf = async (caseId: number, kind: 'test' | 'temp' | 'visit' | 'rollcall') =>
      (await t.db.db.select().from(duties).where(and(eq(duties.caseId, caseId), eq(duties.kind, kind), eq(duties.dueDate, today), eq(duties.status, 'pending'))).orderBy(duties.id))[0]!.id;
    ids.test = await dutyOf(1, 'test');
    ids.temp = await dutyOf(1, 'temp');
    ids.visit = await dutyOf(1, 'visit');
    ids.rollcall = await dutyOf(4, 'rollcall');
    ids.alert = (await t.db.db.select().from(caseAlerts).where(eq(caseAlerts.caseId, 1)))[0]!.id;
    expect((await t.say('/转运申请 #5 医院 发热', { from: ADMIN, chatId: DONGFENG })).replies.join('')).not.toMatch(REFUSED);
    ids.transfer = (await t.db.db.select().from(transfers).where(eq(transfers.caseId, 5)))[0]!.id;
    ids.request = (await t.db.db.insert(releaseRequests).values({ caseId: 1, proposedBy: 'ou_pm_cadre', chatId: DONGFENG }).returning())[0]!.id;
    const at = t.clock.now;
    ids.import = (
      await t.db.db
        .insert(imports)
        .values({ kind: 'cases', chatId: DONGFENG, requestedBy: 'ou_pm_cadre', requestMessageId: 'om_pm_req', fileMessageId: 'om_pm_file', fileKey: 'file_pm', fileName: '名单.xlsx', status: 'preview', createdAt: at, updatedAt: at })
        .returning()
    )[0]!.id;
    // One row of a pushed list for 东风村 to check.
    const pushImport = (
      await t.db.db
        .insert(imports)
        .values({ kind: 'push', chatId: HQ, requestedBy: 'ou_pm_lead', requestMessageId: 'om_pm_push', fileMessageId: 'om_pm_pfile', fileKey: 'file_pp', fileName: '推送.xlsx', status: 'done', createdAt: at, updatedAt: at })
        .returning()
    )[0]!.id;
    ids.pushBatch = (await t.db.db.insert(pushBatches).values({ key: `${today}|推送`, importId: pushImport, chatId: HQ, pushedBy: 'ou_pm_lead', pushedAt: at, deadline: new Date(at.getTime() + 12 * 3600_000) }).returning())[0]!.id;
    const idNumber = validId('11010519700101009');
    const person = { name: '孙七', idNumber, phone: '13800007799', address: '幸福路9号', area: null, time: null, birthDate: '1970-01-01', sex: 'male' };
    ids.pushRow = (
      await t.db.db
        .insert(pushRows)
        .values({ batchId: ids.pushBatch, rowNo: 2, villageId: village.dongfeng, personEnc: t.cipher.encrypt(JSON.stringify(person)), nameMasked: '孙*', idNumberHash: t.cipher.lookupHash(idNumber), typeLabel: '密接', categoryCode: 'close_contact' })
        .returning()
    )[0]!.id;
  });
  afterAll(() => t?.close());

  it('tries every command the bot has, and every card action', () => {
    expect(COMMANDS.map((c) => c.command).sort()).toEqual(commands.map((c) => c.name).sort());
    expect(CARDS.map((c) => c.action).sort()).toEqual(cardActions.map((a) => a.action).sort());
  });

  for (const tried of COMMANDS) {
    it(`/${tried.command}`, async () => {
      const outcomes: string[] = [];
      for (const [n, { p, allowed }] of ordered(tried).entries()) {
        const { replies } = await t.say(tried.text(n), { from: p.openId, chatId: p.chatId, chatType: p.chatType, mentions: tried.mentions });
        const refused = REFUSED.test(replies.join('\n'));
        if (refused === allowed) outcomes.push(`${p.key}: expected ${allowed ? 'allowed' : 'refused'}, got 「${replies.join(' / ')}」`);
      }
      expect(outcomes).toEqual([]);
    });
  }

  for (const tried of CARDS) {
    it(`card ${tried.action}`, async () => {
      const outcomes: string[] = [];
      for (const { p, allowed } of ordered(tried)) {
        const r = await press(t, { operator: p.openId, chatId: p.chatId, messageId: `om_pm_card_${tried.action}`, value: { ...tried.value(), action: tried.action }, formValue: tried.formValue?.() });
        const refused = r.toast?.type === 'error' && REFUSED.test(r.toast.content);
        if (refused === allowed) outcomes.push(`${p.key}: expected ${allowed ? 'allowed' : 'refused'}, got ${JSON.stringify(r.toast ?? 'a card')}`);
      }
      expect(outcomes).toEqual([]);
    });
  }
});
