import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/db/schema';
import { renderMarkdown, renderText } from '../../src/sandbox/web/markdown.js';
import type { FakeMessage } from '../helpers/fake-lark-server';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId } from './group-privacy';

const ADMIN_P2P = 'oc_echo_admin';
const VILLAGE = 'oc_echo_village';
const HQ = 'oc_echo_hq';
const LEAD = 'ou_echo_lead';
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

// Every control Lark renders in a text message or card markdown (LARK.md §5.3, §7.6, §7.7).
const PAYLOADS = ['<at user_id="all">所有人</at>', '<at id=all></at>', '[官方通知](http://evil.example)', '**加粗**', '~~删除~~', '<b>粗</b>', '*斜体*', '__下划__', '`代码`', '&lt;at id=all&gt;'];
const RENDERED = [/<at[\s>]/i, /<\/?[bius]>/i, /<(?:font|a|link|text_tag)\b/i, /\[[^\]]*\]\([^)]*\)/, /\*\*[^*]+\*\*/, /~~[^~]+~~/, /__[^_]+__/, /(?<!\*)\*[^*\s][^*]*\*(?!\*)/, /`[^`]+`/, /&lt;|&gt;|&#/, /https?:\/\//];

/** What the message would show as markup: text content, or every markdown in a card (plain_text is never read as markup). */
function markupOf(m: FakeMessage): { kind: 'text' | 'markdown'; content: string }[] {
  const parsed = m.parsedContent as Record<string, unknown>;
  if (m.msgType === 'text') return [{ kind: 'text', content: String(parsed.text) }];
  const found: { kind: 'markdown'; content: string }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if ((o.tag === 'markdown' || o.tag === 'lark_md') && typeof o.content === 'string') found.push({ kind: 'markdown', content: o.content });
    Object.values(o).forEach(walk);
  };
  walk(parsed);
  return found;
}

/** Issue 11, finding 4: nothing a person types can make the bot mention everyone, link or format. */
describe('what people type is echoed without rendering', () => {
  let t: TestApp;
  let caseNo = 0;
  let people = 0;
  /** A new case for each round: closing ends the last one. */
  async function registerSomeone(): Promise<number> {
    people++;
    const name = `赵${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[people]}`;
    const id = validId(`110105197001${String(10 + people)}${String(100 + people)}`);
    const r = await t.say(`/登记 ${name} ${id} 1381234${String(5000 + people)} 居家隔离 今天`, { from: LEAD, chatId: VILLAGE });
    expect(r.replies.join('')).toContain('已登记');
    return Math.max(...(await t.db.db.select().from(cases)).map((c) => c.id));
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-16T09:00:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: VILLAGE });
    await t.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(LEAD, '王组长')] });
    const r = await t.say(`/登记 张三 ${validId('11010519491231002')} 13812345678 居家隔离 今天`, { from: LEAD, chatId: VILLAGE });
    expect(r.replies.join('')).toContain('已登记');
    caseNo = (await t.db.db.select().from(cases))[0]!.id;
  });
  afterAll(() => t.close());

  /** Sends the command, returns every message the bot sent for it (replies and posts), checked for markup. */
  async function expectInert(command: string, chatId = VILLAGE): Promise<string> {
    const before = t.fake.messages.length;
    await t.say(command, { from: LEAD, chatId });
    const sent = t.fake.messages.slice(before);
    expect(sent.length, command).toBeGreaterThan(0);
    for (const m of sent) {
      for (const { kind, content: raw } of markupOf(m)) {
        // The bot's own masks (138****5678, 王*) are not typed text: left out of the check.
        const content = raw.replace(/(?<=[0-9])\*+(?=[0-9X])/g, '#').replace(/(?<=[\u4e00-\u9fff])\*+(?=[\s；，）(（]|$)/gmu, '#');
        for (const pattern of RENDERED) expect(content, `${command} → ${kind}: ${content}`).not.toMatch(pattern);
        const html = kind === 'text' ? renderText(content, () => undefined) : renderMarkdown(content, () => undefined);
        expect(html, command).not.toMatch(/class="mention"|<a |<strong>|<del>|<em>|<code>/);
      }
    }
    return sent.flatMap(markupOf).map((x) => x.content).join('\n');
  }

  it.each(PAYLOADS)('%s in free text: /延长 and /转运 reasons, /关闭 notes, shown again by /记录', async (payload) => {
    const caseNo = await registerSomeone();
    await expectInert(`/延长 #${caseNo} 1 ${payload}`);
    await expectInert(`/修改 #${caseNo} 地址 ${payload}`);
    const closed = await expectInert(`/关闭 #${caseNo} 其他 ${payload}`);
    expect(closed).toContain('已关闭');
    expect(closed).toMatch(/[＜＞［］＊＿～｀＆]/);
    const history = await expectInert(`/记录 #${caseNo}`);
    expect(history).toMatch(/[＜＞［］＊＿～｀＆]/);
  });

  it.each(PAYLOADS)('%s in words the bot could not read, echoed in its error replies', async (payload) => {
    const compact = payload.replace(/\s+/g, '');
    for (const command of [
      `/关闭 #${caseNo} ${compact}`,
      `/转运 #${caseNo} ${compact}`,
      `/名单 ${compact}`,
      `/延长 #${caseNo} ${compact}`,
      `/改类别 #${caseNo} ${compact}`,
      `/修改 #${caseNo} ${compact} 1`,
      `/汇总 ${compact}`,
      `/登记 李四 ${validId('11010519500101003')} 13812345679 ${compact} 今天`,
      `/上报 ${payload}`,
    ]) {
      await expectInert(command);
    }
  });

  it('a transfer place and reason are echoed inert, and the typed ID in an error reply is masked', async () => {
    const caseNo = await registerSomeone();
    const moved = await expectInert(`/转运 #${caseNo} 医院 [县医院](http://evil.example) <at user_id="all">所有人</at>`);
    expect(moved).toContain('已转运');
    const id = validId('11010519851231123');
    const reply = await expectInert(`/关闭 #${caseNo} ${id}`);
    expect(reply).toContain('看不懂');
    expect(reply).not.toContain(id);
    expect(reply).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`);
  });
});
