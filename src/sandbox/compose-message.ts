import type { MentionInput } from './lark-deliveries';

export interface Person {
  openId: string;
  name: string;
}

/**
 * Turns what a user typed in the sandbox into the text and mentions Lark would deliver:
 * `@东风村村医` becomes a placeholder `@_user_N` listed in `mentions`, and a group message
 * gets the bot's mention in front (the bot only receives group messages that @ it).
 */
export function composeMessage(input: { typed: string; isGroup: boolean; bot: Person; people: readonly Person[] }): {
  text: string;
  mentions: MentionInput[];
} {
  const mentions: MentionInput[] = [];
  const keyFor = (person: Person) => {
    const known = mentions.find((m) => m.openId === person.openId);
    if (known) return known.key;
    const key = `@_user_${mentions.length + 1}`;
    mentions.push({ key, openId: person.openId, name: person.name });
    return key;
  };
  const prefix = input.isGroup ? `${keyFor(input.bot)} ` : '';
  // Longest names first, so "@东风村村医" is not read as a shorter name that prefixes it.
  const byLength = [...input.people].sort((a, b) => b.name.length - a.name.length);
  let text = '';
  let rest = input.typed.trim();
  while (rest.length > 0) {
    const at = rest.search(/[@＠]/);
    if (at === -1) {
      text += rest;
      break;
    }
    text += rest.slice(0, at);
    const after = rest.slice(at + 1);
    const person = byLength.find((p) => after.startsWith(p.name));
    if (person) {
      text += keyFor(person);
      rest = after.slice(person.name.length);
    } else {
      text += rest[at];
      rest = after;
    }
  }
  return { text: prefix + text, mentions };
}
