import { toHalfWidth } from './dates';
import type { Policy } from './policy';

/** Recorded for a word the policy does not list: 其他（原文）. */
export const OTHER_SYMPTOM = '其他';

const NONE_WORDS = new Set(['无', '无症状', '没有', '正常']);

/** How a typed symptom word is recorded: a policy symptom, or 其他 with the original text; null for "none". */
export type SymptomReading = { kind: 'none' } | { kind: 'known'; recorded: string } | { kind: 'other'; recorded: string; typed: string };

const normalize = (w: string) => toHalfWidth(w).trim().toLowerCase();

/**
 * Reads one symptom word (000 篇二, 004 篇四: 发热、咳嗽、胸闷、气促 …): a policy name or one
 * of its everyday words, else recorded as 其他（原文） — never refused, a doctor at the door
 * writes what they see.
 */
export function readSymptom(policy: Policy, word: string): SymptomReading {
  const key = normalize(word);
  if (!key || NONE_WORDS.has(key)) return { kind: 'none' };
  if (key === normalize(OTHER_SYMPTOM)) return { kind: 'known', recorded: OTHER_SYMPTOM };
  const found = policy.symptoms.find((s) => normalize(s.name) === key || s.aliases.some((a) => normalize(a) === key));
  if (found) return { kind: 'known', recorded: found.name };
  const typed = word.trim();
  return { kind: 'other', recorded: `${OTHER_SYMPTOM}（${typed}）`, typed };
}

/** The check boxes of the temperature card: the policy's symptoms, then 其他. */
export function symptomChoices(policy: Policy): string[] {
  return [...policy.symptoms.map((s) => s.name), OTHER_SYMPTOM];
}

/** Any symptom recorded (none-words excluded) makes a reading abnormal. */
export function hasSymptom(recorded: string[]): boolean {
  return recorded.some((s) => normalize(s) !== '' && !NONE_WORDS.has(normalize(s)));
}
