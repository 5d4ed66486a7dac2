import { toHalfWidth } from '../src/domain/dates';
import { canPushList } from '../src/domain/permissions';
import { pushText } from '../src/messages/push-lists';
import { UserError } from '../src/shared/user-error';
import { deadlineOn } from '../src/domain/push-clock';
import { defineCommand } from './define-command';
import { requestImport } from './import-request';

/**
 * /下发 [截止时间]: a list pushed from above (contacts, 时空伴随, returnees) sent to the villages
 * to check the same day ("日推日清", 001 篇二 §7): the lead (or the 流调溯源 task force's group)
 * sends the file, then /下发 (or replies /下发 to it); the preview says who goes to which
 * village, and 下发 sends each village its 待核查 card.
 */
export const push = defineCommand({
  name: 'push',
  aliases: ['下发', '下发名单', '推送名单'],
  effect: 'changes',
  audience: 'lead',
  async run(ctx, argText) {
    if (!canPushList(ctx.actor)) throw new UserError(pushText.noPermission);
    const word = toHalfWidth(argText).replace(/^截止\s*/, '').replace(/前$/, '').trim();
    let deadline: Date | null = null;
    if (word !== '') {
      const hhmm = readTimeOfDay(word);
      if (!hhmm) throw new UserError(pushText.badDeadline(argText.trim()));
      deadline = deadlineOn(ctx.today, hhmm, ctx.timeZone);
      if (deadline <= ctx.now) throw new UserError(pushText.deadlinePassed(hhmm));
    }
    // A list from above names people of every village: it is placed township-wide.
    await requestImport(ctx, { kind: 'push', boundVillageId: null, allowedVillageIds: null, pushDeadline: deadline, texts: pushText });
  },
});

/** 18:00, 18点, 18时, 18:30 → "18:00"; 24:00 and 24点 are the day's end. */
function readTimeOfDay(word: string): string | null {
  const m = /^(\d{1,2})(?:[:：](\d{2})|[点时](?:(\d{1,2})分?)?)$/.exec(word);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2] ?? m[3] ?? 0);
  if (h === 24 && mi === 0) return '24:00';
  if (h > 23 || mi > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}
