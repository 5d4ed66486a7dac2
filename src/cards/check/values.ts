/**
 * Checks for property values of Card JSON 2.0, each written from the component pages of
 * Lark's documentation (open.larksuite.com/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/
 * card-json-v2-components/…). A check reports what is wrong; it never fixes a value.
 */

export type ViolationKind =
  /** The JSON does not describe a 2.0 card: Lark answers 230099 with sub-code 200621. */
  | 'format'
  /** A 1.0 module that 2.0 removed (action, note): sub-code 200861. */
  | 'deprecated'
  /** Over a count limit (200 elements, 5 tables): sub-code 11310. */
  | 'limit'
  /** Over 30 KB: 230025. */
  | 'size';

export interface CardViolation {
  /** Where in the card, e.g. `body.elements[3].columns[1].elements[0].text`. */
  path: string;
  rule: string;
  kind: ViolationKind;
}

export type Report = (path: string, rule: string, kind?: ViolationKind) => void;

/** Checks one value at `path`; a nested object checks its own properties. */
export type Check = (value: unknown, path: string, report: Report) => void;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const string: Check = (v, path, report) => {
  if (typeof v !== 'string') report(path, 'must be a string');
};

export const object: Check = (v, path, report) => {
  if (!isObject(v)) report(path, 'must be an object');
};

export const boolean: Check = (v, path, report) => {
  if (typeof v !== 'boolean') report(path, 'must be true or false');
};

export const integer = (min: number, max: number): Check => (v, path, report) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) report(path, `must be an integer in [${min}, ${max}]`);
};

export const number = (min: number, max: number): Check => (v, path, report) => {
  if (typeof v !== 'number' || v < min || v > max) report(path, `must be a number in [${min}, ${max}]`);
};

export const oneOf = (...values: (string | number)[]): Check => (v, path, report) => {
  if (!values.includes(v as string | number)) report(path, `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
};

/** `"8px"` with the number in [min, max]. */
const pixelsIn = (s: string, min: number, max: number) => {
  const m = /^(-?\d+)px$/.exec(s);
  return m !== null && Number(m[1]) >= min && Number(m[1]) <= max;
};

/** A string that is one of `words` or `[min,max]px`. */
export const wordOrPixels = (words: string[], min: number, max: number): Check => (v, path, report) => {
  if (typeof v !== 'string' || !(words.includes(v) || pixelsIn(v, min, max))) {
    report(path, `must be ${words.map((w) => JSON.stringify(w)).join(', ')}${words.length ? ' or ' : ''}[${min},${max}]px`);
  }
};

/** horizontal_spacing / vertical_spacing: "small"(4px) "medium"(8px) "large"(12px) "extra_large"(16px) or [0,99]px. */
export const spacing = wordOrPixels(['small', 'medium', 'large', 'extra_large'], 0, 99);

/** margin ([-99,99]px) and padding ([0,99]px): one to four space-separated values; 0 may go without unit. */
export const edges = (min: number): Check => (v, path, report) => {
  const parts = typeof v === 'string' ? v.trim().split(/\s+/) : [];
  const ok = parts.length >= 1 && parts.length <= 4 && parts.every((p) => p === '0' || pixelsIn(p, min, 99));
  if (!ok) report(path, `must be 1–4 values in [${min},99]px, e.g. "4px 0"`);
};
export const margin = edges(-99);
export const padding = edges(0);

export const horizontalAlign = oneOf('left', 'center', 'right');
export const verticalAlign = oneOf('top', 'center', 'bottom');
export const direction = oneOf('vertical', 'horizontal');

/** Text sizes of the plain-text and rich-text pages (a custom name from config.style also passes). */
export const textSize: Check = (v, path, report) => {
  if (typeof v === 'string' && v.startsWith('cus-')) return;
  oneOf(
    'heading-0', 'heading-1', 'heading-2', 'heading-3', 'heading-4', 'heading', 'normal', 'notation',
    'xxxx-large', 'xxx-large', 'xx-large', 'x-large', 'large', 'medium', 'small', 'x-small',
  )(v, path, report);
};

/** An object with exactly these properties (the required ones present); 2.0 rejects any other. */
export function shape(props: Record<string, Check>, required: string[] = []): Check {
  return (v, path, report) => {
    if (!isObject(v)) return report(path, 'must be an object');
    checkProperties(v, path, report, props, required);
  };
}

export function checkProperties(v: Record<string, unknown>, path: string, report: Report, props: Record<string, Check>, required: string[]): void {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of required) if (!(key in v)) report(at(key), 'is required');
  for (const [key, value] of Object.entries(v)) {
    const check = props[key];
    if (!check) report(at(key), 'unknown property (Card JSON 2.0 rejects properties it does not know)');
    else check(value, at(key), report);
  }
}

export const arrayOf = (item: Check, max = Infinity): Check => (v, path, report) => {
  if (!Array.isArray(v)) return report(path, 'must be an array');
  if (v.length > max) report(path, `holds at most ${max} items`);
  v.forEach((x, i) => item(x, `${path}[${i}]`, report));
};

/** A text object; `tags` it may carry, and at most `maxChars` characters where the page gives a cap. */
export function text(tags: string[], opts: { maxChars?: number; extra?: Record<string, Check> } = {}): Check {
  const inner = shape({ tag: oneOf(...tags), content: string, element_id: string, ...opts.extra }, ['tag']);
  return (v, path, report) => {
    inner(v, path, report);
    const content = isObject(v) ? v.content : undefined;
    if (opts.maxChars !== undefined && typeof content === 'string' && Array.from(content).length > opts.maxChars) {
      report(`${path}.content`, `holds at most ${opts.maxChars} characters`);
    }
  };
}

export const plainText = text(['plain_text']);

export const icon = shape(
  { tag: oneOf('standard_icon', 'custom_icon'), token: string, color: string, img_key: string, element_id: string },
  ['tag'],
);

/** The confirm dialog of buttons, inputs, selects and containers: title and text both required. */
export const confirm = shape({ title: plainText, text: plainText }, ['title', 'text']);

export const url = string;

/** behaviors: a callback carries an object value (the Node SDK takes objects only); open_url needs default_url. */
const behavior: Check = (v, path, report) => {
  if (!isObject(v)) return report(path, 'must be an object');
  if (v.type === 'callback') {
    checkProperties(v, path, report, { type: string, value: object }, ['value']);
  } else if (v.type === 'open_url') {
    checkProperties(v, path, report, { type: string, default_url: url, pc_url: url, ios_url: url, android_url: url }, ['default_url']);
  } else {
    report(`${path}.type`, 'must be "callback" or "open_url"');
  }
};
export const behaviors = arrayOf(behavior);

/** Column and column-set click action: only a multi_url jump. */
export const jumpAction = shape({ multi_url: shape({ url, pc_url: url, ios_url: url, android_url: url }) }, ['multi_url']);

/** Colours are an open list (enumerations page plus RGBA from config.style); a string is all we check. */
export const color = string;
