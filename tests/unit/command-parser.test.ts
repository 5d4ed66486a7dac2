import { describe, expect, it } from 'vitest';
import { parseMessageText } from '../../src/lark/command-parser';

const bot = { key: '@_user_1', id: { open_id: 'ou_bot' }, name: 'homewatch' };
const doc = { key: '@_user_2', id: { open_id: 'ou_doc' }, name: '张医生' };
const content = (text: string) => JSON.stringify({ text });

describe('parseMessageText', () => {
  it.each([
    ['@_user_1 /register 张三', 'register', '张三'],
    ['/登记 张三 1', '登记', '张三 1'],
    ['@_user_1 ／帮助', '帮助', ''],
    ['@_user_1　/REGISTER　张三', 'register', '张三'],
    ['/ 帮助', '帮助', ''],
  ])('%s → /%s', (text, name, argText) => {
    expect(parseMessageText({ content: content(text), mentions: [bot], botOpenId: 'ou_bot' })).toMatchObject({ kind: 'command', name, argText });
  });

  it('keeps other people’s mentions and lists them', () => {
    const parsed = parseMessageText({ content: content('@_user_1 /角色 @_user_2 村医'), mentions: [bot, doc], botOpenId: 'ou_bot' });
    expect(parsed).toEqual({ kind: 'command', name: '角色', argText: '@_user_2 村医', mentions: [{ key: '@_user_2', openId: 'ou_doc', name: '张医生' }] });
  });

  it('strips the bot mention wherever it is', () => {
    const parsed = parseMessageText({ content: content('/帮助 @_user_1'), mentions: [bot], botOpenId: 'ou_bot' });
    expect(parsed).toMatchObject({ kind: 'command', name: '帮助', argText: '' });
  });

  it('without the bot id, treats the leading mention as the bot', () => {
    const parsed = parseMessageText({ content: content('@_user_1 /角色 @_user_2 村医'), mentions: [bot, doc], botOpenId: null });
    expect(parsed).toMatchObject({ kind: 'command', argText: '@_user_2 村医', mentions: [{ openId: 'ou_doc' }] });
  });

  it('is plain text without a slash, and empty for unreadable content', () => {
    expect(parseMessageText({ content: content('@_user_1 你好'), mentions: [bot], botOpenId: 'ou_bot' })).toEqual({ kind: 'text', text: '你好', botMentioned: true });
    expect(parseMessageText({ content: content('大家好'), mentions: [], botOpenId: 'ou_bot' })).toEqual({ kind: 'text', text: '大家好', botMentioned: false });
    expect(parseMessageText({ content: 'not json', mentions: [], botOpenId: 'ou_bot' })).toEqual({ kind: 'text', text: '', botMentioned: false });
  });
});

describe('mention placeholders with ten or more people', () => {
  it('removes @_user_1 without cutting @_user_10', () => {
    const tenth = { key: '@_user_10', id: { open_id: 'ou_tenth' }, name: '第十' };
    const parsed = parseMessageText({ content: content('@_user_1 /角色 @_user_10 村医'), mentions: [bot, tenth], botOpenId: 'ou_bot' });
    expect(parsed).toMatchObject({ kind: 'command', argText: '@_user_10 村医', mentions: [{ key: '@_user_10', openId: 'ou_tenth' }] });
  });
});
