/** A calendar date 'YYYY-MM-DD'. Never a Date: a date has no time zone, an instant does. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

/**
 * Full-width ASCII (digits, letters, punctuation typed with a Chinese IME) to half-width,
 * ideographic space to a plain space. Shared by every parser that reads what people type.
 */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

// Date.UTC maps years 0..99 to 19xx; setUTCFullYear does not.
function utcMs(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime();
}

function fromMs(ms: number): IsoDate {
  const t = new Date(ms);
  const y = String(t.getUTCFullYear()).padStart(4, '0');
  const m = String(t.getUTCMonth() + 1).padStart(2, '0');
  const d = String(t.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function isoParts(d: IsoDate): [number, number, number] {
  if (!isValidIsoDate(d)) throw new RangeError(`not a valid date: ${JSON.stringify(d)}`);
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

/** Builds a date from numbers, or null when they do not name a real day (e.g. Feb 30). */
export function makeDate(y: number, m: number, d: number): IsoDate | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const iso = fromMs(utcMs(y, m, d));
  // Overflowing days roll into the next month, so a round trip exposes them.
  return Number(iso.slice(5, 7)) === m && Number(iso.slice(8, 10)) === d ? iso : null;
}

export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && makeDate(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  const [y, m, day] = isoParts(d);
  return fromMs(utcMs(y, m, day) + n * DAY_MS);
}

/** b - a in whole days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const [ay, am, ad] = isoParts(a);
  const [by, bm, bd] = isoParts(b);
  return Math.round((utcMs(by, bm, bd) - utcMs(ay, am, ad)) / DAY_MS);
}

export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function wallClock(timeZone: string, instant: Date): WallClock {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { y: out.year ?? 0, mo: out.month ?? 0, d: out.day ?? 0, h: (out.hour ?? 0) % 24, mi: out.minute ?? 0, s: out.second ?? 0 };
}

export function localTimeIn(timeZone: string, now: Date): { date: IsoDate; hour: number; minute: number } {
  const w = wallClock(timeZone, now);
  const date = makeDate(w.y, w.mo, w.d);
  if (!date) throw new RangeError(`cannot read the date in ${timeZone}`);
  return { date, hour: w.h, minute: w.mi };
}

export function todayIn(timeZone: string, now: Date): IsoDate {
  return localTimeIn(timeZone, now).date;
}

// Zone offsets change only on quarter hours (of UTC) in any current zone, and reading one
// through Intl is slow: planning a case's duties needs hundreds.
const QUARTER_HOUR_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

/** Zone offset (wall clock minus UTC) in ms at an instant. */
function offsetAt(timeZone: string, ms: number): number {
  const key = `${timeZone} ${Math.floor(ms / QUARTER_HOUR_MS)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const start = Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const w = wallClock(timeZone, new Date(start));
  const offset = utcMs(w.y, w.mo, w.d) + ((w.h * 60 + w.mi) * 60 + w.s) * 1000 - start;
  if (offsetCache.size >= 100_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/**
 * The instant at which clocks in `timeZone` show `date` `hhmm`. Around DST changes it
 * behaves like Temporal's "compatible": a repeated time gives the earlier instant, a
 * skipped time is pushed forward by the gap (02:30 that never happens becomes 03:30).
 */
export function zonedDateTimeToInstant(date: IsoDate, hhmm: string, timeZone: string): Date {
  const t = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  const h = Number(t?.[1]);
  const mi = Number(t?.[2]);
  if (!t || h > 23 || mi > 59) throw new RangeError(`not a time of day: ${JSON.stringify(hhmm)}`);
  const [y, m, d] = isoParts(date);
  const wall = utcMs(y, m, d) + (h * 60 + mi) * 60_000;

  // Offsets a day either side bracket any single transition near the wall time.
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  const candidates = [...new Set([before, after])]
    .map((off) => wall - off)
    .filter((ms) => ms + offsetAt(timeZone, ms) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  if (before !== after) return new Date(wall - before); // skipped by a forward jump
  // Offset changed twice within two days (rare historical zones): iterate to a fixpoint.
  let ms = wall - before;
  for (let i = 0; i < 4; i++) ms = wall - offsetAt(timeZone, ms);
  return new Date(ms);
}

const RELATIVE_DAYS: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2, 明天: 1, 明日: 1, 后天: 2 };

/** A date without a year means the most recent such day, unless that is more than half a year away. */
function inferYear(m: number, d: number, today: IsoDate): number {
  const [ty] = isoParts(today);
  // Feb 29 in a non-leap year rolls to Mar 1 here; close enough for choosing a year.
  const ahead = (utcMs(ty, m, d) - utcMs(...isoParts(today))) / DAY_MS;
  return ahead > 183 ? ty - 1 : ty;
}

/**
 * Reads a date as people type it. null: not a date at all; {ok:false}: date-shaped but no
 * such day. Future dates are accepted; whether they make sense is the caller's call.
 */
export function parseDateToken(token: string, today: IsoDate): { ok: true; date: IsoDate } | { ok: false } | null {
  const s = toHalfWidth(token).trim();
  const rel = RELATIVE_DAYS[s];
  if (rel !== undefined) return { ok: true, date: addDays(today, rel) };

  let y: number | null = null;
  let m: number;
  let d: number;
  const full =
    /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(s) ?? /^(\d{4})(年)(\d{1,2})月(\d{1,2})[日号]?$/.exec(s);
  // "12.1" and "12.01" are how many people type 12月1日 on a phone; "37.5" is no month.
  const dotted = /^(\d{1,2})\.(\d{1,2})$/.exec(s);
  const short = /^(\d{1,2})月(\d{1,2})[日号]?$/.exec(s) ?? /^(\d{1,2})[-/](\d{1,2})$/.exec(s) ?? (dotted && Number(dotted[1]) <= 12 ? dotted : null);
  if (full) {
    y = Number(full[1]);
    m = Number(full[3]);
    d = Number(full[4]);
  } else if (short) {
    m = Number(short[1]);
    d = Number(short[2]);
  } else {
    return null;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return { ok: false };
  const date = makeDate(y ?? inferYear(m, d, today), m, d);
  return date ? { ok: true, date } : { ok: false };
}
