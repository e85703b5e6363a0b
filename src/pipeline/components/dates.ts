import * as chrono from "chrono-node";
import type { AnalysisDoc, DateMention, Token } from "../doc.js";
import { parseNumberWords, parseNumeral } from "../number-words.js";
import type { Component } from "../pipeline.js";

export type DatePrecision = DateMention["precision"];

/**
 * The objects this component stores in `doc.dates`: a `DateMention` with a few extra fields
 * (extra properties are allowed at run time; read them through this interface).
 */
export interface DateDetail extends DateMention {
  /**
   * The phrase names a week, not a day ("last week", "two weeks ago", "last weekend"): `value` is
   * one day of that week and `precision` is "day"; ACLED time_precision 2.
   */
  week?: boolean;
  /** Qualifier of a month, year or decade: "early 2023", "mid-March", "the late 1990s". */
  part?: "early" | "mid" | "late";
  /** Last day/month/year of a range ("22–24 March 2024", "2014-17"), same precision as `value`. */
  endValue?: string;
  /** ISO 8601 truncated form when the year cannot be known: "--03-22", "--03". */
  partial?: string;
}

// ---------------------------------------------------------------------------------------------
// Reference dates and relative resolution (pure functions, reusable without a document).

/** A publication date, possibly partial ("2024", "2024-03"). */
export interface ReferenceDate {
  year: number;
  month?: number;
  day?: number;
}

/** Parses the date part of an ISO string ("2024-03-29", "2024-03-29T10:00:00Z", "2024-03", "2024"). */
export function parseReference(published: string | undefined): ReferenceDate | undefined {
  if (!published) return undefined;
  const m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(published);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : undefined;
  const day = m[3] ? Number(m[3]) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return { year };
  if (day !== undefined && month !== undefined && (day < 1 || day > daysInMonth(year, month)))
    return { year, month };
  return { year, ...(month ? { month } : {}), ...(day ? { day } : {}) };
}

export type RelativeUnit = "day" | "week" | "month" | "year" | "decade";

/** What a relative date phrase says, before it is anchored to a reference date. */
export type RelativeSpec =
  /** "nine years ago", "two weeks ago"; `n` absent for "several years ago". */
  | { kind: "ago"; n?: number; unit: RelativeUnit }
  /** "yesterday" (day −1), "today" (day 0), "last week" (week −1), "this month", "next year". */
  | { kind: "offset"; n: number; unit: RelativeUnit | "weekend" }
  /**
   * "Friday", "on Friday", "last Friday", "next Friday" (0 = Sunday … 6 = Saturday). `lean:
   * "future"` (the sentence speaks of the future: "will", "ahead of", ...) reads a bare weekday
   * as the next one on or after the reference.
   */
  | { kind: "weekday"; weekday: number; mode: "bare" | "last" | "this" | "next"; lean?: "future" }
  /**
   * "in January", "last March", "22 March" (no year written). `lean: "future"` reads a bare
   * month or day as the next one on or after the reference.
   */
  | { kind: "month"; month: number; day?: number; mode: "bare" | "last" | "this" | "next"; lean?: "future" };

