import { expect } from 'vitest';
import { idCheckChar } from '../../src/domain/id-number';
import { registerExample } from '../../src/messages/register';
import type { FakeMessage } from '../helpers/fake-lark-server';
import type { SayOptions, TestApp } from '../helpers/test-app';

/**
 * Group chats are not private (DOMAIN.md, "Privacy"): nothing the bot posts in a group may
 * carry a full 18-digit ID number or an 11-digit mobile number. The published example line
 * (/帮助, the register error reply) is the only allowed exception: it is nobody's data.
 */
const ID_PATTERN = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;
const PHONE_PATTERN = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;

export interface Leak {
  chatId: string;
  found: string;
  content: string;
}

function publishedExamples(): Set<string> {
  const text = registerExample('东风村');
  return new Set([...(text.match(ID_PATTERN) ?? []), ...(text.match(PHONE_PATTERN) ?? [])]);
}

/** Every full ID / phone number in the messages (and their later edits) posted to the given group chats. */
export function findGroupLeaks(messages: readonly FakeMessage[], groupChats: ReadonlySet<string>): Leak[] {
  const allowed = publishedExamples();
  const leaks: Leak[] = [];
  for (const m of messages) {
    const chatId = m.chatId ?? (m.receiveIdType === 'chat_id' ? m.receiveId : undefined);
    if (!chatId || !groupChats.has(chatId)) continue;
    for (const content of [m.content, ...m.patches]) {
      for (const found of [...(content.match(ID_PATTERN) ?? []), ...(content.match(PHONE_PATTERN) ?? [])]) {
        if (!allowed.has(found)) leaks.push({ chatId, found, content });
      }
    }
  }
  return leaks;
}

/**
 * Wraps `t.say` to remember which chats are groups; `expectNoLeaks()` (call it in the last
 * test of a file) scans everything the bot sent there.
 */
export function watchGroups(getApp: () => TestApp) {
  const groups = new Set<string>();
  return {
    groups,
    say(text: string, opts: SayOptions) {
      if ((opts.chatType ?? 'group') === 'group') groups.add(opts.chatId);
      return getApp().say(text, opts);
    },
    expectNoLeaks() {
      const t = getApp();
      const inGroups = t.fake.messages.filter((m) => m.chatId !== undefined && groups.has(m.chatId));
      // Guard against a vacuous pass: the file must actually have produced group replies.
      expect(inGroups.length).toBeGreaterThan(0);
      expect(findGroupLeaks(t.fake.messages, groups)).toEqual([]);
    },
  };
}

/** A valid resident ID number (GB 11643 check character) from its first 17 digits. */
export function validId(first17: string): string {
  return first17 + idCheckChar(first17);
}
