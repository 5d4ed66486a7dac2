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

/** The command name closest to a mistyped one (/regster → register), if any is close. */
export function closestCommand(commands: readonly CommandDefinition[], word: string): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const c of commands) {
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
