import type { CommandDefinition } from '../../commands/define-command';

/**
 * The command a word names. Phone keyboards often swallow the space ("/登记张三 …"), so a
 * word that starts with a command name also counts, and the rest of it is the first argument.
 */
export function findCommand(
  commands: readonly CommandDefinition[],
  word: string,
): { command: CommandDefinition; rest: string } | undefined {
  const w = word.toLowerCase();
  let best: { command: CommandDefinition; rest: string; length: number } | undefined;
  for (const command of commands) {
    for (const name of [command.name, ...command.aliases]) {
      if (w === name) return { command, rest: '' };
      const rest = w.slice(name.length);
      const glued = name.length >= 2 && w.startsWith(name) && !/^[a-z]/.test(rest);
      if (glued && (!best || name.length > best.length)) best = { command, rest: word.slice(name.length), length: name.length };
    }
  }
  return best && { command: best.command, rest: best.rest };
}

/**
 * The command closest to a mistyped word (/lsit → list), among the commands that only read:
 * a guess must never point someone at a change they did not ask for (/删除 is one letter from
 * /解除, a release).
 */
export function closestCommand(commands: readonly CommandDefinition[], word: string): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const c of commands.filter((x) => x.effect === 'reads')) {
    for (const candidate of [c.name, ...c.aliases]) {
      const d = editDistance(word.toLowerCase(), candidate);
      const allowed = candidate.length <= 3 ? 1 : 2;
      if (d <= allowed && (!best || d < best.distance)) best = { name: candidate, distance: d };
    }
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * Words people type for an undo that is not a command: a wrong registration is closed with
 * 误登记 (the record stays, the work stops); a wrong phone or address is edited.
 */
const UNDO_WORDS = new Set(['删除', '删掉', '删', '撤销', '撤回', '取消', '作废', '移除', '注销', 'delete', 'del', 'undo', 'remove', 'cancel']);

/** What an unknown command word was probably meant to do, when it is a known wish with its own answer. */
export function commandIntent(word: string): 'undo' | null {
  const w = word.toLowerCase();
  // "/删除#1", "/撤销登记": a Chinese word glued to what follows it.
  const glued = [...UNDO_WORDS].some((u) => /\p{Script=Han}/u.test(u) && u.length >= 2 && w.startsWith(u));
  return UNDO_WORDS.has(w) || glued ? 'undo' : null;
}