export interface Resolution {
  value?: string;
  precision: DatePrecision;
  resolved: boolean;
  week?: boolean;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function isoDay(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

function isoMonth(y: number, m: number): string {
  return `${String(y).padStart(4, "0")}-${pad2(m)}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Adds days to a calendar date (UTC arithmetic, no time zones). */
function addDays(y: number, m: number, d: number, n: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

function dayOfWeek(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Precision a relative phrase has whether or not it can be anchored. */
export function relativePrecision(spec: RelativeSpec): DatePrecision {
  switch (spec.kind) {
    case "ago":
      return spec.unit === "week" ? "day" : spec.unit === "decade" ? "year" : spec.unit;
    case "offset":
      return spec.unit === "week" || spec.unit === "weekend" ? "day" : spec.unit;
    case "weekday":
      return "day";
    case "month":
      return spec.day ? "day" : "month";
  }
}

/**
 * Anchors a relative date to the publication date. Never uses today's date: without a reference
 * (or with one too coarse for the phrase, e.g. "yesterday" against "2024") the result has no
 * value and `resolved: false`, but still the phrase's precision.
 *
 * Conventions (news reports past events): "in January"/"22 March" is the most recent such date
 * not after publication; "on Friday" the most recent Friday on or before it; "last Friday" the
 * one strictly before, "next Friday" strictly after, "this Friday" on or after; "last March" the
 * most recent March strictly before the publication month. Weeks resolve to a day of the week
 * (`week: true`): "two weeks ago" = reference − 14 days, "last week" = reference − 7 days.
 */
export function resolveRelative(
  spec: RelativeSpec,
  reference: ReferenceDate | string | undefined,
): Resolution {
  const ref = typeof reference === "string" ? parseReference(reference) : reference;
  const precision = relativePrecision(spec);
  const isWeek =
    (spec.kind === "ago" && spec.unit === "week") ||
    (spec.kind === "offset" && (spec.unit === "week" || spec.unit === "weekend"));
  const unresolved: Resolution = { precision, resolved: false, ...(isWeek ? { week: true } : {}) };
  if (!ref) return unresolved;
  const done = (value: string): Resolution => ({
    value,
    precision,
    resolved: true,
    ...(isWeek ? { week: true } : {}),
  });
  const { year, month, day } = ref;
  switch (spec.kind) {
    case "ago": {
      if (spec.n === undefined) return unresolved;
      const n = spec.n;
      if (spec.unit === "year") return done(String(year - n));
      if (spec.unit === "decade") return done(String(year - 10 * n));
      if (month === undefined) return unresolved;
      if (spec.unit === "month") {
        const t = year * 12 + (month - 1) - n;
        return done(isoMonth(Math.floor(t / 12), (t % 12) + 1));
      }
      if (day === undefined) return unresolved;
      const [y, m, d] = addDays(year, month, day, spec.unit === "week" ? -7 * n : -n);
      return done(isoDay(y, m, d));
    }
    case "offset": {
      const n = spec.n;
      if (spec.unit === "year") return done(String(year + n));
      if (spec.unit === "decade") return done(String(Math.floor((year + 10 * n) / 10) * 10));
      if (month === undefined) return unresolved;
      if (spec.unit === "month") {
        const t = year * 12 + (month - 1) + n;
        return done(isoMonth(Math.floor(t / 12), (t % 12) + 1));
      }
      if (day === undefined) return unresolved;
      if (spec.unit === "weekend") {
        // Saturday of the weekend in question.
        const dow = dayOfWeek(year, month, day);
        const back = dow === 6 ? 0 : dow === 0 ? 1 : -1; // -1: no weekend in progress
        let delta: number;
        if (n === 0) delta = back >= 0 ? -back : 6 - dow;
        else if (n < 0) delta = back >= 0 ? -back - 7 : -(dow + 1);
        else delta = back >= 0 ? -back + 7 : 6 - dow + 7;
        const [y, m, d] = addDays(year, month, day, delta);
        return done(isoDay(y, m, d));
      }
      const [y, m, d] = addDays(year, month, day, spec.unit === "week" ? 7 * n : n);
      return done(isoDay(y, m, d));
    }
    case "weekday": {
      if (month === undefined || day === undefined) return unresolved;
      const dow = dayOfWeek(year, month, day);
      let delta: number;
      if (spec.mode === "bare" && spec.lean !== "future") delta = -((dow - spec.weekday + 7) % 7);
      else if (spec.mode === "last") delta = -((dow - spec.weekday + 7) % 7 || 7);
      else if (spec.mode === "next") delta = (spec.weekday - dow + 7) % 7 || 7;
      else delta = (spec.weekday - dow + 7) % 7;
      const [y, m, d] = addDays(year, month, day, delta);
      return done(isoDay(y, m, d));
    }
    case "month": {
      if (month === undefined) return unresolved;
      let y: number;
      if (spec.mode === "this") y = year;
      else if (spec.mode === "last") y = spec.month < month ? year : year - 1;
      else if (spec.mode === "next") y = spec.month > month ? year : year + 1;
      else if (spec.lean === "future") {
        const notBefore =
          spec.month > month ||
          (spec.month === month && (spec.day === undefined || day === undefined || spec.day >= day));
        y = notBefore ? year : year + 1;
      } else if (spec.month !== month) y = spec.month < month ? year : year - 1;
      else if (spec.day === undefined || day === undefined) y = year;
      else y = spec.day <= day ? year : year - 1;
      // A day a few weeks after publication is an announced date, not last year's ("the
      // election on 25 July" in a paper of 14 July).
      if (spec.mode === "bare" && !spec.lean && spec.day !== undefined && day !== undefined) {
        const ahead =
          (Date.UTC(y + 1, spec.month - 1, spec.day) - Date.UTC(year, month - 1, day)) / 86_400_000;
        if (ahead > 0 && ahead <= FORWARD_DAYS) y += 1;
      }
      if (spec.day === undefined) return done(isoMonth(y, spec.month));
      if (spec.day > daysInMonth(y, spec.month)) return unresolved;
      return done(isoDay(y, spec.month, spec.day));
    }
  }
}

/** How far after the publication date a yearless day ("25 July") is still read as upcoming. */
export const FORWARD_DAYS = 45;

/** ACLED `time_precision`: 1 day, 2 week, 3 month or coarser; undefined when unresolved. */
export function acledTimePrecision(
  d: Pick<DateDetail, "precision" | "resolved" | "week">,
): 1 | 2 | 3 | undefined {
  if (!d.resolved) return undefined;
  if (d.precision === "day") return d.week ? 2 : 1;
  if (d.precision === "unknown") return undefined;
  return 3;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const MONTHS: ReadonlyMap<string, number> = new Map([
  ["january", 1],
  ["february", 2],
  ["march", 3],
  ["april", 4],
  ["may", 5],
  ["june", 6],
  ["july", 7],
  ["august", 8],
  ["september", 9],
  ["october", 10],
  ["november", 11],
  ["december", 12],
  ["jan", 1],
  ["feb", 2],
  ["mar", 3],
  ["apr", 4],
  ["jun", 6],
  ["jul", 7],
  ["aug", 8],
  ["sep", 9],
  ["sept", 9],
  ["oct", 10],
  ["nov", 11],
  ["dec", 12],
]);

/** Month words that are also common English words or names. */
const AMBIGUOUS_MONTHS = new Set([
  "may",
  "march",
  "mar",
  "jan",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
  "apr",
  "feb",
]);

const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ["sunday", 0],
  ["monday", 1],
  ["tuesday", 2],
  ["wednesday", 3],
  ["thursday", 4],
  ["friday", 5],
  ["saturday", 6],
]);

/** Words that, before a month or year, make it a date ("in March", "since 2015"). */
const TIME_PREP = new Set([
  "in",
  "since",
  "until",
  "till",
  "til",
  "by",
  "of",
  "from",
  "during",
  "before",
  "after",
  "through",
  "throughout",
  "early",
  "mid",
  "late",
  "last",
  "next",
  "this",
  "coming",
  "past",
  "previous",
  "circa",
  "c.",
  "year",
  "summer",
  "winter",
  "spring",
  "autumn",
  "fall",
  "between",
  "around",
  "about",
  "on",
  "beginning",
  "end",
  "start",
  "middle",
  "(",
]);

/** Second word after last/this/next/... that makes a relative date. */
const PERIOD_WORDS = new Set([
  "week",
  "weekend",
  "month",
  "year",
  "decade",
  "night",
  "morning",
  "afternoon",
  "evening",
]);
const RELATIVE_LEAD = new Set(["last", "this", "next", "past", "previous", "coming", "earlier", "later"]);
const CUE_WORDS = new Set(["ago", "yesterday", "today", "tonight", "tomorrow"]);

const UNIT_OF: ReadonlyMap<string, RelativeUnit | "hour"> = new Map([
  ["second", "hour"],
  ["seconds", "hour"],
  ["minute", "hour"],
  ["minutes", "hour"],
  ["hour", "hour"],
  ["hours", "hour"],
  ["day", "day"],
  ["days", "day"],
  ["week", "week"],
  ["weeks", "week"],
  ["month", "month"],
  ["months", "month"],
  ["year", "year"],
  ["years", "year"],
  ["decade", "decade"],
  ["decades", "decade"],
]);

const MODE_OF: Record<string, "last" | "this" | "next"> = {
  last: "last",
  past: "last",
  previous: "last",
  this: "this",
  next: "next",
  coming: "next",
};

const YEAR_TOKEN = /^(?:19|20)\d\d$/;
const DECADE_TOKEN = /^(?:(early|mid|late)-)?((?:1[0-9]|20)\d0)s$/;
const SHORT_DECADE_TOKEN = /^(?:(early|mid|late)-)?'(\d)0s$/;
const PART_YEAR_TOKEN = /^(early|mid|late)-((?:19|20)\d\d)$/;
const PART_MONTH_TOKEN = /^(early|mid|late)-([a-z]+)\.?$/;
const YEAR_RANGE_TOKEN = /^((?:19|20)\d\d)-((?:19|20)?\d\d)$/;

/**
 * Parses the text of a relative date phrase ("nine years ago", "last week", "on Friday",
 * "last March", "22 March") into a spec for `resolveRelative`. Case-insensitive.
 */
export function parseRelative(phrase: string): RelativeSpec | undefined {
  const words = phrase
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/,/g, " ")
    .split(/\s+/)
    .filter((w) => w.length > 0);
  while (
    words.length > 0 &&
    (words[0] === "on" || words[0] === "in" || words[0] === "the" || words[0] === "of")
  )
    words.shift();
  if (words.length === 0) return undefined;
  // Casual days.
  const joined = words.join(" ");
  switch (joined) {
    case "yesterday":
    case "last night":
      return { kind: "offset", n: -1, unit: "day" };
    case "today":
    case "tonight":
    case "this morning":
    case "this afternoon":
    case "this evening":
      return { kind: "offset", n: 0, unit: "day" };
    case "tomorrow":
      return { kind: "offset", n: 1, unit: "day" };
  }
  // "... ago"
  if (words[words.length - 1] === "ago" && words.length >= 2) {
    const unit = UNIT_OF.get(words[words.length - 2]);
    if (!unit) return undefined;
    const amount = words.slice(0, -2);
    let n: number | undefined;
    if (amount.length === 0)
      n = undefined; // "years ago"
    else if (amount.length === 1 && (amount[0] === "a" || amount[0] === "an")) n = 1;
    else if (amount.length === 1 && parseNumeral(amount[0]) !== undefined) n = parseNumeral(amount[0]);
    else {
      const m = parseNumberWords(amount, 0);
      if (m && m.consumed === amount.length) n = m.value;
      else if (!/^(?:several|a few|few|some|many|a couple of|couple of|a couple)$/.test(amount.join(" ")))
        return undefined;
    }
    if (unit === "hour") return { kind: "offset", n: 0, unit: "day" };
    return n === undefined ? { kind: "ago", unit } : { kind: "ago", n, unit };
  }
  // "(earlier|later) (this|last|next) (week|month|year)"
  let w = words;
  if ((w[0] === "earlier" || w[0] === "later" || w[0] === "early" || w[0] === "late") && w.length === 3)
    w = w.slice(1);
  if (
    w.length === 2 &&
    MODE_OF[w[0]] &&
    (w[1] === "week" || w[1] === "weekend" || w[1] === "month" || w[1] === "year" || w[1] === "decade")
  ) {
    const mode = MODE_OF[w[0]];
    return {
      kind: "offset",
      n: mode === "last" ? -1 : mode === "next" ? 1 : 0,
      unit: w[1] as RelativeUnit | "weekend",
    };
  }
  // Weekdays and months with an optional last/this/next.
  let mode: "bare" | "last" | "this" | "next" = "bare";
  if (MODE_OF[w[0]]) {
    mode = MODE_OF[w[0]];
    w = w.slice(1);
  }
  if (w.length === 1) {
    const wd = WEEKDAYS.get(w[0]);
    if (wd !== undefined) return { kind: "weekday", weekday: wd, mode };
  }
  const month = w.length >= 1 ? monthOf(w[0]) : undefined;
  if (month !== undefined && w.length === 1) return { kind: "month", month, mode };
  // "22 March", "March 22", "22nd March", "the 22nd of March" (no year)
  if (w.length >= 2 && mode === "bare") {
    const rest = w.filter((x) => x !== "of");
    if (rest.length === 2) {
      const a = monthOf(rest[0]);
      const b = monthOf(rest[1]);
      if (a !== undefined && dayOf(rest[1]) !== undefined)
        return { kind: "month", month: a, day: dayOf(rest[1]), mode };
      if (b !== undefined && dayOf(rest[0]) !== undefined)
        return { kind: "month", month: b, day: dayOf(rest[0]), mode };
    }
  }
  return undefined;
}

function dayOf(s: string): number | undefined {
  const m = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(s);
  return m ? Number(m[1]) : undefined;
}

function monthOf(word: string): number | undefined {
  return MONTHS.get(word.endsWith(".") ? word.slice(0, -1) : word);
}

// ---------------------------------------------------------------------------------------------
// The component.

export interface DateExtractorOptions {
  /** Slash dates day-first ("03/04/2024" = 3 April). Default false (chrono's month-first). */
  littleEndian?: boolean;
}

/** chrono parsers that read clock times or future spans: never wanted (Sitrep dates are days). */
const DROPPED_PARSERS = new Set([
  "ENTimeExpressionParser",
  "ENCasualTimeParser",
  "ENTimeUnitWithinFormatParser",
  "ENTimeUnitLaterFormatParser",
  "ENTimeUnitCasualRelativeFormatParser",
  "ENEndOfCurrentMonthParser",
]);
/** chrono refiners dropped: "the end of August" is the month (part "late"), not its last day. */
const DROPPED_REFINERS = new Set(["ENEndOfPeriodRefiner"]);

interface Candidate {
  start: number;
  end: number;
  date: DateDetail;
}

const FIXED_REF = new Date(Date.UTC(2000, 0, 1, 12));

/**
 * Finds dates and resolves them against the publication date (`doc.meta.published`). chrono-node
 * parses only the sentences that hold a cheap cue (month or weekday name, year-like number,
 * "ago", "yesterday", "last week", ...); its results are filtered so that counts and clock times
 * ("4,000 to 6,000", "at 6") are never dates, and relative phrases are anchored by
 * `resolveRelative`. A few token rules add what chrono does not read: years in context ("in 2015",
 * "mid-2021"), decades ("the 1990s"), "last March", "a decade ago".
 */
export class DateExtractor implements Component {
  readonly name = "dates.v1";
  readonly requires = ["tokens", "sentences"] as const;
  readonly assigns = ["dates"] as const;
  private readonly chrono: chrono.Chrono;
  /** Scratch list of cue token indices, reused across sentences. */
  private readonly cueBuffer: number[] = [];

  constructor(options: DateExtractorOptions = {}) {
    const config = chrono.en.configuration.createCasualConfiguration(options.littleEndian ?? false);
    config.parsers = config.parsers.filter((p) => !DROPPED_PARSERS.has(p.constructor.name));
    config.refiners = config.refiners.filter((r) => !DROPPED_REFINERS.has(r.constructor.name));
    this.chrono = new chrono.Chrono(config);
  }

  process(doc: AnalysisDoc): void {
    const ref = parseReference(doc.meta.published);
    const chronoRef = ref
      ? { instant: new Date(Date.UTC(ref.year, (ref.month ?? 1) - 1, ref.day ?? 1, 12)), timezone: 0 }
      : { instant: FIXED_REF, timezone: 0 };
    const tokens = doc.tokens;
    const sentences =
      doc.sentences.length > 0
        ? doc.sentences
        : [{ start: 0, end: doc.text.length, tokenStart: 0, tokenEnd: tokens.length }];
    const out: DateDetail[] = [];
    for (const s of sentences) {
      const cues = scanCues(tokens, s.tokenStart, s.tokenEnd, this.cueBuffer);
      if (cues === NO_CUE) continue;
      const cands: Candidate[] = [];
      if (cues & CHRONO_CUE) {
        const text = doc.text.slice(s.start, s.end);
        const allCaps = !/[a-z]/.test(text);
        const allLower = !/[A-Z]/.test(text);
        const future = isFutureSentence(tokens, s.tokenStart, s.tokenEnd);
        // Lone weekdays and "yesterday"/"today" need no parser; chrono reads only a window of
        // tokens around each remaining cue (windows merged when they overlap).
        const buf = this.cueBuffer;
        let kept = 0;
        for (const i of buf) {
          const c = simpleCue(doc, tokens, i, s.tokenStart, s.tokenEnd, ref, future);
          if (c) cands.push(c);
          else buf[kept++] = i;
        }
        buf.length = kept;
        let k = 0;
        while (k < buf.length) {
          const a = Math.max(s.tokenStart, buf[k] - WINDOW);
          let b = Math.min(s.tokenEnd - 1, buf[k] + WINDOW);
          k++;
          while (k < buf.length && buf[k] - WINDOW <= b + 1) {
            b = Math.min(s.tokenEnd - 1, buf[k] + WINDOW);
            k++;
          }
          const from = tokens[a].start;
          for (const r of this.chrono.parse(doc.text.slice(from, tokens[b].end), chronoRef)) {
            const c = fromChrono(doc, r, from, ref, allCaps, allLower, future);
            if (c) cands.push(c);
          }
        }
      }
      if (cues & RULE_CUE) tokenRules(doc, tokens, s.tokenStart, s.tokenEnd, ref, cands);
      for (const c of pickLongest(cands)) out.push(c.date);
    }
    doc.dates = out;
  }
}

export function createDateExtractor(options: Record<string, unknown> = {}): DateExtractor {
  return new DateExtractor({ littleEndian: options.littleEndian === true });
}

/** One look-up per token: 1 chrono cue, 2 relative lead (needs a period word next), 3 rule cue. */
const CUE_KIND: ReadonlyMap<string, 1 | 2 | 3> = new Map<string, 1 | 2 | 3>([
  ...[...MONTHS.keys()].flatMap((m): [string, 1][] => [
    [m, 1],
    [`${m}.`, 1],
  ]),
  ...[...WEEKDAYS.keys()].map((w): [string, 1] => [w, 1]),
  ...[...CUE_WORDS].map((w): [string, 1] => [w, 1]),
  ...[...RELATIVE_LEAD].map((w): [string, 2] => [w, 2]),
  ["decade", 3],
  ["decades", 3],
]);

const NO_CUE = 0;
/** The sentence has something chrono reads: a month or weekday name, "ago", a numeric date, ... */
const CHRONO_CUE = 1;
/** The sentence has something the token rules read: a year-like number, "1990s", "mid-2021", ... */
const RULE_CUE = 2;
/** Tokens of context chrono sees on each side of a cue. */
const WINDOW = 7;
const NUMERIC_DATE = /^\d{1,4}([/.-])\d{1,2}\1\d{2,4}$|^\d{1,2}\/\d{4}$/;

/**
 * Cheap pass over a sentence's tokens (one Set look-up or a few char tests per token). Returns
 * CHRONO_CUE | RULE_CUE flags and fills `buf` with the indices of the chrono cue tokens.
 */
function scanCues(tokens: Token[], ts: number, te: number, buf: number[]): number {
  buf.length = 0;
  let flags = NO_CUE;
  for (let i = ts; i < te; i++) {
    const l = tokens[i].lower;
    const c = l.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      if (l.length >= 4) {
        const c1 = l.charCodeAt(1);
        // 19xx, 20xx, 18xx: years, decades, year ranges
        if ((c === 49 && c1 === 57) || (c === 50 && c1 === 48) || (c === 49 && c1 === 56)) flags |= RULE_CUE;
        if (l.length >= 6 && NUMERIC_DATE.test(l)) {
          flags |= CHRONO_CUE;
          buf.push(i);
        }
      }
      continue;
    }
    if (c === 39) {
      if (l.length >= 4) flags |= RULE_CUE; // '90s
      continue;
    }
    if (c < 97 || c > 122) continue;
    const kind = CUE_KIND.get(l);
    if (kind === 1) {
      flags |= CHRONO_CUE;
      buf.push(i);
    } else if (kind === 2) {
      if (i + 1 < te && PERIOD_WORDS.has(tokens[i + 1].lower)) {
        flags |= CHRONO_CUE | RULE_CUE;
        buf.push(i);
      }
    } else if (kind === 3) {
      flags |= RULE_CUE;
    } else if ((c === 109 || c === 101 || c === 108) && l.length > 5 && l.includes("-")) {
      if (l.startsWith("mid-") || l.startsWith("early-") || l.startsWith("late-")) flags |= RULE_CUE;
    }
  }
  return flags;
}

const CASUAL_DAYS: ReadonlyMap<string, number> = new Map([
  ["yesterday", -1],
  ["today", 0],
  ["tonight", 0],
  ["tomorrow", 1],
]);

/** A token that can take part in a longer date ("Friday, 22 March", "yesterday 3 May"). */
function datePart(tokens: Token[], i: number, ts: number, te: number): boolean {
  if (i < ts || i >= te) return false;
  const l = tokens[i].lower;
  const c = l.charCodeAt(0);
  return (c >= 48 && c <= 57) || MONTHS.has(l) || (l.endsWith(".") && MONTHS.has(l.slice(0, -1)));
}

/**
 * Fast path for the commonest cues: a weekday name ("on Friday", "last Friday", "Friday's
 * attack") or "yesterday"/"today"/"tonight"/"tomorrow" with no day, month or year next to it.
 * Returns undefined when chrono should read the cue.
 */
function simpleCue(
  doc: AnalysisDoc,
  tokens: Token[],
  i: number,
  ts: number,
  te: number,
  ref: ReferenceDate | undefined,
  future: boolean,
): Candidate | undefined {
  const l = tokens[i].lower;
  const weekday = WEEKDAYS.get(l);
  const casual = weekday === undefined ? CASUAL_DAYS.get(l) : undefined;
  if (weekday === undefined && casual === undefined) return undefined;
  if (datePart(tokens, i - 1, ts, te) || datePart(tokens, i + 1, ts, te)) return undefined;
  const n1 = i + 1 < te ? tokens[i + 1].lower : "";
  if ((n1 === "," || n1 === "the") && datePart(tokens, i + 2, ts, te)) return undefined;
  if (n1 === "week" || n1 === "next" || n1 === "last" || n1 === "this" || n1 === "night") return undefined;
  let a = i;
  let spec: RelativeSpec;
  if (weekday !== undefined) {
    const p = i - 1 >= ts ? tokens[i - 1].lower : "";
    const mode = MODE_OF[p];
    if (mode) a = i - 1;
    spec = { kind: "weekday", weekday, mode: mode ?? "bare" };
    if (!mode && future) spec.lean = "future";
  } else {
    spec = { kind: "offset", n: casual!, unit: "day" };
  }
  const start = tokens[a].start;
  const end = tokens[i].end;
  return { start, end, date: relative(start, end, doc.text.slice(start, end), spec, ref) };
}

function isUpperInitial(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/** Builds a DateDetail from an absolute year/month/day. */
function absolute(start: number, end: number, text: string, y: number, m?: number, d?: number): DateDetail {
  if (m !== undefined && d !== undefined) {
    return { start, end, text, value: isoDay(y, m, d), precision: "day", relative: false, resolved: true };
  }
  if (m !== undefined)
    return { start, end, text, value: isoMonth(y, m), precision: "month", relative: false, resolved: true };
  return { start, end, text, value: String(y), precision: "year", relative: false, resolved: true };
}

/** Builds a DateDetail from a relative spec. */
function relative(
  start: number,
  end: number,
  text: string,
  spec: RelativeSpec,
  ref: ReferenceDate | undefined,
): DateDetail {
  const r = resolveRelative(spec, ref);
  const d: DateDetail = { start, end, text, precision: r.precision, relative: true, resolved: r.resolved };
  if (r.value !== undefined) d.value = r.value;
  if (r.week) d.week = true;
  if (!r.resolved && spec.kind === "month")
    d.partial = spec.day ? `--${pad2(spec.month)}-${pad2(spec.day)}` : `--${pad2(spec.month)}`;
  return d;
}

/** Century for a two-digit year: the latest not after the reference year, else 19xx for ≥ 30. */
function expandTwoDigitYear(yy: number, ref: ReferenceDate | undefined): number {
  if (ref) {
    const y = ref.year - (ref.year % 100) + yy;
    return y > ref.year + 1 ? y - 100 : y;
  }
  return yy >= 30 ? 1900 + yy : 2000 + yy;
}

const LEAD_STRIP = /^(?:(?:on|in|at|by|of|the|since|from|during)\s+)+/i;
const TRAIL_STRIP = /(?:[\s,;:]+|\s+of)+$/i;
/** "the end of August", "the beginning of 2024": a part of the month or year. */
const PERIOD_PART = /(?:^|[^A-Za-z])((end|beginning|start|middle)\s+of)(\s+)$/i;
const PART_OF: Record<string, "early" | "mid" | "late"> = {
  end: "late",
  beginning: "early",
  start: "early",
  middle: "mid",
};
/**
 * Words that put a sentence in the future, so a yearless day or a bare weekday reads forward
 * ("talks will resume on 2 May"). Bare months never do ("in March" is the last March).
 */
const FUTURE_CUES = new Set(["will", "shall", "'ll", "upcoming", "scheduled", "forthcoming", "deadline"]);
/** Future cues that need a following word: "ahead of", "expected to", "due to be", "set to". */
const FUTURE_BIGRAMS = new Map([
  ["ahead", "of"],
  ["expected", "to"],
  ["set", "to"],
  ["plans", "to"],
]);

function isFutureSentence(tokens: Token[], ts: number, te: number): boolean {
  for (let i = ts; i < te; i++) {
    const l = tokens[i].lower;
    if (FUTURE_CUES.has(l)) return true;
    const next = FUTURE_BIGRAMS.get(l);
    if (next !== undefined && i + 1 < te && tokens[i + 1].lower === next) return true;
  }
  return false;
}
const LEFT_MODIFIER =
  /(?:^|[^A-Za-z])(last|next|this|coming|past|previous|early|mid|late|earlier|later)(\s+|-)$/i;

/** Converts a chrono result to a candidate, or rejects it (counts, clock times, "march on", ...). */
function fromChrono(
  doc: AnalysisDoc,
  r: chrono.ParsedResult,
  offset: number,
  ref: ReferenceDate | undefined,
  allCaps: boolean,
  allLower: boolean,
  future: boolean,
): Candidate | undefined {
  let start = offset + r.index;
  let raw = r.text;
  const lead = LEAD_STRIP.exec(raw);
  if (lead) {
    start += lead[0].length;
    raw = raw.slice(lead[0].length);
  }
  const trail = TRAIL_STRIP.exec(raw);
  if (trail) raw = raw.slice(0, raw.length - trail[0].length);
  const end = start + raw.length;
  const comp = r.start;
  const hasY = comp.isCertain("year");
  const hasM = comp.isCertain("month");
  const hasD = comp.isCertain("day");
  const hasW = comp.isCertain("weekday");
  const lower = raw.toLowerCase();
  if (!/[a-z]/.test(lower)) {
    // Numeric dates ("22/03/2024", "2024-03-22") need a year: "9/11", "1/2" are not dates here.
    if (!hasY || !hasM) return undefined;
  }
  // Words that chrono reads but that are no day: "now", clock-only results.
  let spec = parseRelative(raw);
  const isRel =
    spec !== undefined || /\b(?:ago|yesterday|today|tonight|tomorrow|last|next|this|past)\b/.test(lower);
  if (!hasY && !hasM && !hasD && !hasW && !spec) return undefined;
  if (lower === "now") return undefined;

  // Month word checks: "march on the capital", "may have", "Jan Egeland", "sat down".
  const monthWord = /[a-z]+/.exec(lower.replace(/\b(?:last|next|this|coming|past|previous)\b/g, ""))?.[0];
  const monthNum = monthWord ? MONTHS.get(monthWord) : undefined;
  if (!hasY && !hasW && monthNum !== undefined && AMBIGUOUS_MONTHS.has(monthWord!)) {
    const at = start + lower.indexOf(monthWord!);
    const written = doc.text.slice(at, at + monthWord!.length);
    const mixedCase = !allCaps && !allLower;
    if (mixedCase && !isUpperInitial(written)) return undefined;
    // Without case to go by ("1 may have", "MARCH ON"), or for a bare month, ask for context.
    if (!hasD || !mixedCase) {
      const prevWord = /([A-Za-z.(]+)[\s-]*$/
        .exec(doc.text.slice(Math.max(0, start - 20), start))?.[1]
        ?.toLowerCase();
      const modified = LEFT_MODIFIER.test(doc.text.slice(Math.max(0, start - 12), start));
      if (!modified && (!prevWord || !TIME_PREP.has(prevWord))) return undefined;
    }
  }
  if (hasW && !hasM && !hasD && (!spec || spec.kind === "weekday")) {
    // Weekday alone: only full names ("Friday"), not "sat", "sun", "Wed".
    const name = lower.replace(/^(?:last|next|this|coming|past|previous)\s+/, "").replace(/\.$/, "");
    if (!WEEKDAYS.has(name)) return undefined;
  }

  // Left modifiers chrono leaves out: "last March", "mid-March", "earlier this month".
  let part: DateDetail["part"];
  const left = LEFT_MODIFIER.exec(doc.text.slice(Math.max(0, start - 12), start));
  if (left) {
    const w = left[1].toLowerCase();
    const monthOnly = hasM && !hasD && !hasW && !/\b(?:last|next|this|coming|past|previous)\b/.test(lower);
    const periodRel = spec?.kind === "offset" && spec.n === 0 && spec.unit !== "day";
    if (monthOnly && (MODE_OF[w] !== undefined || w === "early" || w === "mid" || w === "late")) {
      start -= left[1].length + left[2].length;
      if (MODE_OF[w] !== undefined && !hasY)
        spec = { kind: "month", month: comp.get("month")!, mode: MODE_OF[w] };
      else if (w === "early" || w === "mid" || w === "late") part = w;
    } else if (periodRel && (w === "earlier" || w === "later" || w === "early" || w === "late")) {
      start -= left[1].length + left[2].length;
      if (w === "early" || w === "late") part = w;
    }
  }
  if (!part && hasM && !hasD && !hasW) {
    const pp = PERIOD_PART.exec(doc.text.slice(Math.max(0, start - 16), start));
    if (pp) {
      part = PART_OF[pp[2].toLowerCase()];
      start -= pp[1].length + pp[3].length;
    }
  }
  const text = doc.text.slice(start, end);
  if (
    future &&
    spec &&
    ((spec.kind === "month" && spec.day !== undefined) || spec.kind === "weekday") &&
    spec.mode === "bare"
  ) {
    spec = { ...spec, lean: "future" };
  }

  let date: DateDetail;
  if (spec) {
    date = relative(start, end, text, spec, ref);
  } else if (hasY) {
    let y = comp.get("year")!;
    if (isRel) {
      // Relative phrase chrono understood but we do not model: keep its value only with a reference.
      const prec: DatePrecision = hasD ? "day" : hasM ? "month" : "year";
      date = { start, end, text, precision: prec, relative: true, resolved: false };
      if (ref?.day !== undefined) {
        date.value =
          prec === "day"
            ? isoDay(y, comp.get("month")!, comp.get("day")!)
            : prec === "month"
              ? isoMonth(y, comp.get("month")!)
              : String(y);
        date.resolved = true;
      }
    } else {
      if (!/\d{3,4}/.test(raw) && /\d\d\s*$|'\d\d\b/.test(raw)) y = expandTwoDigitYear(y % 100, ref);
      date = absolute(
        start,
        end,
        text,
        y,
        hasM ? comp.get("month")! : undefined,
        hasM && hasD ? comp.get("day")! : undefined,
      );
      if (r.end?.isCertain("day") && r.end.isCertain("month")) {
        const ey = r.end.isCertain("year") ? r.end.get("year")! : y;
        const ev = isoDay(ey, r.end.get("month")!, r.end.get("day")!);
        if (ev !== date.value) date.endValue = ev;
      }
    }
  } else if (hasM) {
    const m = comp.get("month")!;
    const s2: RelativeSpec = hasD
      ? { kind: "month", month: m, day: comp.get("day")!, mode: "bare" }
      : { kind: "month", month: m, mode: "bare" };
    if (future && hasD) s2.lean = "future";
    date = relative(start, end, text, s2, ref);
    if (date.resolved && hasD && hasW) {
      // "Sunday, March 24": the weekday picks the year (nearest to the reference, past first).
      const y0 = Number(date.value!.slice(0, 4));
      const d0 = comp.get("day")!;
      for (const y of [y0, y0 + 1, y0 - 1, y0 - 2, y0 - 3, y0 - 4, y0 - 5, y0 - 6]) {
        if (d0 <= daysInMonth(y, m) && dayOfWeek(y, m, d0) === comp.get("weekday")) {
          date.value = isoDay(y, m, d0);
          break;
        }
      }
    }
    if (date.resolved && r.end && hasD && r.end.isCertain("day") && r.end.isCertain("month")) {
      const y = Number(date.value!.slice(0, 4));
      const ev = isoDay(y, r.end.get("month")!, r.end.get("day")!);
      if (ev !== date.value) date.endValue = ev;
    }
  } else if (hasW) {
    const s3: RelativeSpec = { kind: "weekday", weekday: comp.get("weekday")!, mode: "bare" };
    if (future) s3.lean = "future";
    date = relative(start, end, text, s3, ref);
  } else {
    return undefined;
  }
  if (part) date.part = part;
  return { start, end, date };
}

/** Years in context, decades, qualified years and months, "a decade ago", "this morning". */
/** Words before a 4-digit number that leave it open between a year and a count. */
const WEAK_YEAR_PREP = new Set([
  "of",
  "from",
  "between",
  "around",
  "about",
  "circa",
  "c.",
  "(",
  "and",
  "to",
  "or",
]);

function looksPluralNoun(l: string | undefined): boolean {
  if (!l || l.length <= 3) return false;
  const c = l.charCodeAt(0);
  return (
    c >= 97 && c <= 122 && l.endsWith("s") && !l.endsWith("ss") && !l.endsWith("'s") && !l.endsWith("us")
  );
}

/** A plural noun follows the number at `i`, directly or after a second number ("2000 and 3000 men"). */
function countFollows(tokens: Token[], i: number, te: number): boolean {
  const n1 = i + 1 < te ? tokens[i + 1].lower : undefined;
  if (n1 === "people" || n1 === "men" || n1 === "women" || n1 === "children" || looksPluralNoun(n1))
    return true;
  if ((n1 === "and" || n1 === "to" || n1 === "or" || n1 === "-") && i + 3 < te) {
    const c = tokens[i + 2].lower.charCodeAt(0);
    const n3 = tokens[i + 3].lower;
    return c >= 48 && c <= 57 && (n3 === "people" || n3 === "men" || looksPluralNoun(n3));
  }
  return false;
}

function lowerIn(tokens: Token[], ts: number, te: number, idx: number): string | undefined {
  return idx >= ts && idx < te ? tokens[idx].lower : undefined;
}

function glued(tokens: Token[], a: number, b: number): boolean {
  return tokens[a].end === tokens[b].start;
}

function pushDate(
  doc: AnalysisDoc,
  tokens: Token[],
  out: Candidate[],
  a: number,
  b: number,
  date: Omit<DateDetail, "start" | "end" | "text">,
): void {
  const start = tokens[a].start;
  const end = tokens[b].end;
  out.push({ start, end, date: { ...date, start, end, text: doc.text.slice(start, end) } as DateDetail });
}

function pushShortDecade(
  doc: AnalysisDoc,
  tokens: Token[],
  out: Candidate[],
  ref: ReferenceDate | undefined,
  i: number,
  digit: string,
  part: DateDetail["part"],
): void {
  const dd = Number(digit) * 10;
  let y = 1900 + dd;
  if (ref && 2000 + dd <= ref.year) y = 2000 + dd;
  const d: Omit<DateDetail, "start" | "end" | "text"> = {
    value: String(y),
    precision: "decade",
    relative: false,
    resolved: true,
  };
  if (part) (d as DateDetail).part = part;
  pushDate(doc, tokens, out, i, i, d);
}

function tokenRules(
  doc: AnalysisDoc,
  tokens: Token[],
  ts: number,
  te: number,
  ref: ReferenceDate | undefined,
  out: Candidate[],
): void {
  let lastYearTok = -10;
  for (let i = ts; i < te; i++) {
    const l = tokens[i].lower;
    const c = l.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      // Plain year in context: "in 2015", "since 2015", "early 2023", "the 2015 attacks".
      if (l.length === 4 && YEAR_TOKEN.test(l)) {
        let a = i;
        let part: DateDetail["part"];
        let p = lowerIn(tokens, ts, te, i - 1);
        if (p === "-" && i - 2 >= ts && glued(tokens, i - 2, i - 1) && glued(tokens, i - 1, i)) {
          const p2 = lowerIn(tokens, ts, te, i - 2);
          if (p2 === "mid" || p2 === "early" || p2 === "late") {
            part = p2;
            a = i - 2;
            p = p2;
          } else {
            p = i - 2 === lastYearTok ? "and" : undefined;
          }
        } else if (p === "mid" || p === "early" || p === "late") {
          part = p;
          a = i - 1;
        } else if (p === "of") {
          const p2 = lowerIn(tokens, ts, te, i - 2);
          if (p2 && PART_OF[p2]) {
            part = PART_OF[p2];
            a = i - 2;
          }
        }
        const next = lowerIn(tokens, ts, te, i + 1);
        // "a force of 2000 fighters", "between 2000 and 3000 men": counts, not years.
        if (p !== undefined && WEAK_YEAR_PREP.has(p) && part === undefined && countFollows(tokens, i, te))
          continue;
        const yearish =
          part !== undefined ||
          (p !== undefined && TIME_PREP.has(p)) ||
          ((p === "and" || p === "to" || p === "or" || p === "-" || p === "through") &&
            lastYearTok >= i - 3) ||
          ((p === "the" || p === "its" || p === "their" || p === "his" || p === "her") &&
            next !== undefined &&
            /^[a-z]/.test(next)) ||
          (p === "(" && next === ")");
        if (yearish) {
          lastYearTok = i;
          const d: Omit<DateDetail, "start" | "end" | "text"> = {
            value: l,
            precision: "year",
            relative: false,
            resolved: true,
          };
          if (part) (d as DateDetail).part = part;
          pushDate(doc, tokens, out, a, i, d);
        }
        continue;
      }
      // Decade: "1990s", "the late 1990s".
      const dm = DECADE_TOKEN.exec(l);
      if (dm) {
        let a = i;
        let part = dm[1] as DateDetail["part"];
        const p = lowerIn(tokens, ts, te, i - 1);
        if (!part && (p === "early" || p === "mid" || p === "late")) {
          part = p;
          a = i - 1;
        }
        const d: Omit<DateDetail, "start" | "end" | "text"> = {
          value: dm[2],
          precision: "decade",
          relative: false,
          resolved: true,
        };
        if (part) (d as DateDetail).part = part;
        pushDate(doc, tokens, out, a, i, d);
        continue;
      }
      // "1990 ' s"
      if (
        l.length === 4 &&
        /^(?:1[89]|20)\d0$/.test(l) &&
        lowerIn(tokens, ts, te, i + 1) === "'" &&
        lowerIn(tokens, ts, te, i + 2) === "s" &&
        glued(tokens, i, i + 1)
      ) {
        pushDate(doc, tokens, out, i, i + 2, {
          value: l,
          precision: "decade",
          relative: false,
          resolved: true,
        });
        i += 2;
        continue;
      }
      // Year range token: "2014-17", "2014-2017".
      const yr = YEAR_RANGE_TOKEN.exec(l);
      if (yr) {
        const y1 = Number(yr[1]);
        const y2 = yr[2].length === 2 ? Math.floor(y1 / 100) * 100 + Number(yr[2]) : Number(yr[2]);
        if (y2 > y1 && y2 - y1 < 100) {
          const d: DateDetail = {
            start: 0,
            end: 0,
            text: "",
            value: String(y1),
            precision: "year",
            relative: false,
            resolved: true,
            endValue: String(y2),
          };
          pushDate(doc, tokens, out, i, i, d);
        }
      }
      continue;
    }
    if (c === 39) {
      // "'90s"
      const sm = SHORT_DECADE_TOKEN.exec(l);
      if (sm) pushShortDecade(doc, tokens, out, ref, i, sm[2], sm[1] as DateDetail["part"]);
      continue;
    }
    if (c < 97 || c > 122) continue;
    if (l.length > 4 && l.includes("-")) {
      const py = PART_YEAR_TOKEN.exec(l);
      if (py) {
        pushDate(doc, tokens, out, i, i, {
          value: py[2],
          precision: "year",
          relative: false,
          resolved: true,
          part: py[1],
        } as DateDetail);
        lastYearTok = i;
        continue;
      }
      const pd = DECADE_TOKEN.exec(l);
      if (pd) {
        pushDate(doc, tokens, out, i, i, {
          value: pd[2],
          precision: "decade",
          relative: false,
          resolved: true,
          part: pd[1],
        } as DateDetail);
        continue;
      }
      const ps = SHORT_DECADE_TOKEN.exec(l);
      if (ps) {
        pushShortDecade(doc, tokens, out, ref, i, ps[2], ps[1] as DateDetail["part"]);
        continue;
      }
      const pm = PART_MONTH_TOKEN.exec(l);
      if (pm) {
        const month = MONTHS.get(pm[2]);
        if (month !== undefined && pm[2].length >= 3) {
          const start = tokens[i].start;
          const end = tokens[i].end;
          // "mid-March 2024"
          const ny = lowerIn(tokens, ts, te, i + 1);
          if (ny && YEAR_TOKEN.test(ny)) {
            pushDate(doc, tokens, out, i, i + 1, {
              value: isoMonth(Number(ny), month),
              precision: "month",
              relative: false,
              resolved: true,
              part: pm[1],
            } as DateDetail);
          } else {
            const d = relative(
              start,
              end,
              doc.text.slice(start, end),
              { kind: "month", month, mode: "bare" },
              ref,
            );
            d.part = pm[1] as DateDetail["part"];
            out.push({ start, end, date: d });
          }
        }
      }
      continue;
    }
    // "a decade ago", "two decades ago", "decades ago"
    if ((l === "decade" || l === "decades") && lowerIn(tokens, ts, te, i + 1) === "ago") {
      let a = i;
      let n: number | undefined;
      const p = lowerIn(tokens, ts, te, i - 1);
      if (p === "a" || p === "an" || p === "one") {
        n = 1;
        a = i - 1;
      } else if (p) {
        const v = parseNumeral(p) ?? parseNumberWords([p], 0)?.value;
        if (v !== undefined) {
          n = v;
          a = i - 1;
        } else if (p === "several" || p === "few" || p === "many") a = i - 1;
      }
      const start = tokens[a].start;
      const end = tokens[i + 1].end;
      const spec: RelativeSpec =
        n === undefined ? { kind: "ago", unit: "decade" } : { kind: "ago", n, unit: "decade" };
      out.push({ start, end, date: relative(start, end, doc.text.slice(start, end), spec, ref) });
      continue;
    }
    // "this morning", "last night" (chrono's time parsers are off)
    if ((l === "this" || l === "last") && i + 1 < te) {
      const n = tokens[i + 1].lower;
      if (n === "morning" || n === "afternoon" || n === "evening" || (n === "night" && l === "last")) {
        const start = tokens[i].start;
        const end = tokens[i + 1].end;
        const spec: RelativeSpec = { kind: "offset", n: l === "last" ? -1 : 0, unit: "day" };
        out.push({ start, end, date: relative(start, end, doc.text.slice(start, end), spec, ref) });
      }
    }
  }
}

/** Non-overlapping candidates, longest first, returned in text order. */
function pickLongest(cands: Candidate[]): Candidate[] {
  if (cands.length <= 1) return cands;
  const order = cands
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.end - b.c.start - (a.c.end - a.c.start) || a.i - b.i);
  const kept: Candidate[] = [];
  for (const { c } of order) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
