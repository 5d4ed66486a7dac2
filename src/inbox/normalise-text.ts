/**
 * Edge normalisation of everything a user can type into a delivery: message text, file
 * names, card callback values and form fields. Postgres refuses U+0000 in text and jsonb,
 * and a lone surrogate cannot be encoded as UTF-8, so either one used to fail every write
 * of the delivery that carried it (issue 11, finding 1). Bidi overrides and isolates are
 * removed so an echoed name or address cannot be shown reversed (Trojan-Source style).
 */

// C0 controls except \t (09) and \n (0A); DEL and the C1 range; bidi embeddings,
// overrides and isolates; the left-to-right/right-to-left/Arabic letter marks.
const UNWANTED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One string: CR/CRLF become \n, then unwanted controls and lone surrogates are dropped. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNWANTED, '').replace(LONE_SURROGATE, '');
}

/**
 * A whole delivery payload, keys and values. A message's `content` is itself JSON
 * ({"text": …}, {"file_name": …}) whose escapes (`\u0000`) only become characters once
 * parsed, so a `content` string holding a JSON object is normalised inside and serialised
 * again.
 */
export function normaliseDelivery<T>(value: T): T {
  return normaliseValue(value, '') as T;
}

function normaliseValue(value: unknown, key: string): unknown {
  if (typeof value === 'string') return key === 'content' ? normaliseContent(value) : normaliseText(value);
  if (Array.isArray(value)) return value.map((v) => normaliseValue(v, ''));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [normaliseText(k), normaliseValue(v, k)]));
  }
  return value;
}

function normaliseContent(value: string): string {
  const inner = parseJson(value);
  return inner !== null && typeof inner === 'object' ? JSON.stringify(normaliseValue(inner, '')) : normaliseText(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
