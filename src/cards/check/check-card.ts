import { COMPONENTS, CONTAINERS, REMOVED_IN_2_0 } from './components';
import {
  arrayOf, boolean, type CardViolation, checkProperties, type Check, color, direction, horizontalAlign, icon, isObject, object, oneOf,
  padding, type Report, shape, spacing, string, text, url, verticalAlign, type ViolationKind,
} from './values';

export type { CardViolation, ViolationKind } from './values';

/**
 * The strict Card JSON 2.0 check: every card we send, patch or return from a callback passes
 * it, and the fake Lark refuses one that does not. Written from Lark's pages "卡片 JSON 2.0 结构"
 * (card-json-v2-structure), "组件概述" and each component page (see components.ts), with the
 * limits verified in /work/shared/LARK.md §7.1a.
 */
export const MAX_CARD_ELEMENTS = 200;
export const MAX_CARD_BYTES = 30 * 1024;
const MAX_NESTING = 5;
const MAX_TABLES = 5;
const ELEMENT_ID = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;
// Lark's own keys whose values are not card structure: a VChart spec, a callback's value, table rows.
const OPAQUE = new Set(['chart_spec', 'value', 'rows']);

/**
 * "一张卡片最多支持 200 个元素（如 tag 为 plain_text 的文本元素）或组件" (structure page): every
 * object with a tag counts — components, columns, text objects, header texts, icons. Counting
 * the header too is on the safe side: Lark does not say whether it counts.
 */
export function cardElementCount(card: unknown): number {
  let n = 0;
  eachTagged(card, '', () => (n += 1));
  return n;
}

// receive_id, msg_type, uuid and their keys around the content in a send request.
const REQUEST_ENVELOPE_BYTES = 200;

/**
 * "卡片及富文本消息请求体最大不能超过 30 KB" (send-message page): the request body, where the card
 * travels as an escaped JSON string, with room for the fields around it.
 */
export function cardRequestBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(JSON.stringify(card))) + REQUEST_ENVELOPE_BYTES;
}

/** Within the two budgets a page size is derived from (200 elements, 30 KB). */
export function withinBudget(card: unknown): boolean {
  return cardElementCount(card) <= MAX_CARD_ELEMENTS && cardRequestBytes(card) <= MAX_CARD_BYTES;
}

/** Every way `card` breaks Card JSON 2.0 as Lark enforces it, each with its path; [] when Lark accepts it. */
export function checkCard(card: unknown): CardViolation[] {
  const violations: CardViolation[] = [];
  const report: Report = (path, rule, kind: ViolationKind = 'format') => violations.push({ path, rule, kind });
  if (!isObject(card)) {
    report('', 'a card is a JSON object');
    return violations;
  }
  checkRoot(card, report);
  const body = card.body;
  if (isObject(body) && Array.isArray(body.elements)) {
    const walk: Walk = { report, names: new Map(), tables: 0 };
    body.elements.forEach((e, i) => checkElement(e, `body.elements[${i}]`, 'body', 0, null, walk));
    if (walk.tables > MAX_TABLES) report('body.elements', `at most ${MAX_TABLES} tables in a card (there are ${walk.tables})`, 'limit');
  }
  checkElementIds(card, report);
  const count = cardElementCount(card);
  if (count > MAX_CARD_ELEMENTS) report('', `at most ${MAX_CARD_ELEMENTS} elements, text elements included (there are ${count})`, 'limit');
  const bytes = cardRequestBytes(card);
  if (bytes > MAX_CARD_BYTES) report('', `a request of at most ${MAX_CARD_BYTES} bytes (this card makes ${bytes})`, 'size');
  return violations;
}

const templates = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default'];
const ROOT: Record<string, Check> = {
  // 1.0 is the default without it; we send Card JSON 2.0 only.
  schema: oneOf('2.0'),
  config: shape({
    streaming_mode: boolean,
    streaming_config: shape({ print_frequency_ms: object, print_step: object, print_strategy: oneOf('fast', 'delay') }),
    summary: shape({ content: string, i18n_content: object }),
    locales: arrayOf(string),
    enable_forward: boolean,
    update_multi: boolean,
    width_mode: oneOf('default', 'compact', 'fill'),
    use_custom_translation: boolean,
    enable_forward_interaction: boolean,
    style: shape({ text_size: object, color: object }),
  }),
  card_link: shape({ url, pc_url: url, ios_url: url, android_url: url }),
  header: shape(
    {
      title: text(['plain_text', 'lark_md']),
      subtitle: text(['plain_text', 'lark_md']),
      text_tag_list: arrayOf(shape({ tag: oneOf('text_tag'), element_id: string, text: text(['plain_text']), color }, ['tag'])),
      i18n_text_tag_list: object,
      template: oneOf(...templates),
      icon,
      padding,
    },
    ['title'],
  ),
  body: shape(
    {
      direction, padding, horizontal_spacing: spacing, horizontal_align: horizontalAlign, vertical_spacing: spacing, vertical_align: verticalAlign,
      elements: (v, path, report) => (Array.isArray(v) ? undefined : report(path, 'must be an array of components')),
    },
    ['elements'],
  ),
};

function checkRoot(card: Record<string, unknown>, report: Report): void {
  checkProperties(card, '', report, ROOT, ['schema', 'body']);
  const config = isObject(card.config) ? card.config : {};
  // "JSON 2.0 暂时仅支持设为 true"; and a PATCH must state it again, or the update is not shared.
  if (config.update_multi !== true) report('config.update_multi', 'must be true: 2.0 cards are shared cards only, and every update says so');
}

