import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox, roleGrants, villages } from '../../src/db/schema';
import { buildMessageEvent, signedRequest } from '../helpers/lark-delivery';
import { ADMIN, ENCRYPT_KEY, startTestApp, type TestApp, unixSeconds, VERIFICATION_TOKEN } from '../helpers/test-app';
import { findGroupLeaks, validId, watchGroups } from './group-privacy';

const GROUP = 'oc_disp_group';
const P2P = 'oc_p2p_disp_user';
const USER = 'ou_disp_user';

describe('message dispatch end to end: commands, typos, plain text, mentions, non-text', () => {
  let t: TestApp;
  const g = watchGroups(() => t);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('unknown commands', () => {
    it.each([
      ['/lsit', 'lsit', 'list'],
      ['/查春', '查春', '查看'],
      ['/whoam', 'whoam', 'whoami'],
      ['/帮主', '帮主', '帮助'],
    ])('answers %s with "no such command" and suggests the close one', async (text, typed, suggestion) => {
      const { replies } = await g.say(text, { from: USER, chatId: GROUP });
      expect(replies).toEqual([`没有“/${typed}”这个命令，是不是 /${suggestion}？发送 /帮助 查看全部命令。`]);
    });

    it.each(['/regster', '/登陆'])('suggests no command that changes something for %s', async (text) => {
      const { replies } = await g.say(text, { from: USER, chatId: GROUP });
      expect(replies).toEqual([`没有“${text}”这个命令。发送 /帮助 查看全部命令。`]);
    });

    it('suggests nothing when no command is close', async () => {
      const { replies } = await t.say('/统计报表', { from: USER, chatId: P2P, chatType: 'p2p' });
      expect(replies).toEqual(['没有“/统计报表”这个命令。发送 /帮助 查看全部命令。']);
    });

    it('does not echo the personal data typed after a mistyped command', async () => {
      const id = validId('11010519751105006');
      const { replies } = await g.say(`/登陆 张三 ${id} 13911112222 居家隔离`, { from: USER, chatId: GROUP });
      expect(replies).toHaveLength(1);
      expect(replies[0]).toContain('没有“/登陆”这个命令');
      expect(replies[0]).not.toContain(id);
      expect(replies[0]).not.toContain('13911112222');
      expect(replies[0]).not.toContain('张三');
    });

    it('masks an ID glued to a mistyped command word and keeps the echo short', async () => {
      const id = validId('11010519751105006');
      const { replies } = await g.say(`/登陆${id}张三`, { from: USER, chatId: GROUP });
      expect(replies).toHaveLength(1);
      expect(replies[0]).not.toContain(id);
      expect(replies[0]).toContain('没有“/登陆110105');
    });
  });

  describe('a command word with the space swallowed', () => {
    it('runs the command with the rest as its first argument', async () => {
      const { replies } = await t.say('/查看#999', { from: ADMIN, chatId: P2P, chatType: 'p2p' });
      expect(replies).toEqual(['没有你可查看的 #999：编号不存在，或不是你负责的村/隔离点的对象。请核对编号，或发送 /名单 查看。']);
    });
  });

  describe('text that is not a command', () => {
    it('stays silent in a group when the bot was not @-mentioned', async () => {
      const { replies } = await g.say('大家辛苦了', { from: USER, chatId: GROUP, atBot: false });
      expect(replies).toEqual([]);
    });

    it('gets the slash hint in a group and in private', async () => {
      const group = await g.say('请问怎么登记', { from: USER, chatId: GROUP });
      const p2p = await t.say('你好', { from: USER, chatId: P2P, chatType: 'p2p' });
      for (const r of [group, p2p]) expect(r.replies).toEqual(['我只认以 / 开头的命令，例如：/登记 …。发送 /帮助 查看用法。']);
    });

    it('gets the hint for a bare @bot', async () => {
      const { replies } = await g.say('', { from: USER, chatId: GROUP });
      expect(replies).toEqual(['我只认以 / 开头的命令，例如：/登记 …。发送 /帮助 查看用法。']);
    });
  });

  describe('normalising what phones type', () => {
    it('accepts a full-width slash, a space after the slash, full-width spaces and capitals', async () => {
      const reference = (await g.say('/帮助', { from: USER, chatId: GROUP })).replies;
      expect(reference[0]).toContain('常用命令');
      for (const text of ['／帮助', '/ 帮助', '\u3000／帮助\u3000', '/HELP']) {
        const { replies } = await g.say(text, { from: USER, chatId: GROUP });
        expect(replies, JSON.stringify(text)).toEqual(reference);
      }
    });

    it('reads full-width separators in the arguments', async () => {
      const { replies } = await t.say('／村　添加　东风村，红旗村', { from: ADMIN, chatId: 'oc_p2p_disp_admin', chatType: 'p2p' });
      expect(replies).toEqual(['已添加：东风村、红旗村']);
      expect((await t.db.db.select().from(villages)).map((v) => v.name).sort()).toEqual(['东风村', '红旗村'].sort());
    });
  });

  describe('the bot’s own @-mention', () => {
    const bot = () => ({ key: '@_user_1', openId: t.fake.botOpenId, name: 'homewatch' });

    it('is removed when it stands in the middle of the command, and is not taken for a person', async () => {
      const lead = { key: '@_user_2', openId: 'ou_disp_lead', name: '赵组长' };
      const { replies } = await g.say('/角色 @_user_1 @_user_2 组长', { from: ADMIN, chatId: GROUP, atBot: false, mentions: [bot(), lead] });
      expect(replies).toEqual(['已授予 赵组长：组长']);
      expect(await t.db.db.select().from(roleGrants).where(eq(roleGrants.openId, 'ou_disp_lead'))).toHaveLength(1);
      expect(await t.db.db.select().from(roleGrants).where(eq(roleGrants.openId, t.fake.botOpenId))).toEqual([]);
    });

    it('is removed between a sub-command word and its arguments', async () => {
      const { replies } = await g.say('/村 添加 @_user_1 幸福社区', { from: ADMIN, chatId: GROUP, atBot: false, mentions: [bot()] });
      expect(replies).toEqual(['已添加：幸福社区']);
    });

    it('is removed at the end of the command', async () => {
      const { replies } = await g.say('/村 列表 @_user_1', { from: USER, chatId: GROUP, atBot: false, mentions: [bot()] });
      expect(replies).toEqual(['本镇村/社区（3）：\n东风村、红旗村、幸福社区']);
    });
  });

  describe('messages that are not text', () => {
    async function sendImage(chatId: string, chatType: 'group' | 'p2p') {
      const event = buildMessageEvent({
        messageType: 'image',
        content: { image_key: 'img_x' },
        chatId,
        chatType,
        senderOpenId: USER,
        token: VERIFICATION_TOKEN,
        createTimeMs: t.clock.now.getTime(),
      });
      const messageId = event.event.message.message_id;
      t.fake.registerIncoming(messageId, chatId);
      if (chatType === 'group') g.groups.add(chatId);
      const res = await t.post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(t.clock.now) }));
      expect(res.status).toBe(200);
      await t.settle();
      const [row] = await t.db.db.select().from(inbox).where(eq(inbox.messageId, messageId));
      expect(row).toMatchObject({ status: 'done' });
      return t.fake.messages.filter((m) => m.replyTo === messageId).map((m) => (m.parsedContent as { text: string }).text);
    }

    it('is ignored in a group (no reply), though processed', async () => {
      const before = t.fake.messages.length;
      expect(await sendImage(GROUP, 'group')).toEqual([]);
      expect(t.fake.messages.length).toBe(before);
    });

    it('gets "I only read text" in a private chat', async () => {
      expect(await sendImage(P2P, 'p2p')).toEqual(['我只能读文字命令。发送 /帮助 查看用法。']);
    });
  });

  describe('privacy in groups', () => {
    it('the leak scanner finds a full ID number or phone posted to a group, and ignores private chats', () => {
      const id = validId('11010519751105006');
      const msg = (chatId: string, text: string) => ({
        messageId: 'om_x', chatId, receiveIdType: 'chat_id', receiveId: chatId, msgType: 'text',
        content: JSON.stringify({ text }), parsedContent: { text }, patches: [], createdAt: 0,
      });
      const groups = new Set(['oc_g']);
      expect(findGroupLeaks([msg('oc_g', `身份证 ${id}`)], groups)).toMatchObject([{ found: id }]);
      expect(findGroupLeaks([msg('oc_g', '电话13911112222。')], groups)).toMatchObject([{ found: '13911112222' }]);
      expect(findGroupLeaks([msg('oc_p2p', `身份证 ${id} 13911112222`)], groups)).toEqual([]);
      expect(findGroupLeaks([msg('oc_g', `110105********${id.slice(-4)} 139****2222`)], groups)).toEqual([]);
    });

    it('never posts a full ID number or phone in a group', () => {
      g.expectNoLeaks();
    });
  });
});
