import { type IsoDate, parseDateToken, toHalfWidth } from './dates';
import type { CaseStatus } from './lifecycle';
import { type Category, findCategory, type Policy } from './policy';
import { scrubText } from './mask';
import { readPhone } from './field-readers';
import { matchVillage } from './village-match';

/**
 * Arguments of the lifecycle commands (after the case number), read from the words typed.
 * Each parser returns the value or an error code the reply explains; nothing here knows Lark.
 */
export type Parsed<T, E extends string> = { ok: true; value: T } | { ok: false; error: E; word?: string };

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = <E extends string>(error: E, word?: string) => ({ ok: false as const, error, word });
const norm = (w: string) => toHalfWidth(w).trim();
/**
 * Free text (a reason, a note, a place) is echoed in the group and kept in the trail /记录
 * shows there, so an ID or phone number typed into it is masked before it is kept.
 */
const freeText = (words: string[]) => scrubText(words.map(norm).filter(Boolean).join(' ')) || null;

export type TransferDestination = 'central' | 'hospital';
/** The words for where a transfer goes (/转运, /转运申请). */
export const DESTINATION_WORDS: Record<string, TransferDestination> = {
  集中隔离: 'central',
  集中: 'central',
  隔离点: 'central',
  集中隔离点: 'central',
  医院: 'hospital',
  定点医院: 'hospital',
  定点医疗机构: 'hospital',
  住院: 'hospital',
};

/** /transfer #12 集中隔离|医院 [地点] [原因] */
export function parseTransferArgs(words: string[]): Parsed<{ destination: TransferDestination; place: string | null; reason: string | null }, 'no_destination' | 'bad_destination'> {
  const [first, place, ...reason] = words.map(norm);
  if (!first) return fail('no_destination');
  const destination = DESTINATION_WORDS[first];
  if (!destination) return fail('bad_destination', first);
  return ok({ destination, place: freeText(place ? [place] : []), reason: freeText(reason) });
}