type Parent = 'body' | 'column_set' | 'column' | 'form' | 'collapsible_panel' | 'interactive_container' | 'checker';
interface Walk {
  report: Report;
  /** Every `name` in the card (forms and form fields), for uniqueness. */
  names: Map<string, string>;
  tables: number;
}
interface Form {
  path: string;
  hasSubmit: boolean;
}

function placement(tag: string, parent: Parent): string | null {
  if (parent === 'column_set') return tag === 'column' ? null : 'a column_set holds only columns';
  if (tag === 'column') return "a column belongs in a column_set's columns";
  if (parent === 'checker') return tag === 'button' ? null : "a checker's button_area holds only buttons";
  if (parent !== 'body' && (tag === 'form' || tag === 'table')) return `no ${tag} inside a ${parent}: form and table sit at the card root only`;
  if (parent === 'form' && tag === 'chart') return 'no chart inside a form';
  return null;
}

function checkElement(el: unknown, path: string, parent: Parent, depth: number, form: Form | null, walk: Walk): void {
  const { report } = walk;
  if (!isObject(el) || typeof el.tag !== 'string') return report(path, 'a component is an object with a tag');
  const tag = el.tag;
  if (REMOVED_IN_2_0[tag]) return report(`${path}.tag`, REMOVED_IN_2_0[tag]!, 'deprecated');
  const spec = COMPONENTS[tag];
  if (!spec) return report(`${path}.tag`, `unknown component "${tag}"`);
  const misplaced = placement(tag, parent);
  if (misplaced) report(path, misplaced);
  checkProperties(el, path, report, spec.props, spec.required ?? []);
  checkFormRules(el, path, spec.formField === true, form, walk);
  if (tag === 'table') walk.tables += 1;
  if (tag === 'table') checkTableRows(el, path, report);
  if (tag === 'select_static' || tag === 'multi_select_static') checkOptionValues(el, path, report);

  const level = CONTAINERS.has(tag) ? depth + 1 : depth;
  if (CONTAINERS.has(tag) && level > MAX_NESTING) report(path, `containers nest at most ${MAX_NESTING} levels`);
  const inner: Form | null = tag === 'form' ? { path, hasSubmit: false } : form;
  for (const key of spec.children ?? []) {
    const list = key.split('.').reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), el);
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      report(`${path}.${key}`, 'must be an array of components');
      continue;
    }
    list.forEach((child, i) => checkElement(child, `${path}.${key}[${i}]`, tag as Parent, level, inner, walk));
  }
  if (tag === 'form' && inner && !inner.hasSubmit) report(path, 'a form needs a button with form_action_type "submit"');
}

/** Form container page: fields inside a form are named, names are unique in the card, one button submits. */
function checkFormRules(el: Record<string, unknown>, path: string, isField: boolean, form: Form | null, walk: Walk): void {
  const { report } = walk;
  if (typeof el.name === 'string') {
    const first = walk.names.get(el.name);
    if (first !== undefined) report(`${path}.name`, `"${el.name}" is already the name at ${first}: names are unique in a card`);
    else walk.names.set(el.name, path);
    if (el.name === '') report(`${path}.name`, 'must not be empty');
  }
  if (form && isField && typeof el.name !== 'string') report(`${path}.name`, 'is required inside a form (Lark cannot submit an unnamed field)');
  if (form && el.tag === 'button' && el.form_action_type === 'submit') form.hasSubmit = true;
  if (!form) {
    if ('form_action_type' in el) report(`${path}.form_action_type`, 'only a button inside a form submits or resets it');
    if ('required' in el) report(`${path}.required`, 'only works inside a form (Lark refuses it elsewhere)');
    if (el.tag === 'multi_select_static') report(path, 'a multi_select_static works only inside a form');
  }
}

function checkTableRows(el: Record<string, unknown>, path: string, report: Report): void {
  if (!Array.isArray(el.columns) || !Array.isArray(el.rows)) return;
  const names = new Set(el.columns.map((c) => (isObject(c) ? c.name : undefined)));
  el.rows.forEach((row, i) => {
    if (!isObject(row)) return;
    for (const key of Object.keys(row)) if (!names.has(key)) report(`${path}.rows[${i}].${key}`, 'is not the name of a column');
  });
}

function checkOptionValues(el: Record<string, unknown>, path: string, report: Report): void {
  if (!Array.isArray(el.options)) return;
  const seen = new Set<unknown>();
  el.options.forEach((o, i) => {
    const value = isObject(o) ? o.value : undefined;
    if (seen.has(value)) report(`${path}.options[${i}].value`, 'option values are unique within a select');
    seen.add(value);
  });
}

function checkElementIds(card: unknown, report: Report): void {
  const seen = new Map<string, string>();
  eachTagged(card, '', (node, path) => {
    if (!('element_id' in node)) return;
    const id = node.element_id;
    if (typeof id !== 'string' || !ELEMENT_ID.test(id)) {
      report(`${path}.element_id`, 'letters, digits and _ only, starting with a letter, at most 20 characters');
    } else if (seen.has(id)) {
      report(`${path}.element_id`, `"${id}" is already the element_id at ${seen.get(id)}: element_ids are unique in a card`);
    } else {
      seen.set(id, path);
    }
  });
}

function eachTagged(node: unknown, path: string, visit: (node: Record<string, unknown>, path: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => eachTagged(n, `${path}[${i}]`, visit));
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.tag === 'string') visit(node, path);
  for (const [key, value] of Object.entries(node)) {
    if (!OPAQUE.has(key)) eachTagged(value, path ? `${path}.${key}` : key, visit);
  }
}
