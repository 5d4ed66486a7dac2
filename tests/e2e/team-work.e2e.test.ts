import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdue } from '../../jobs/overdue';
import { teamList } from '../../jobs/team-list';
import { rollcallDue, visitDue } from '../../jobs/team-work-due';
import { auditLog, duties } from '../../src/db/schema';
import { fireOn } from '../../src/domain/schedule';
import { buttonsOf, currentCard, findButton, press, textOf } from '../helpers/cards';
import type { FakeMessage } from '../helpers/fake-lark-server';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

/**
 * Door visits and roll calls as the team's work (004 篇四 "包保专班应每3天上门核实1次"; 004 篇五
 * "每日点名不少于三次"): the cards to the village with the responsible part @-mentioned, the
 * buttons and commands that record them, and what is left undone called on the team, not the
 * doctor.
 */
const TZ = 'Asia/Shanghai';
const DONGFENG = 'oc_tw_dongfeng';
const ADMIN_P2P = 'oc_tw_admin_p2p';
const CADRE = 'ou_tw_cadre';
const TEAM_CADRE = 'ou_tw_team_cadre';
const DOCTOR = 'ou_tw_doctor';
const GRID = 'ou_tw_grid';
const LEADER = 'ou_tw_leader';
const MONITORING = 'oc_tw_monitoring';
const at = (openId: string, name: string, n = 2): MentionInput => ({ key: `@_user_${n}`, openId, name });

