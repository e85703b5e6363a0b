import type { AnalysisDoc, Quantity, Token } from "../doc.js";
import { isNumberWord, parseNumberWords, parseNumeral, SCALES } from "../number-words.js";
import type { Component } from "../pipeline.js";

/** How a quantity's bounds relate to the written number. */
export type QuantityApprox =
  | "exact"
  | "about"
  | "at-least"
  | "at-most"
  | "more-than"
  | "fewer-than"
  | "up-to"
  | "range";

/** What happened to the people counted, when the text says so next to the number. */
export type QuantityEffect = "killed" | "dead" | "wounded" | "injured" | "hostages" | "arrested";

/**
 * The objects this component stores in `doc.quantities`: a `Quantity` with a few extra fields
 * (extra properties are allowed at run time; read them through this interface).
 */
export interface QuantityDetail extends Quantity {
  approx: QuantityApprox;
  /** Casualty or detention sense from a nearby verb/participle ("killed at least 137", "137 were killed"). */
  effect?: QuantityEffect;
  /** A vague count word ("dozens", "hundreds", "several thousand"): bounds are conventional, see docs. */
  vague?: boolean;
}

export interface QuantityExtractorOptions {
  /** Drop quantities that overlap `doc.dates` when that layer is already filled (default true). */
  respectDates?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Word lists (all lower case; token.lower is folded, so dashes are "-" and apostrophes "'").

const MONTHS = new Set([
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);

function isMonth(lower: string | undefined): boolean {
  if (!lower) return false;
  return MONTHS.has(lower.endsWith(".") ? lower.slice(0, -1) : lower);
}

/** Lower-case text of token `idx` when it lies in [ts, te). */
function lowerIn(tokens: Token[], ts: number, te: number, idx: number): string | undefined {
  return idx >= ts && idx < te ? tokens[idx].lower : undefined;
}

/** Token `idx` is a lower-case plural noun ("fighters", "people"), i.e. something counted. */
function pluralAt(tokens: Token[], ts: number, te: number, idx: number): boolean {
  const l = lowerIn(tokens, ts, te, idx);
  return l !== undefined && /^[a-z]/.test(l) && looksPlural(l) && !STOP.has(l);
}

function monthIn(tokens: Token[], ts: number, te: number, allCaps: boolean, idx: number): boolean {
  return idx >= ts && idx < te && isMonthToken(tokens[idx], allCaps);
}

/** A month name; "may"/"march"/"mar" only when capitalised (or the sentence is upper case). */
function isMonthToken(t: Token, allCaps: boolean): boolean {
  if (!isMonth(t.lower)) return false;
  if (t.lower === "may" || t.lower === "march" || t.lower === "mar" || t.lower === "mar.") {
    const c = t.text.charCodeAt(0);
    return allCaps || (c >= 65 && c <= 90);
  }
  return true;
}

/** Left-context phrases → approximation, longest first when looked up. */
const QUALIFIERS = new Map<string, QuantityApprox | "between" | "from">([
  ["no fewer than", "at-least"],
  ["no less than", "at-least"],
  ["a minimum of", "at-least"],
  ["at least", "at-least"],
  ["not less than", "at-least"],
  ["no more than", "at-most"],
  ["not more than", "at-most"],
  ["a maximum of", "at-most"],
  ["at most", "at-most"],
  ["in excess of", "more-than"],
  ["more than", "more-than"],
  ["upwards of", "more-than"],
  ["well over", "more-than"],
  ["just over", "more-than"],
  ["over", "more-than"],
  ["above", "more-than"],
  ["exceeding", "more-than"],
  ["fewer than", "fewer-than"],
  ["less than", "fewer-than"],
  ["just under", "fewer-than"],
  ["under", "fewer-than"],
  ["below", "fewer-than"],
  ["as many as", "up-to"],
  ["as much as", "up-to"],
  ["up to", "up-to"],
  ["an estimated", "about"],
  ["an approximate", "about"],
  ["close to", "about"],
  ["about", "about"],
  ["around", "about"],
  ["approximately", "about"],
  ["approx.", "about"],
  ["approx", "about"],
  ["roughly", "about"],
  ["some", "about"],
  ["nearly", "about"],
  ["almost", "about"],
  ["estimated", "about"],
  ["~", "about"],
  ["exactly", "exact"],
  ["between", "between"],
  ["from", "from"],
]);

const QUALIFIER_LENGTHS = [3, 2, 1] as const;

/** Vague plural count words: conventional bounds (see docs/dates-and-quantities.md). */
const VAGUE: ReadonlyMap<string, [number, number]> = new Map([
  ["dozens", [24, 99]],
  ["scores", [40, 99]],
  ["hundreds", [200, 999]],
  ["thousands", [2_000, 9_999]],
  ["millions", [2_000_000, 9_999_999]],
]);

/** Multipliers after "several"/"a few" and after numbers ("two dozen"). */
const VAGUE_SCALES: ReadonlyMap<string, number> = new Map([
  ["dozen", 12],
  ["hundred", 100],
  ["thousand", 1_000],
  ["million", 1_000_000],
]);

/** Words before a number that make it a label, not a count ("Resolution 2254", "Flight 17"). */
const LABELS = new Set([
  "no",
  "no.",
  "nos.",
  "number",
  "resolution",
  "article",
  "flight",
  "route",
  "highway",
  "page",
  "pages",
  "p.",
  "pp.",
  "chapter",
  "section",
  "paragraph",
  "para",
  "room",
  "building",
  "line",
  "bus",
  "version",
  "phase",
  "level",
  "grade",
  "category",
  "cat",
  "#",
  "platform",
  "gate",
  "unit",
  "battalion",
  "brigade",
  "division",
  "regiment",
  "kilometre",
  "kilometer",
  "km",
  "mile",
  "block",
  "sector",
  "zone",
  "district",
  "camp",
  "checkpoint",
  "road",
  "street",
  "avenue",
  "precinct",
  "ward",
  "hall",
  "terminal",
  "channel",
  "code",
  "tel",
  "tel.",
  "phone",
  "ext",
  "ext.",
  "vol.",
  "volume",
  "issue",
  "part",
  "season",
  "episode",
  "class",
  "model",
  "type",
  "mk",
  "size",
  "figure",
  "fig.",
  "table",
  "step",
  "stage",
  "round",
  "day",
  "week",
  "year",
  "age",
  "aged",
  "ages",
  "score",
]);

/** Time-of-day suffixes: "6 p.m.", "10 am". */
const TIME_SUFFIX = new Set([
  "am",
  "pm",
  "a.m.",
  "p.m.",
  "a.m",
  "p.m",
  "o'clock",
  "gmt",
  "utc",
  "hrs",
  "h",
  "hrs.",
]);

/**
 * Words before a 4-digit number that make it a year whatever follows ("in 2015", "the 2015
 * attacks"). Other words ("of", "between", none) make it a year unless a plural noun follows
 * ("a force of 2000 fighters").
 */
const YEAR_CONTEXT = new Set([
  "in",
  "since",
  "until",
  "till",
  "til",
  "by",
  "during",
  "before",
  "after",
  "through",
  "throughout",
  "early",
  "late",
  "mid",
  "mid-",
  "year",
  "years",
  "summer",
  "winter",
  "spring",
  "autumn",
  "fall",
  "the",
  "a",
  "an",
  "its",
  "his",
  "her",
  "their",
  "our",
  "this",
  "that",
  "fiscal",
  "fy",
  "(",
]);

/** Words that end a unit search after the number. */
const STOP = new Set([
  "the",
  "a",
  "an",
  "of",
  "in",
  "on",
  "at",
  "to",
  "from",
  "by",
  "with",
  "for",
  "and",
  "or",
  "but",
  "nor",
  "were",
  "was",
  "is",
  "are",
  "be",
  "been",
  "being",
  "have",
  "has",
  "had",
  "will",
  "would",
  "could",
  "should",
  "may",
  "might",
  "can",
  "must",
  "do",
  "did",
  "does",
  "who",
  "whom",
  "whose",
  "which",
  "that",
  "this",
  "these",
  "those",
  "there",
  "their",
  "its",
  "his",
  "her",
  "it",
  "they",
  "them",
  "he",
  "she",
  "we",
  "you",
  "i",
  "per",
  "than",
  "as",
  "into",
  "onto",
  "across",
  "over",
  "under",
  "after",
  "before",
  "during",
  "since",
  "while",
  "when",
  "where",
  "said",
  "say",
  "says",
  "according",
  "including",
  "included",
  "among",
  "against",
  "near",
  "around",
  "about",
  "inside",
  "outside",
  "within",
  "without",
  "each",
  "apiece",
  "times",
  "so",
  "too",
  "not",
  "no",
  "all",
  "both",
  "only",
  "also",
  "just",
  "still",
  "then",
  "now",
  "ago",
  "later",
  "earlier",
  "if",
  "because",
  "out",
  "up",
  "down",
  "off",
  "back",
  "away",
  "again",
  "via",
  "between",
  "through",
  "toward",
  "towards",
  "upon",
  "until",
  "plus",
  "minus",
  "respectively",
  "more",
  "less",
  "fewer",
  "most",
]);

/** Adjectives skipped between a number and its noun ("two suspected militants"). */
const SKIP_ADJ = new Set([
  "other",
  "additional",
  "further",
  "armed",
  "suspected",
  "alleged",
  "unarmed",
  "innocent",
  "foreign",
  "local",
  "young",
  "senior",
  "junior",
  "unidentified",
  "unknown",
  "heavily",
  "well",
  "well-armed",
  "reported",
  "confirmed",
  "new",
  "former",
  "active",
  "female",
  "male",
  "elite",
  "trained",
  "hardened",
  "full-time",
  "seasoned",
  "separate",
  "different",
  "rival",
  "fellow",
  "off-duty",
  "masked",
]);

/** Collective nouns that often modify a following plural ("crew members", "police officers"). */
const MASS_MODIFIERS = new Set([
  "crew",
  "police",
  "staff",
  "security",
  "militia",
  "army",
  "aid",
  "health",
  "service",
]);

/** Nouns that count people/things although they do not end in -s. */
const PLURAL_IRREGULAR = new Set([
  "people",
  "men",
  "women",
  "children",
  "police",
  "personnel",
  "staff",
  "troops",
  "militia",
  "youth",
  "youths",
  "persons",
  "folk",
  "crew",
  "cattle",
  "sheep",
  "aircraft",
  "fish",
  "deer",
  "offspring",
  "clergy",
  "gentlemen",
  "policemen",
  "servicemen",
  "gunmen",
  "tribesmen",
  "militiamen",
  "fishermen",
  "firemen",
  "kinsmen",
  "countrymen",
  "spokesmen",
  "horsemen",
  "dead",
  "killed",
  "wounded",
  "injured",
  "hurt",
  "missing",
  "arrested",
  "detained",
  "kidnapped",
  "abducted",
  "displaced",
  "evacuated",
  "rescued",
  "died",
  "percent",
]);

const SINGULAR_IRREGULAR: ReadonlyMap<string, string> = new Map([
  ["men", "man"],
  ["women", "woman"],
  ["children", "child"],
  ["persons", "person"],
  ["gentlemen", "gentleman"],
  ["policemen", "policeman"],
  ["servicemen", "serviceman"],
  ["gunmen", "gunman"],
  ["tribesmen", "tribesman"],
  ["militiamen", "militiaman"],
  ["fishermen", "fisherman"],
  ["firemen", "fireman"],
  ["kinsmen", "kinsman"],
  ["countrymen", "countryman"],
  ["spokesmen", "spokesman"],
  ["horsemen", "horseman"],
  ["lives", "life"],
  ["wives", "wife"],
  ["knives", "knife"],
  ["thieves", "thief"],
  ["leaves", "leave"],
  ["halves", "half"],
  ["feet", "foot"],
  ["teeth", "tooth"],
  ["mice", "mouse"],
  ["geese", "goose"],
  ["crises", "crisis"],
  ["analyses", "analysis"],
  ["bases", "base"],
  ["hostages", "hostage"],
  ["casualties", "casualty"],
  ["militias", "militia"],
  ["youths", "youth"],
  ["troops", "troop"],
  ["kms", "km"],
  ["buses", "bus"],
  ["gases", "gas"],
  ["news", "news"],
  ["series", "series"],
  ["species", "species"],
  ["headquarters", "headquarters"],
  ["barracks", "barracks"],
  ["arms", "arms"],
  ["forces", "force"],
  ["vehicles", "vehicle"],
  ["houses", "house"],
  ["devices", "device"],
  ["sources", "source"],
  ["places", "place"],
  ["offices", "office"],
  ["services", "service"],
  ["courses", "course"],
  ["sentences", "sentence"],
  ["artilleries", "artillery"],
]);

/** Lower-case singular of a plural noun (rule-based; participles and mass nouns unchanged). */
export function singularize(word: string): string {
  const w = word.toLowerCase();
  const irregular = SINGULAR_IRREGULAR.get(w);
  if (irregular) return irregular;
  if (PLURAL_IRREGULAR.has(w)) return w;
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(?:ches|shes|sses|xes|zzes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is") || w.endsWith("'s")) return w;
  if (w.endsWith("s")) return w.slice(0, -1);
  return w;
}

function looksPlural(lower: string): boolean {
  if (PLURAL_IRREGULAR.has(lower)) return true;
  return (
    lower.length > 3 &&
    lower.endsWith("s") &&
    !lower.endsWith("ss") &&
    !lower.endsWith("us") &&
    !lower.endsWith("is") &&
    !lower.endsWith("'s")
  );
}

/** Participles/nouns right after the number or unit → effect. */
const EFFECT_WORDS: ReadonlyMap<string, QuantityEffect> = new Map([
  ["killed", "killed"],
  ["died", "killed"],
  ["deaths", "killed"],
  ["death", "killed"],
  ["fatalities", "killed"],
  ["lives", "killed"],
  ["slain", "killed"],
  ["perished", "killed"],
  ["murdered", "killed"],
  ["executed", "killed"],
  ["beheaded", "killed"],
  ["massacred", "killed"],
  ["dead", "dead"],
  ["bodies", "dead"],
  ["corpses", "dead"],
  ["wounded", "wounded"],
  ["injured", "injured"],
  ["injuries", "injured"],
  ["hurt", "injured"],
  ["hostages", "hostages"],
  ["hostage", "hostages"],
  ["captives", "hostages"],
  ["kidnapped", "hostages"],
  ["abducted", "hostages"],
  ["abductees", "hostages"],
  ["arrested", "arrested"],
  ["detained", "arrested"],
  ["arrests", "arrested"],
  ["detainees", "arrested"],
]);

/** Effect words that cannot be active transitive verbs ("have died"). */
const INTRANSITIVE = new Set([
  "died",
  "perished",
  "dead",
  "deaths",
  "fatalities",
  "bodies",
  "corpses",
  "injuries",
  "casualties",
]);

/** Verbs directly before the number (or its qualifier): "killed at least 137". */
const EFFECT_LEFT: ReadonlyMap<string, QuantityEffect> = new Map([
  ["killed", "killed"],
  ["killing", "killed"],
  ["kill", "killed"],
  ["kills", "killed"],
  ["slew", "killed"],
  ["claimed", "killed"], // "claimed 137 lives" — only kept when the unit agrees, see below
  ["executed", "killed"],
  ["executing", "killed"],
  ["massacred", "killed"],
  ["beheaded", "killed"],
  ["wounded", "wounded"],
  ["wounding", "wounded"],
  ["wounds", "wounded"],
  ["injured", "injured"],
  ["injuring", "injured"],
  ["injures", "injured"],
  ["injure", "injured"],
  ["kidnapped", "hostages"],
  ["kidnapping", "hostages"],
  ["abducted", "hostages"],
  ["abducting", "hostages"],
  ["arrested", "arrested"],
  ["arresting", "arrested"],
  ["detained", "arrested"],
  ["detaining", "arrested"],
  ["apprehended", "arrested"],
]);

const CURRENCY: ReadonlyMap<string, string> = new Map([
  ["$", "dollar"],
  ["us$", "dollar"],
  ["€", "euro"],
  ["£", "pound"],
]);

/** Words that make "one" a pronoun or an idiom rather than a count. */
const ONE_IDIOMS = new Set([
  "another",
  "day",
  "time",
  "way",
  "side",
  "hand",
  "thing",
  "point",
  "year",
  "night",
  "morning",
  "evening",
  "afternoon",
  "week",
  "month",
]);

const FOUR_DIGITS = /^\d{4}$/;
const RANGE_TOKEN = /^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)-((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$/;

interface NumberParse {
  min: number;
  max: number;
  /** Token index after the number. */
  end: number;
  vague: boolean;
  /** A bare 4-digit integer 1900–2099 written without a comma. */
  yearLike: boolean;
  /** The number is the word "one" (or "a"/"an" alone never reaches here). */
  isOne: boolean;
  /** Digits, not words. */
  numeral: boolean;
  /** Scale word attached ("million"): used to scale the first number of "4 to 5 million". */
  scale: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 191;
}

/**
 * Finds counts in running text (see docs/dates-and-quantities.md): numerals, spelled-out numbers
 * and vague count words, with their qualifier ("at least", "between … and …"), the noun they count
 * and, for casualty reporting, what happened to the people counted. Years, dates, times, labels
 * and ordinals are not quantities.
 */
export class QuantityExtractor implements Component {
  readonly name = "quantities.v1";
  readonly requires = ["tokens", "sentences"] as const;
  readonly assigns = ["quantities"] as const;
  private readonly respectDates: boolean;

  constructor(options: QuantityExtractorOptions = {}) {
    this.respectDates = options.respectDates ?? true;
  }

  process(doc: AnalysisDoc): void {
    const out: QuantityDetail[] = [];
    const tokens = doc.tokens;
    const sentences =
      doc.sentences.length > 0
        ? doc.sentences
        : [{ start: 0, end: doc.text.length, tokenStart: 0, tokenEnd: tokens.length }];
    for (const s of sentences) this.scanSentence(doc, tokens, s.tokenStart, s.tokenEnd, out);
    doc.quantities = this.respectDates && doc.dates.length > 0 ? dropDateOverlaps(out, doc) : out;
  }

  private scanSentence(
    doc: AnalysisDoc,
    tokens: Token[],
    ts: number,
    te: number,
    out: QuantityDetail[],
  ): void {
    let allCaps: boolean | undefined;
    let i = ts;
    while (i < te) {
      const n = readNumber(tokens, i, te);
      if (!n) {
        i++;
        continue;
      }
      if (allCaps === undefined) {
        allCaps = !/[a-z]/.test(doc.text.slice(tokens[ts].start, tokens[te - 1].end));
      }
      const q = this.build(doc, tokens, i, ts, te, n, allCaps);
      if (q) {
        out.push(q.quantity);
        i = Math.max(q.nextToken, i + 1);
      } else {
        i = n.end;
      }
    }
  }

  /** Decides whether the number at token `k` is a count and builds the quantity. */
  private build(
    doc: AnalysisDoc,
    tokens: Token[],
    k: number,
    ts: number,
    te: number,
    first: NumberParse,
    allCaps: boolean,
  ): { quantity: QuantityDetail; nextToken: number } | undefined {
    const tk = tokens[k];

    // Glued to letters or a code: "AK-47" split, "Su-25", "#3".
    if (tk.start > 0) {
      const before = doc.text.charCodeAt(tk.start - 1);
      if (isLetter(before) || before === 35 || before === 47) return undefined; // letter, '#', '/'
      if (before === 45 && tk.start > 1 && isLetter(doc.text.charCodeAt(tk.start - 2))) return undefined;
    }

    // Currency sign right before the number: "$5 million", "more than $5 million".
    let numStart = k;
    let currency: string | undefined;
    const cur = lowerIn(tokens, ts, te, k - 1);
    if (cur && CURRENCY.has(cur)) {
      currency = CURRENCY.get(cur);
      numStart = k - 1;
    }

    // Qualifier to the left ("at least", "between", "some", ...).
    let qualStart = numStart;
    let qual: QuantityApprox | "between" | "from" | undefined;
    for (const len of QUALIFIER_LENGTHS) {
      if (numStart - len < ts) continue;
      let key = tokens[numStart - len].lower;
      for (let x = numStart - len + 1; x < numStart; x++) key += ` ${tokens[x].lower}`;
      const q = QUALIFIERS.get(key);
      if (q) {
        qual = q;
        qualStart = numStart - len;
        break;
      }
    }
    const prev = lowerIn(tokens, ts, te, qualStart - 1);

    // Dates: a number next to a month name is a day or a year ("22 March", "JAN 90", "March 22, 2024").
    const next = lowerIn(tokens, ts, te, first.end);
    if (monthIn(tokens, ts, te, allCaps, k - 1) || monthIn(tokens, ts, te, allCaps, first.end))
      return undefined;
    if (next === "of" && monthIn(tokens, ts, te, allCaps, first.end + 1)) return undefined;
    // Times of day.
    if (next && TIME_SUFFIX.has(next)) return undefined;
    // Labels: "Resolution 2254", "Flight 17", and lists of them: "aged 30 and 23".
    if (!qual && lowerIn(tokens, ts, te, k - 1) && LABELS.has(lowerIn(tokens, ts, te, k - 1)!) && !currency)
      return undefined;
    if (!qual && (prev === "and" || prev === "or" || prev === "," || prev === "to")) {
      const p2 = lowerIn(tokens, ts, te, k - 2);
      const p3 = lowerIn(tokens, ts, te, k - 3);
      if (p2 && isDigit(p2.charCodeAt(0)) && p3 && LABELS.has(p3)) return undefined;
    }

    let min = first.min;
    let max = first.max;
    let end = first.end;
    let vague = first.vague;
    let approx: QuantityApprox = first.min !== first.max ? "range" : "exact";
    let isRange = first.min !== first.max && !first.vague;

    // Range: "4,000 to 6,000", "between 4,000 and 6,000", "two or three", "4,000 - 6,000".
    const sep = lowerIn(tokens, ts, te, end);
    if (
      !first.vague &&
      (sep === "to" || sep === "-" || sep === "or" || (sep === "and" && qual === "between"))
    ) {
      const second = readNumber(tokens, end + 1, te);
      if (second && !second.vague) {
        let a = first.min;
        const b = second.max;
        if (second.scale > 1 && first.scale === 1 && a * second.scale <= b) a *= second.scale;
        if (b > a) {
          // "2014 to 2017" are years, "2000 to 3000 fighters" a count
          if (first.yearLike && second.yearLike && !pluralAt(tokens, ts, te, second.end)) return undefined;
          min = a;
          max = b;
          end = second.end;
          isRange = true;
          approx = "range";
          vague = false;
        }
      }
    }
    if (isRange && first.yearLike && !pluralAt(tokens, ts, te, end)) return undefined; // "2014-2017"
    // "from" only qualifies a range: "from 20 to 30" (a lone "from 20" keeps the number exact).
    if ((qual === "from" || qual === "between") && !isRange) {
      qual = undefined;
      qualStart = numStart;
    }

    // Years are not quantities unless clearly counted ("2015 people", "some 2015 fighters").
    if (first.yearLike && !isRange) {
      const comparative =
        qual === "at-least" ||
        qual === "more-than" ||
        qual === "fewer-than" ||
        qual === "at-most" ||
        qual === "up-to";
      if (!comparative) {
        if ((prev !== undefined && YEAR_CONTEXT.has(prev)) || isMonth(prev)) return undefined;
        if (!pluralAt(tokens, ts, te, end)) return undefined;
      }
    }

    if (!isRange) {
      if (qual && qual !== "between" && qual !== "from") approx = qual;
      else if (vague) approx = "about";
    } else {
      approx = "range";
    }

    // Compound modifier: "25-year-old", "3-day", but "2,000-strong force" counts the force.
    let unitFrom = end;
    if (lowerIn(tokens, ts, te, end) === "-" && tokens[end].start === tokens[end - 1].end) {
      const w = lowerIn(tokens, ts, te, end + 1);
      if (w === "strong") unitFrom = end + 2;
      else return undefined;
    }

    // "200+" → at least 200.
    if (
      lowerIn(tokens, ts, te, unitFrom) === "+" &&
      tokens[unitFrom].start === tokens[unitFrom - 1].end &&
      !isRange
    ) {
      approx = "at-least";
      end = unitFrom + 1;
      unitFrom = end;
    }

    // Unit.
    let unit: string | undefined;
    let unitEnd = -1;
    const u0 = lowerIn(tokens, ts, te, unitFrom);
    if (u0 === "%" || u0 === "percent" || u0 === "pct") {
      unit = "percent";
      unitEnd = unitFrom;
    } else if (u0 === "per" && lowerIn(tokens, ts, te, unitFrom + 1) === "cent") {
      unit = "percent";
      unitEnd = unitFrom + 1;
    } else if (currency) {
      unit = currency;
      if (u0 === "m" || u0 === "m." || u0 === "mn" || u0 === "bn" || u0 === "k") {
        const f = u0 === "k" ? 1_000 : u0 === "bn" ? 1_000_000_000 : 1_000_000;
        min *= f;
        max *= f;
        end = unitFrom + 1;
      }
    } else {
      let j = unitFrom;
      if (lowerIn(tokens, ts, te, j) === "of") {
        j++;
        const d = lowerIn(tokens, ts, te, j);
        if (
          d === "the" ||
          d === "their" ||
          d === "its" ||
          d === "his" ||
          d === "her" ||
          d === "these" ||
          d === "those"
        )
          j++;
      }
      let firstCand = -1;
      let capFallback = -1;
      for (let n = 0; n < 5 && j < te; n++, j++) {
        const t = tokens[j];
        const l = t.lower;
        const c = l.charCodeAt(0);
        // a hyphen inside a name: "ISIS-K fighters"
        if (l === "-" && t.start === tokens[j - 1].end && j + 1 < te && tokens[j + 1].start === t.end)
          continue;
        if (!(c >= 97 && c <= 122)) break;
        if (STOP.has(l) || isNumberWord(l) || VAGUE.has(l) || isMonth(l)) break;
        if (SKIP_ADJ.has(l)) continue;
        const cap = !allCaps && t.text.charCodeAt(0) >= 65 && t.text.charCodeAt(0) <= 90;
        if (cap) {
          if (capFallback < 0) capFallback = j;
          continue;
        }
        if (EFFECT_WORDS.has(l) || looksPlural(l)) {
          unitEnd = j;
          // "crew members", "police officers", "security personnel": the last noun counts.
          const n2 = lowerIn(tokens, ts, te, j + 1);
          if (MASS_MODIFIERS.has(l) && n2 && !STOP.has(n2) && looksPlural(n2) && !PLURAL_IRREGULAR.has(n2))
            unitEnd = j + 1;
          break;
        }
        if (firstCand < 0) firstCand = j;
      }
      if (unitEnd < 0) unitEnd = firstCand >= 0 ? firstCand : capFallback;
      if (unitEnd >= 0) {
        const l = tokens[unitEnd].lower;
        unit = EFFECT_WORDS.has(l) && !/s$/.test(l) ? l : singularize(l);
      }
    }

    // "one" alone is mostly a pronoun ("one of the attackers", "no one").
    if (first.isOne && !isRange && !qual) {
      if (
        unitEnd !== unitFrom ||
        !unit ||
        ONE_IDIOMS.has(unit) ||
        prev === "no" ||
        prev === "the" ||
        prev === "any" ||
        prev === "every" ||
        prev === "each" ||
        prev === "which" ||
        prev === "this" ||
        prev === "that"
      ) {
        return undefined;
      }
    }
    // Durations inside relative dates: "nine years ago", "two weeks ago".
    if (lowerIn(tokens, ts, te, unitEnd >= 0 ? unitEnd + 1 : end) === "ago") return undefined;
    // "at 6" without a counted noun is a clock time.
    if (!qual && prev === "at" && !unit && !currency && max <= 24 && Number.isInteger(max)) return undefined;

    // Effect: verb before, unit itself, or a passive participle after.
    let effect: QuantityEffect | undefined;
    const leftVerb = prev ? EFFECT_LEFT.get(prev) : undefined;
    const unitLower = unitEnd >= 0 ? tokens[unitEnd].lower : undefined;
    if (leftVerb && !(prev === "claimed" && unitLower !== "lives")) effect = leftVerb;
    if (!effect && unitLower) effect = EFFECT_WORDS.get(unitLower);
    // "the death toll ... rose to 143" (no other number in between)
    if (!effect) {
      for (let j = qualStart - 1; j >= Math.max(ts, qualStart - 20); j--) {
        const l = tokens[j].lower;
        if (l === "toll") {
          effect = "killed";
          break;
        }
        const dayOfDate = monthIn(tokens, ts, te, allCaps, j - 1) || monthIn(tokens, ts, te, allCaps, j + 1);
        if ((isDigit(l.charCodeAt(0)) || isNumberWord(l)) && !dayOfDate) break;
      }
    }

    if (!effect) {
      const from = unitEnd >= 0 ? unitEnd + 1 : end;
      for (let j = from; j < Math.min(te, from + 8); j++) {
        const l = tokens[j].lower;
        const c = l.charCodeAt(0);
        if (
          isDigit(c) ||
          isNumberWord(l) ||
          VAGUE.has(l) ||
          l === "and" ||
          l === "but" ||
          l === ";" ||
          l === "while"
        )
          break;
        const e = EFFECT_WORDS.get(l);
        if (e) {
          // "have killed civilians" is what the counted did, not what happened to them.
          const before = tokens[j - 1].lower;
          const active = (before === "have" || before === "has" || before === "had") && !INTRANSITIVE.has(l);
          if (!active) effect = e;
          break;
        }
      }
    }
    const startTok = qualStart;
    const lastTok = Math.max(end - 1, unitEnd);
    const start = tokens[startTok].start;
    const stop = tokens[lastTok].end;
    const q: QuantityDetail = {
      start,
      end: stop,
      text: doc.text.slice(start, stop),
      approx,
    };
    switch (approx) {
      case "exact":
      case "about":
      case "range":
        q.min = min;
        q.max = max;
        break;
      case "at-least":
      case "more-than":
        q.min = min;
        break;
      case "at-most":
      case "fewer-than":
      case "up-to":
        q.max = max;
        break;
    }
    if (unit) q.unit = unit;
    if (effect) q.effect = effect;
    if (vague) q.vague = true;
    return { quantity: q, nextToken: Math.max(end, unitEnd + 1) };
  }
}

/**
 * Reads a number starting at token `i`: a numeral ("4,000", "1.5 million", "4,000-6,000"), a
 * spelled-out number ("twenty - two", "two thousand"), or a vague count ("dozens", "several
 * hundred", "tens of thousands").
 */
function readNumber(tokens: Token[], i: number, te: number): NumberParse | undefined {
  if (i >= te) return undefined;
  const l = tokens[i].lower;
  const c = l.charCodeAt(0);
  if (isDigit(c)) {
    // Glued to following letters: "5th", "10am" (wink keeps those as one token anyway).
    const v = parseNumeral(l);
    let min: number;
    let max: number;
    let yearLike = false;
    if (v !== undefined) {
      min = v;
      max = v;
      yearLike = FOUR_DIGITS.test(l) && v >= 1900 && v <= 2099;
    } else {
      const m = RANGE_TOKEN.exec(l);
      if (!m) return undefined;
      min = Number(m[1].replace(/,/g, ""));
      max = Number(m[2].replace(/,/g, ""));
      if (!(max > min)) return undefined; // "2014-17", "9-11"
      yearLike = FOUR_DIGITS.test(m[1]) && min >= 1900 && min <= 2099;
    }
    let end = i + 1;
    let scale = 1;
    const s = lowerIn(tokens, 0, te, end);
    const sv = s ? (SCALES.get(s) ?? (s === "bn" ? 1e9 : s === "mn" ? 1e6 : undefined)) : undefined;
    if (sv !== undefined) {
      scale = sv;
      min *= sv;
      max *= sv;
      end++;
      yearLike = false;
    } else if (s === "dozen") {
      min *= 12;
      max *= 12;
      end++;
      return { min, max, end, vague: true, yearLike: false, isOne: false, numeral: true, scale: 12 };
    }
    return { min, max, end, vague: false, yearLike, isOne: false, numeral: true, scale };
  }
  if (c < 97 || c > 122) return undefined;
  // Vague words.
  const vague = VAGUE.get(l);
  if (vague) {
    // "tens of thousands", "hundreds of thousands"
    if ((l === "hundreds" || l === "tens") && lowerIn(tokens, 0, te, i + 1) === "of") {
      const big = lowerIn(tokens, 0, te, i + 2);
      if (big === "thousands") {
        return l === "hundreds"
          ? {
              min: 200_000,
              max: 999_999,
              end: i + 3,
              vague: true,
              yearLike: false,
              isOne: false,
              numeral: false,
              scale: 1,
            }
          : {
              min: 20_000,
              max: 99_999,
              end: i + 3,
              vague: true,
              yearLike: false,
              isOne: false,
              numeral: false,
              scale: 1,
            };
      }
      if (big === "millions" && l === "hundreds") {
        return {
          min: 200_000_000,
          max: 999_999_999,
          end: i + 3,
          vague: true,
          yearLike: false,
          isOne: false,
          numeral: false,
          scale: 1,
        };
      }
    }
    return {
      min: vague[0],
      max: vague[1],
      end: i + 1,
      vague: true,
      yearLike: false,
      isOne: false,
      numeral: false,
      scale: 1,
    };
  }
  if (
    l === "tens" &&
    lowerIn(tokens, 0, te, i + 1) === "of" &&
    lowerIn(tokens, 0, te, i + 2) === "thousands"
  ) {
    return {
      min: 20_000,
      max: 99_999,
      end: i + 3,
      vague: true,
      yearLike: false,
      isOne: false,
      numeral: false,
      scale: 1,
    };
  }
  if (l === "several" || l === "few" || (l === "a" && lowerIn(tokens, 0, te, i + 1) === "few")) {
    const at = l === "a" ? i + 2 : i + 1;
    const sc = VAGUE_SCALES.get(lowerIn(tokens, 0, te, at) ?? "");
    if (sc === undefined) return undefined;
    const lo = l === "several" ? 3 : 2;
    const hi = l === "several" ? 9 : 5;
    return {
      min: lo * sc,
      max: hi * sc,
      end: at + 1,
      vague: true,
      yearLike: false,
      isOne: false,
      numeral: false,
      scale: 1,
    };
  }
  if ((l === "a" || l === "an") && lowerIn(tokens, 0, te, i + 1) === "dozen") {
    return {
      min: 12,
      max: 12,
      end: i + 2,
      vague: true,
      yearLike: false,
      isOne: false,
      numeral: false,
      scale: 1,
    };
  }
  if (l === "a" || l === "an") {
    if (!SCALES.has(lowerIn(tokens, 0, te, i + 1) ?? "")) return undefined;
  } else if (!isNumberWord(l) && !(l.includes("-") && isNumberWord(l.split("-")[0]))) {
    return undefined;
  }
  // Spelled-out number: collect the sentence's lower-case words lazily (short window).
  const words: string[] = [];
  for (let x = i; x < Math.min(te, i + 12); x++) words.push(tokens[x].lower);
  const m = parseNumberWords(words, 0);
  if (!m) return undefined;
  let min = m.value;
  let max = m.value;
  let end = i + m.consumed;
  if (lowerIn(tokens, 0, te, end) === "dozen") {
    min *= 12;
    max *= 12;
    end++;
    return { min, max, end, vague: true, yearLike: false, isOne: false, numeral: false, scale: 12 };
  }
  const last = words[m.consumed - 1];
  const scale = SCALES.get(last) ?? 1;
  return {
    min,
    max,
    end,
    vague: false,
    yearLike: false,
    isOne: m.consumed === 1 && l === "one",
    numeral: false,
    scale,
  };
}

/** Removes quantities overlapping any date span (both lists are scanned once, in order). */
function dropDateOverlaps(qs: QuantityDetail[], doc: AnalysisDoc): QuantityDetail[] {
  const dates = [...doc.dates].sort((a, b) => a.start - b.start);
  const out: QuantityDetail[] = [];
  let d = 0;
  for (const q of qs) {
    while (d < dates.length && dates[d].end <= q.start) d++;
    let overlap = false;
    for (let x = d; x < dates.length && dates[x].start < q.end; x++) {
      if (dates[x].end > q.start) {
        overlap = true;
        break;
      }
    }
    if (!overlap) out.push(q);
  }
  return out;
}

export function createQuantityExtractor(options: Record<string, unknown> = {}): QuantityExtractor {
  return new QuantityExtractor({ respectDates: options.respectDates !== false });
}
