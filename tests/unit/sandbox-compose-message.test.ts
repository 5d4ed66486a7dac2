import { describe, expect, it } from 'vitest';
import { parseMessageText } from '../../src/lark/command-parser';
import { composeMessage } from '../../src/sandbox/compose-message';

const bot = { openId: 'ou_bot', name: 'homewatch' };
const people = [
  { openId: 'ou_doc', name: '东风村村医' },
  { openId: 'ou_cadre', name: '东风村村干部' },
  { openId: 'ou_dong', name: '东风村' },
];

describe('composeMessage (what Lark delivers for what a sandbox user typed)', () => {
  it('puts the bot mention in front of a group message', () => {
    expect(composeMessage({ typed: '/帮助', isGroup: true, bot, people })).toEqual({
      text: '@_user_1 /帮助',
      mentions: [{ key: '@_user_1', openId: 'ou_bot', name: 'homewatch' }],
    });
  });

  it('sends a private message as typed', () => {
    expect(composeMessage({ typed: ' /我是谁 ', isGroup: false, bot, people })).toEqual({ text: '/我是谁', mentions: [] });
  });

  it('turns @name into a placeholder, the longest matching name first, once per person', () => {
    const { text, mentions } = composeMessage({ typed: '/角色 @东风村村医 村医 @东风村村医 ＠东风村村干部 @某人', isGroup: true, bot, people });
    expect(text).toBe('@_user_1 /角色 @_user_2 村医 @_user_2 @_user_3 @某人');
    expect(mentions.map((m) => m.openId)).toEqual(['ou_bot', 'ou_doc', 'ou_cadre']);
  });

  it('is read by the bot\'s own parser as the command with the person mentioned', () => {
    const { text, mentions } = composeMessage({ typed: '/角色 @东风村村医 村医', isGroup: true, bot, people });
    const parsed = parseMessageText({
      content: JSON.stringify({ text }),
      mentions: mentions.map((m) => ({ key: m.key, id: { open_id: m.openId }, name: m.name })),
      botOpenId: 'ou_bot',
    });
    expect(parsed).toEqual({ kind: 'command', name: '角色', argText: '@_user_2 村医', mentions: [{ key: '@_user_2', openId: 'ou_doc', name: '东风村村医' }] });
  });
});
