import { findTeamPart, type Policy } from './policy';

/** A team as stored: who holds which part. */
export interface TeamMember {
  part: string;
  openId: string;
}

export interface MentionedPerson {
  key: string;
  openId: string;
}

export type TeamWords =
  | { ok: true; assign: TeamMember[]; removeParts: string[]; removePeople: string[]; rest: string[] }
  | { ok: false; error: 'part_unknown_for'; mentionKey: string } | { ok: false; error: 'dangling_part'; word: string };

/**
 * Reads who takes which part from the words of /登记 or /包保: a part word before @-mentions
 * gives them that part (村干部 @李四 @王五); an @-mention alone takes the part its holder's role
 * implies (a granted doctor is the 村医); -民警 removes a part, -@赵六 a person. Other words are
 * handed back in `rest` for the command's own reading.
 */
export function readTeamWords(input: { words: string[]; mentions: MentionedPerson[]; policy: Policy; partOfRole: (openId: string) => string | null }): TeamWords {
  const byKey = new Map(input.mentions.map((m) => [m.key, m.openId]));
  const assign: TeamMember[] = [];
  const removeParts: string[] = [];
  const removePeople: string[] = [];
  const rest: string[] = [];
  let part: string | null = null;
  let partWord = '';
  let usedPart = false;
  for (const w of input.words) {
    const removal = /^[-－]/.test(w) ? w.slice(1) : null;
    if (removal !== null && byKey.has(removal)) {
      removePeople.push(byKey.get(removal)!);
      continue;
    }
    const removedPart = removal !== null ? findTeamPart(input.policy, removal) : null;
    if (removedPart) {
      removeParts.push(removedPart.key);
      continue;
    }
    const openId = byKey.get(w);
    if (openId) {
      const p = part ?? input.partOfRole(openId);
      if (!p) return { ok: false, error: 'part_unknown_for', mentionKey: w };
      assign.push({ part: p, openId });
      usedPart = part !== null;
      continue;
    }
    const named = findTeamPart(input.policy, w);
    if (named) {
      if (part !== null && !usedPart) return { ok: false, error: 'dangling_part', word: partWord };
      part = named.key;
      partWord = w;
      usedPart = false;
      continue;
    }
    if (part !== null && !usedPart) return { ok: false, error: 'dangling_part', word: partWord };
    part = null;
    rest.push(w);
  }
  if (part !== null && !usedPart) return { ok: false, error: 'dangling_part', word: partWord };
  return { ok: true, assign, removeParts, removePeople, rest };
}

/** The required parts (category.teamRequired) nobody holds. */
export function missingParts(required: readonly string[], team: readonly TeamMember[]): string[] {
  return required.filter((p) => !team.some((m) => m.part === p));
}

/**
 * A case's team after an edit: parts assigned replace their holders, removals go, and what
 * is left of a village's standing team fills the parts nobody named.
 */
export function teamAfter(input: { current: TeamMember[]; assign: TeamMember[]; removeParts: string[]; removePeople: string[]; defaults?: TeamMember[] }): TeamMember[] {
  const assignedParts = new Set(input.assign.map((m) => m.part));
  const kept = input.current.filter((m) => !assignedParts.has(m.part) && !input.removeParts.includes(m.part) && !input.removePeople.includes(m.openId));
  const team = [...kept, ...input.assign.filter((m, i, all) => all.findIndex((o) => o.part === m.part && o.openId === m.openId) === i)];
  const filled = new Set(team.map((m) => m.part));
  return [...team, ...(input.defaults ?? []).filter((m) => !filled.has(m.part))];
}
