import type { Mention } from './events';

export interface MentionedUser {
  key: string;
  openId: string;
  name: string;
}

export type ParsedText =
  | { kind: 'command'; name: string; argText: string; mentions: MentionedUser[] }
  | { kind: 'text'; text: string; botMentioned: boolean };

/**
 * Reads a text message: drops the bot's own @-mention, normalises what phone keyboards
 * produce (full-width slash and spaces), and splits "/name args". Other people's mentions
 * stay in the text as their placeholders (@_user_2) and are listed in `mentions`.
 */
export function parseMessageText(input: { content: string; mentions: Mention[] | undefined; botOpenId: string | null }): ParsedText {
  let text = readText(input.content);
  const mentions: MentionedUser[] = [];
  let botMentioned = false;
  for (const m of input.mentions ?? []) {
    const openId = m.id.open_id ?? '';
    // "@_user_1" must not match the start of "@_user_12".
    const placeholder = new RegExp(`${m.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)`, 'g');
    const isBot = input.botOpenId ? openId === input.botOpenId : new RegExp(`^\\s*${placeholder.source}`).test(text);
    if (isBot) {
      botMentioned = true;
      text = text.replace(placeholder, ' ');
    } else mentions.push({ key: m.key, openId, name: m.name ?? '' });
  }
  text = text.replace(/[\u3000\u00a0]/g, ' ').trim();
  const match = /^[/／]\s*(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return { kind: 'text', text, botMentioned };
  return { kind: 'command', name: match[1]!.toLowerCase(), argText: match[2]!.trim(), mentions };
}

function readText(content: string): string {
  try {
    const parsed = JSON.parse(content) as { text?: unknown };
    return typeof parsed.text === 'string' ? parsed.text : '';
  } catch {
    return '';
  }
}
