import { toHalfWidth } from './dates';
import type { TestResult } from './duties';

/**
 * A test result as people type it and as labs print it: 阴性 / 阴性(-) / 阴 / 未检出 / negative,
 * 阳性(+) / 检出, 无效 / 样本不合格, 混管阳性 / 混采阳性 / 混阳. Compared without spaces,
 * brackets' contents, case or full-width forms.
 */
const RESULT_WORDS: Record<string, TestResult> = {
  阴性: 'negative', 阴: 'negative', 未检出: 'negative', '-': 'negative', negative: 'negative', neg: 'negative',
  阳性: 'positive', 阳: 'positive', 检出: 'positive', '+': 'positive', positive: 'positive', pos: 'positive',
  无效: 'invalid', 样本无效: 'invalid', 样本不合格: 'invalid', 不合格: 'invalid', invalid: 'invalid',
  混管阳性: 'pooled_positive', 混阳: 'pooled_positive', 混管阳: 'pooled_positive', 混采阳性: 'pooled_positive', 混检阳性: 'pooled_positive',
};

export function readTestResult(text: string): TestResult | null {
  const s = toHalfWidth(text).toLowerCase().replace(/\s/g, '');
  // 「阴性(-)」: the sign in brackets repeats the word; a bare sign is the word.
  const word = s.replace(/\(.*?\)/g, '') || s.replace(/[()]/g, '');
  return RESULT_WORDS[word] ?? null;
}
