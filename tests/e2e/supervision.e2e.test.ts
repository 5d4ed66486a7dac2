import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultTimeout } from '../../jobs/result-timeout';
import { supervisionReportJob } from '../../jobs/supervision-report';
import { corrections } from '../../src/db/schema';
import { fireOn } from '../../src/domain/schedule';
import { currentCard, textOf } from '../helpers/cards';
import { readXlsx } from '../helpers/files';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

/**
 * The 督导通报 against a hand-made day (11月22日): what each village and each responsible person
 * left undone, checked number by number, the correction ordered by /督查 and closed by /整改.
 */
const TZ = 'Asia/Shanghai';
const DONGFENG = 'oc_sv_dongfeng';
const HONGQI = 'oc_sv_hongqi';
const SUPERVISION = 'oc_sv_supervision';
const ADMIN_P2P = 'oc_sv_admin_p2p';
const CADRE = 'ou_sv_cadre';
const HONGQI_CADRE = 'ou_sv_hongqi_cadre';
const SUPERVISOR = 'ou_sv_supervisor';
const at = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

describe('the supervision report (督导通报) and corrections', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const to = (chatId: string) => t.fake.messages.filter((m) => m.receiveId === chatId && !m.replyTo);
  async function run(job: typeof supervisionReportJob, date: string, time: string) {
    t.clock.now = new Date(`${date}T${time}:00+08:00`);
    const outcome = await t.hw.jobRunner.runFire(job, fireOn(date, time, TZ), 'schedule');
    await t.settle();
    return outcome;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-22T07:00:00+08:00' });
    t.fake.setUser(CADRE, '李村干部');
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 专班 督导检查', { from: ADMIN, chatId: SUPERVISION });
    const register = async (text: string, chatId: string, from: string, mentions: MentionInput[] = []) =>
      expect((await g.say(text, { from, chatId, mentions })).replies.join()).toContain('已登记');
    // 东风村: #1 with its cadre (a visit and a test that day), #2 三天三检 without a team (roll calls, a test).
    await register(`/登记 周一 ${validId('11010519600101001')} 13800007001 居家隔离 今天 村干部 @_user_2`, DONGFENG, CADRE, [at(CADRE, '李村干部')]);
    await register(`/登记 周二 ${validId('11010519600101002')} 13800007002 三天三检 今天`, DONGFENG, CADRE);
    // 红旗村: #3, visited, its test not sampled, its report filed in time.
    await register(`/登记 周三 ${validId('11010519600101003')} 13800007003 居家隔离 今天`, HONGQI, HONGQI_CADRE);
    t.clock.now = new Date('2026-11-22T08:30:00+08:00');
    await g.say('/采样 #2', { from: ADMIN, chatId: DONGFENG });
    await g.say('/点名 #2', { from: CADRE, chatId: DONGFENG });
    t.clock.now = new Date('2026-11-22T10:00:00+08:00');
    await g.say('/上门 #3', { from: HONGQI_CADRE, chatId: HONGQI });
    await g.say('/上报 今日无新增', { from: HONGQI_CADRE, chatId: HONGQI });
    // #2's sample has no result a day later: 结果超时 from 09:00.
    t.clock.now = new Date('2026-11-23T09:00:00+08:00');
    await t.hw.jobRunner.runFire(resultTimeout, fireOn('2026-11-23', '09:00', TZ), 'schedule');
    await t.settle();
  });
  afterAll(() => t.close());

  it('opens a correction from the supervision group and tells the village; bad deadlines change nothing', async () => {
    t.clock.now = new Date('2026-11-23T09:30:00+08:00');
    expect((await g.say('/督查 东风村 #1 门磁未装 限昨天', { from: SUPERVISOR, chatId: SUPERVISION })).replies).toEqual(['期限11月22日已经过了，请写今天或以后的日期。']);
    expect((await g.say('/督查 红旗村 #1 门磁未装', { from: SUPERVISOR, chatId: SUPERVISION })).replies).toEqual(['#1 不在红旗村，请核对编号或村名。']);
    expect((await g.say('/督查 东风村 #1 门磁未装', { from: CADRE, chatId: DONGFENG })).replies).toEqual(['只有督导检查专班、纪委群成员、组长或管理员可以开整改单。']);
    expect(await t.db.db.select().from(corrections)).toHaveLength(0);
    const { replies } = await g.say('/督查 东风村 #1 门磁未装 限明天', { from: SUPERVISOR, chatId: SUPERVISION });
    expect(replies).toEqual(['已开整改单 #1：东风村 #1 门磁未装，限11月24日完成。']);
    expect(to(DONGFENG).map((m) => m.content).join()).toContain('督查整改单 #1：#1 门磁未装，限11月24日完成。完成后发送 /整改 1 完成 说明');
  });

  it("reports 11月22日 village by village and person by person, with the trend and the open correction, and attaches the workbook", async () => {
    const filesBefore = t.fake.files.length;
    const outcome = await run(supervisionReportJob, '2026-11-23', '10:00');
    expect(outcome.result).toEqual({ chats: 1, villages: 2, people: 2, openCorrections: 1 });
    const card = to(SUPERVISION).filter((m) => m.msgType === 'interactive').at(-1)!;
    const text = textOf(currentCard(card));
    expect(text).toContain('东风村：漏上门 1，漏点名 2，未采 1，结果超时 1，未按时上报 1');
    expect(text).toContain('红旗村：未采 1');
    expect(text).toContain('李村干部（东风村）：漏上门 1');
    expect(text).toContain('未设包保（东风村）：漏点名 2');
    expect(text).toContain('11/21 0 · 11/22 5');
    expect(text).toContain('整改单 #1 东风村 #1 门磁未装，限11月24日');
    const sheets = await readXlsx(t.fake.files.slice(filesBefore)[0]!.bytes);
    expect(sheets.get('按村')![0]!.slice(-2)).toEqual(['漏核查', '转运超时']);
    expect(sheets.get('按村')!.slice(1)).toEqual([
      ['东风村', 1, 2, 1, 1, 1, 0, 0],
      ['红旗村', 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(sheets.get('未完成整改')!.slice(1)).toEqual([[1, '东风村', 1, '门磁未装', '2026-11-24']]);
  });

  it('closes the correction with /整改 from the village, tells the supervisors, and drops it from the next report', async () => {
    expect((await g.say('/整改 1 完成', { from: CADRE, chatId: DONGFENG })).replies).toEqual(['请写明怎么整改的，例如：/整改 1 完成 已安装门磁']);
    expect((await g.say('/整改 1 完成 已安装门磁', { from: HONGQI_CADRE, chatId: HONGQI })).replies).toEqual(['只有东风村的村干部、组长或管理员可以销号整改单。']);
    expect((await g.say('/整改 1 完成 已安装门磁', { from: CADRE, chatId: DONGFENG })).replies).toEqual(['整改单 #1 已完成销号，已告知督导检查组。']);
    expect((await g.say('/整改 1 完成 已安装门磁', { from: CADRE, chatId: DONGFENG })).replies).toEqual(['整改单 #1 已经完成，无需再报。']);
    expect(to(SUPERVISION).map((m) => m.content).join()).toContain('整改单 #1（东风村）已完成：已安装门磁');
    const outcome = await run(supervisionReportJob, '2026-11-24', '08:30');
    expect(outcome.result!.openCorrections).toBe(0);
  });

  it('never posts a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