describe('door visits and roll calls by the team', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const posted = (title: string): FakeMessage[] => t.fake.messages.filter((m) => m.receiveId === DONGFENG && !m.replyTo && textOf(currentCard(m)).includes(title));
  async function run(job: typeof visitDue, time: string) {
    t.clock.now = new Date(`2026-11-23T${time}:00+08:00`);
    const outcome = await t.hw.jobRunner.runFire(job, fireOn('2026-11-23', time, TZ), 'schedule');
    await t.settle();
    return outcome;
  }
  const dutyOf = async (caseId: number, kind: 'visit' | 'rollcall', slot?: string) =>
    (await t.db.db.select().from(duties).where(and(eq(duties.caseId, caseId), eq(duties.kind, kind), eq(duties.dueDate, '2026-11-23')))).find((d) => !slot || d.slot === slot)!;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T07:00:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [at(DOCTOR, '张医生')] });
    await t.say('/角色 @_user_2 挂村领导 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [at(LEADER, '孙领导')] });
    await g.say('/绑定 专班 核酸检测', { from: ADMIN, chatId: MONITORING });
    // The village's standing team; #2 names its own cadre at registration.
    await g.say('/包保 默认 东风村 村干部 @_user_2 村医 @_user_3', { from: CADRE, chatId: DONGFENG, mentions: [at(CADRE, '李村干部'), at(DOCTOR, '张医生', 3)] });
    const people = [
      ['王一', '11010519700101001', '居家隔离 今天', []],
      ['王二', '11010519700101002', '三天三检 今天 村干部 @_user_2 网格员 @_user_3', [at(TEAM_CADRE, '赵村干部'), at(GRID, '钱网格员', 3)]],
    ] as const;
    for (const [name, id17, rest, mentions] of people) {
      const { replies } = await g.say(`/登记 ${name} ${validId(id17)} 1381234500${name.length} ${rest}`, { from: CADRE, chatId: DONGFENG, mentions: [...mentions] });
      expect(replies.join()).toContain('已登记');
    }
  });
  afterAll(() => t.close());

  it('starts a case with the standing team, or with the team @-mentioned at registration, and shows it', async () => {
    const first = (await g.say('/查看 #1', { from: CADRE, chatId: DONGFENG })).replies.join();
    expect(first).toContain('李村干部');
    expect(first).toContain('张医生');
    const second = (await g.say('/查看 #2', { from: CADRE, chatId: DONGFENG })).replies.join();
    expect(second).toContain('赵村干部');
    expect(second).toContain('钱网格员');
  });

  it('posts 今日上门 at 08:00 with the visit on it and the responsible cadre @-mentioned, not the doctor', async () => {
    const outcome = await run(visitDue, '08:00');
    expect(outcome.result).toEqual({ villages: 1, villageCards: 1 });
    const [card] = posted('今日上门');
    const body = JSON.stringify(currentCard(card!));
    expect(body).toContain(`<at id=${CADRE}></at>`);
    expect(body).not.toContain(DOCTOR);
    expect(textOf(currentCard(card!))).toContain('王*');
  });

  it('records 已上门 once, with who and when, audited; a second press says it is done', async () => {
    const [card] = posted('今日上门');
    const seen = findButton(currentCard(card!), '已上门');
    const first = await press(t, { operator: CADRE, chatId: DONGFENG, messageId: card!.messageId, value: seen.value });
    expect(first.toast?.type).toBe('success');
    const visit = await dutyOf(1, 'visit');
    expect(visit).toMatchObject({ status: 'done', completedBy: CADRE });
    expect(await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'duty.visit'))).toMatchObject([{ actorOpenId: CADRE, caseId: 1 }]);
    const again = await press(t, { operator: CADRE, chatId: DONGFENG, messageId: card!.messageId, value: seen.value });
    expect(again.toast?.content).toContain('#1');
    expect((await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'duty.visit')))).toHaveLength(1);
  });

  it('posts 早上点名 to the village with the team cadre of #2 @-mentioned; 未接通 is recorded as such', async () => {
    await run(rollcallDue, '08:00');
    const [card] = posted('点名');
    expect(JSON.stringify(currentCard(card!))).toContain(`<at id=${TEAM_CADRE}></at>`);
    const noAnswer = buttonsOf(currentCard(card!)).find((b) => b.text === '未接通')!;
    const r = await press(t, { operator: GRID, chatId: DONGFENG, messageId: card!.messageId, value: noAnswer.value });
    expect(r.toast?.type).not.toBe('error');
    expect(await dutyOf(2, 'rollcall', 'morning')).toMatchObject({ status: 'abnormal', completedBy: GRID });
  });

  it('sends the 09:00 二包一 list to the village, its 挂村领导 privately and the monitoring group', async () => {
    const outcome = await run(teamList, '09:00');
    expect(outcome.result).toEqual({ villages: 1, cards: 3 });
    const sent = t.fake.messages.filter((m) => m.msgType === 'interactive' && String(m.content).includes('二包一名单 · 东风村（2人）'));
    expect(sent.map((m) => m.receiveId).sort()).toEqual([LEADER, DONGFENG, MONITORING].sort());
    const text = textOf(currentCard(sent[0]!));
    expect(text).toMatch(/#1 王\* 居家隔离 第1天\n包保：村干部 李村干部；村医 张医生/);
    expect(text).toContain('钱网格员');
  });

  it('records /点名 #2 for the slot open now, and explains /上门 #2 when #2 has no visit today', async () => {
    t.clock.now = new Date('2026-11-23T18:10:00+08:00');
    expect((await g.say('/点名 #2', { from: TEAM_CADRE, chatId: DONGFENG })).replies.join()).toContain('#2');
    expect(await dutyOf(2, 'rollcall', 'evening')).toMatchObject({ status: 'done', completedBy: TEAM_CADRE });
    expect((await g.say('/上门 #2', { from: TEAM_CADRE, chatId: DONGFENG })).replies).toEqual(['#2 今天没有上门安排（包保每3天上门一次）。']);
    expect((await g.say('/上门 #1 未见到', { from: CADRE, chatId: DONGFENG })).replies.join()).toContain('原因');
  });

  it('calls on the team for the roll call left undone (中午), with the doctor only for the temperatures', async () => {
    await run(overdue, '18:30');
    const card = t.fake.messages.filter((m) => m.receiveId === DONGFENG && !m.replyTo && textOf(currentCard(m)).includes('逾期')).at(-1)!;
    const body = JSON.stringify(currentCard(card));
    expect(textOf(currentCard(card))).toContain('点名');
    expect(body).toContain(`<at id=${TEAM_CADRE}></at>`);
    expect(textOf(currentCard(card))).toMatch(/#2 王\* 点名中午 未点名/);
  });

  it('never posts a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