export const CLOSE_REASONS = ['迁出', '误登记', '死亡', '其他'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
const CLOSE_WORDS: Record<string, CloseReason> = {
  迁出: '迁出',
  迁走: '迁出',
  搬走: '迁出',
  误登记: '误登记',
  登记错误: '误登记',
  错误登记: '误登记',
  登错: '误登记',
  死亡: '死亡',
  去世: '死亡',
  其他: '其他',
  其它: '其他',
};

/** /close #12 迁出|误登记|死亡|其他 说明 — 其他 must say what. */
export function parseCloseArgs(words: string[]): Parsed<{ reason: CloseReason; note: string | null }, 'no_reason' | 'bad_reason' | 'other_needs_note'> {
  const [first, ...rest] = words.map(norm);
  if (!first) return fail('no_reason');
  const reason = CLOSE_WORDS[first];
  if (!reason) return fail('bad_reason', first);
  const note = freeText(rest);
  if (reason === '其他' && !note) return fail('other_needs_note');
  return ok({ reason, note });
}

/** /extend #12 3 原因 — whole days, within what the policy still allows; the reason is audited. */
export function parseExtendArgs(
  words: string[],
  input: { alreadyExtended: number; policy: Policy },
): Parsed<{ days: number; reason: string }, 'no_days' | 'bad_days' | 'too_many_days' | 'no_reason'> {
  const [first, ...rest] = words.map(norm);
  if (!first) return fail('no_days');
  const m = /^(\d{1,3})天?$/.exec(first);
  if (!m) return fail('bad_days', first);
  const days = Number(m[1]);
  if (days < 1) return fail('bad_days', first);
  if (input.alreadyExtended + days > input.policy.lifecycle.maxExtensionDays) return fail('too_many_days');
  const reason = freeText(rest);
  if (!reason) return fail('no_reason');
  return ok({ days, reason });
}

export type EditField = 'phone' | 'address';
const FIELD_WORDS: Record<string, EditField> = { 手机: 'phone', 手机号: 'phone', 电话: 'phone', 联系电话: 'phone', 地址: 'address', 住址: 'address' };
const MAX_ADDRESS_CHARS = 60;

/** /edit #12 手机 13800000000 | /edit #12 地址 东风村三组12号 */
export function parseEditArgs(words: string[]): Parsed<{ field: EditField; value: string; note: string | null }, 'no_field' | 'bad_field' | 'no_value' | 'bad_phone' | 'address_too_long'> {
  const [first, ...rest] = words.map(norm);
  if (!first) return fail('no_field');
  const field = FIELD_WORDS[first];
  if (!field) return fail('bad_field', first);
  // The address and phone are stored as typed (the phone sealed); neither is echoed or audited whole.
  const value = rest.map(norm).filter(Boolean).join(' ') || null;
  if (!value) return fail('no_value');
  if (field === 'phone') {
    const phone = readPhone(value.replace(/\s+/g, ''));
    return phone?.kind === 'phone' ? ok({ field, value: phone.phone, note: phone.note }) : fail('bad_phone');
  }
  if (Array.from(value).length > MAX_ADDRESS_CHARS) return fail('address_too_long');
  return ok({ field, value, note: null });
}

/** /release #12, or /release #12 强制 原因 (a lead overriding the rules, with the reason). */
export function parseReleaseArgs(words: string[]): Parsed<{ force: false } | { force: true; reason: string }, 'force_needs_reason' | 'unexpected'> {
  const [first, ...rest] = words.map(norm);
  if (!first) return ok({ force: false });
  if (first !== '强制') return fail('unexpected', first);
  const reason = freeText(rest);
  return reason ? ok({ force: true, reason }) : fail('force_needs_reason');
}

/** /change #12 居家隔离 */
export function parseChangeArgs(words: string[], policy: Policy): Parsed<{ category: Category }, 'no_category' | 'bad_category'> {
  const [first] = words.map(norm);
  if (!first) return fail('no_category');
  const category = findCategory(policy, first);
  return category ? ok({ category }) : fail('bad_category', first);
}

/** /return #12 [类别] [开始日期] — the new period starts today unless a date is given. */
export function parseReturnArgs(
  words: string[],
  input: { policy: Policy; today: IsoDate },
): Parsed<{ category: Category | null; startDate: IsoDate }, 'bad_word' | 'bad_date' | 'future_date'> {
  let category: Category | null = null;
  let startDate = input.today;
  for (const word of words.map(norm).filter(Boolean)) {
    const date = parseDateToken(word, input.today);
    if (date) {
      if (!date.ok) return fail('bad_date', word);
      if (date.date > input.today) return fail('future_date', word);
      startDate = date.date;
      continue;
    }
    const found = findCategory(input.policy, word);
    if (!found) return fail('bad_word', word);
    category = found;
  }
  return ok({ category, startDate });
}

export type StatusFilter = CaseStatus | 'all';
const STATUS_WORDS: Record<string, StatusFilter> = {
  在管: 'active',
  管控中: 'active',
  在控: 'active',
  已解除: 'released',
  解除: 'released',
  已转运: 'transferred',
  转运: 'transferred',
  已关闭: 'closed',
  关闭: 'closed',
  全部: 'all',
  所有: 'all',
};

export interface ListFilter {
  village: string | null;
  category: Category | null;
  status: StatusFilter;
  page: number;
}

const PAGE_WORD = /^(?:第|p|P)?(\d{1,4})页?$/;

/** 第2页, 2页, p2, 2 → 2; null when the word is not a page number. */
export function pageNumber(word: string): number | null {
  const m = PAGE_WORD.exec(norm(word));
  return m ? Number(m[1]) : null;
}

/** /list [村] [类别] [状态] [第2页] in any order; by default the active cases, first page. */
export function parseListArgs(words: string[], input: { policy: Policy; villageNames: string[] }): Parsed<ListFilter, 'bad_word' | 'bad_page'> {
  const filter: ListFilter = { village: null, category: null, status: 'active', page: 1 };
  for (const word of words.map(norm).filter(Boolean)) {
    const page = pageNumber(word);
    if (page !== null) {
      if (page < 1) return fail('bad_page', word);
      filter.page = page;
      continue;
    }
    const status = STATUS_WORDS[word];
    if (status) {
      filter.status = status;
      continue;
    }
    const category = findCategory(input.policy, word);
    if (category) {
      filter.category = category;
      continue;
    }
    const village = matchVillage(word, input.villageNames);
    if (village.kind === 'exact') {
      filter.village = village.name;
      continue;
    }
    return fail('bad_word', word);
  }
  return ok(filter);
}
