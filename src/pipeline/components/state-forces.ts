import type { AnalysisDoc, EntityMention, Token } from "../doc.js";
import { isMostlyLowerCase, isMostlyUpperCase } from "../phrase-matcher.js";
import type { Component } from "../pipeline.js";

/**
 * State forces as actors: "the army", "the armed forces", "the government's air force", "the
 * national police", "honduran army troops", "the armed forces of el salvador". Each becomes a
 * mention of a force entity of one country — `force:<CC>-<branch>` ("Army of El Salvador"), kind
 * `agency`, parent `gov:<CC>` — the way ACLED counts state forces (inter code 1) apart from
 * rebels and militias. The country comes from a demonym or country right before the head
 * ("salvadoran army", "el salvador's army"), or "of <country>" after it, else from the country
 * the document names most often; with no country in the document there is no mention.
 *
 * Runs after the gazetteers and the NER mentions: a group's name that contains a force word
 * ("Army of National Liberation", "Revolutionary Armed Forces of Colombia", "Irish Republican
 * Army") is already a mention and wins; a government mention the place gazetteer made for
 * "<demonym> army" is re-pointed at the force, and an NER organisation that is only the force
 * phrase ("armed forces") is replaced.
 */

interface Branch {
  slug: string;
  /** "Army of El Salvador". */
  name: string;
  /** The parent's relation to it; a named unit ("Atlacatl Battalion") is a unit of its country's army. */
  relation: "armed forces" | "police" | "unit";
}
const B = (slug: string, name: string, relation: Branch["relation"] = "armed forces"): Branch => ({
  slug,
  name,
  relation,
});
const ARMED_FORCES = B("armed-forces", "Armed Forces");
const ARMY = B("army", "Army");
const AIR_FORCE = B("air-force", "Air Force");
const NAVY = B("navy", "Navy");
const POLICE = B("police", "Police", "police");
const NATIONAL_GUARD = B("national-guard", "National Guard", "police");
const TREASURY_POLICE = B("treasury-police", "Treasury Police", "police");
const SECURITY_FORCES = B("security-forces", "Security Forces");

/** Force heads, as lower-case token sequences, longest first. */
const HEADS: [string[], Branch][] = (
  [
    ["armed forces", ARMED_FORCES],
    ["government forces", ARMED_FORCES],
    ["government troops", ARMED_FORCES],
    ["regime forces", ARMED_FORCES],
    ["military", ARMED_FORCES],
    ["army", ARMY],
    ["armies", ARMY],
    ["air force", AIR_FORCE],
    ["navy", NAVY],
    ["national police", POLICE],
    ["police", POLICE],
    ["national guard", NATIONAL_GUARD],
    ["treasury police", TREASURY_POLICE],
    ["security forces", SECURITY_FORCES],
  ] as [string, Branch][]
)
  .map(([p, b]) => [p.split(" "), b] as [string[], Branch])
  .sort((a, b) => b[0].length - a[0].length);

/** Words that end a unit's name ("the atlacatl battalion", "the 6th infantry brigade"). */
const UNIT_WORDS = new Set([
  "battalion",
  "brigade",
  "regiment",
  "division",
  "detachment",
  "corps",
  "squadron",
]);
/** Words that name a unit's arm between its number and its kind ("6th infantry brigade"). */
const UNIT_ARMS = new Set(
  "infantry artillery cavalry mechanized mechanised armored armoured airborne engineers engineer military marine mountain special commando".split(
    " ",
  ),
);
const ORDINAL =
  /^(?:\d+(?:st|nd|rd|th|d)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)$/;
/** Words before a unit word that are not its name ("the same battalion", "an army brigade"). */
const NOT_UNIT_NAME = new Set(
  (
    "the a an this that these those its their our his her each every any another other same entire whole " +
    "one two three four five six seven eight nine ten several many some first last next new old " +
    "army military police infantry artillery elite special rapid counterinsurgency reaction immediate " +
    "government rebel guerrilla insurgent enemy local regional national international brigade battalion " +
    "said says and or of in on at for to by with from after before against"
  ).split(" "),
);

/** The heads by their first word (one map lookup per token). */
const HEADS_BY_FIRST = new Map<string, [string[], Branch][]>();
for (const h of HEADS) {
  const list = HEADS_BY_FIRST.get(h[0][0]);
  if (list) list.push(h);
  else HEADS_BY_FIRST.set(h[0][0], [h]);
}

/** Words after a head that make it a modifier of a thing ("army base", "police station"). */
const THING_AFTER = new Set(
  (
    "station stations post posts headquarters barracks base bases academy school hospital garrison " +
    "installation installations car cars truck trucks vehicle vehicles helicopter helicopters plane planes " +
    "jeep jeeps building buildings checkpoint checkpoints outpost outposts camp camps uniform uniforms " +
    "operation operations offensive offensives service court courts aid advisers adviser sources source " +
    "spokesman spokesmen communique report reports analysts expert experts intelligence equipment " +
    "coup hardware budget age strategy doctrine targets target zone zones life press committee"
  ).split(" "),
);
/** After "military", words that keep it a noun ("the military said", "the military, which …"). */
const MILITARY_NOUN_AFTER = new Set(
  "and or has have had was were is are said says will would also of in on at for to which who that as since".split(
    " ",
  ),
);
/** Words between a country and a force head that keep the country its qualifier. */
const FORCE_MODIFIERS = new Set(
  "counter-terrorism counterterrorism anti-terrorism antiterrorism federal national military riot border secret state regional special elite tactical judicial criminal paramilitary".split(
    " ",
  ),
);
/** Words before a capitalised head that make it a common noun ("the Army"), not part of a name. */
const DETERMINERS = new Set(["the", "its", "their", "our", "his", "her", "a"]);
/** Kinds of mention that qualify a head with their country ("salvadoran army", "el salvador's army"). */
const COUNTRY_KINDS = new Set(["state", "government", "place"]);
const PLACE_KINDS = new Set(["state", "place"]);

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

function isPunct(t: Token | undefined): boolean {
  return !!t && !/[\p{L}\p{N}]/u.test(t.text);
}

/** A force phrase found in the text, before its country is settled. */
interface Found {
  /** Token index of the head and the token after it. */
  i: number;
  headEnd: number;
  branch: Branch;
  /** The mention's span: the head with its qualifier. */
  start: number;
  end: number;
  /** Mentions overlapping the head. */
  over: EntityMention[];
  /** The demonym, country or government mention that qualifies it. */
  qual?: EntityMention;
  /** The country the phrase itself names. */
  country?: string;
}

export class StateForces implements Component {
  readonly name = "actors.forces.v1";
  readonly requires = ["tokens", "sentences", "mentions"] as const;
  readonly assigns = ["mentions"] as const;

  process(doc: AnalysisDoc): void {
    const toks = doc.tokens;
    if (!toks.length) return;
    // all-lower or all-upper text gives no capitalisation signal
    const caseless = isMostlyUpperCase(doc.text) || isMostlyLowerCase(doc.text);
    const mentionAt = new Map<number, EntityMention[]>();
    for (const m of doc.mentions) {
      const list = mentionAt.get(m.start);
      if (list) list.push(m);
      else mentionAt.set(m.start, [m]);
    }
    const found: Found[] = [];
    for (let i = 0; i < toks.length; i++) {
      const f = this.match(doc, i, mentionAt, caseless);
      if (!f) continue;
      if ("branch" in f) found.push(f);
      i = ("branch" in f ? f.headEnd : f.resumeAt) - 1;
    }
    if (!found.length) return;
    // A bare head ("the armed forces") belongs to the country of the same force named with one
    // elsewhere in the document ("the salvadoran armed forces"); else to the country of a force
    // named with one in the same or previous sentence ("The US military said the dead included a
    // Navy corpsman and an Army soldier"); else to the document's.
    const byBranch = new Map<string, string>();
    for (const f of found)
      if (f.country && !byBranch.has(f.branch.slug)) byBranch.set(f.branch.slug, f.country);
    const docCountry = this.documentCountry(doc);
    let last: { country: string; sent: number } | undefined;
    const added: EntityMention[] = [];
    const removed = new Set<EntityMention>();
    for (const f of found) {
      const sent = toks[f.i].sent;
      let country = f.country;
      if (country) last = { country, sent };
      else
        country =
          byBranch.get(f.branch.slug) ??
          (last && sent - last.sent <= 1 ? last.country : undefined) ??
          docCountry;
      if (!country) continue;
      const id = this.ensureEntity(doc, country, f.branch);
      if (f.branch.relation === "unit") {
        this.ensureEntity(doc, country, ARMY); // the unit's parent
        // a unit's name is not a place ("arce" in "arce battalion")
        for (const m of f.over)
          if (PLACE_KINDS.has(m.kind) && m.start >= f.start && m.end <= f.end) removed.add(m);
      }
      if (f.qual?.kind === "government") removed.add(f.qual);
      for (const m of f.over)
        if (m.kind === "organisation" && m.start >= f.start && m.end <= f.end) removed.add(m);
      added.push({
        start: f.start,
        end: f.end,
        text: doc.text.slice(f.start, f.end),
        kind: "agency",
        entity: id,
        by: this.name,
      });
    }
    if (!added.length) return;
    doc.mentions = doc.mentions
      .filter((m) => !removed.has(m))
      .concat(added)
      .sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /**
   * The force phrase at token i: its head, its mention's span (with a demonym or country that
   * qualifies it: "honduran army", "armed forces of el salvador"; not "the government's"), and
   * the country the phrase itself names; `resumeAt` for a head that is part of a name or a
   * modifier of a thing.
   */
  private match(
    doc: AnalysisDoc,
    i: number,
    mentionAt: Map<number, EntityMention[]>,
    caseless: boolean,
  ): Found | { resumeAt: number } | undefined {
    const toks = doc.tokens;
    const hit = this.headAt(toks, i, caseless);
    if (!hit) return undefined;
    const [len, branch] = hit;
    const headEnd = i + len; // exclusive
    const next = toks[headEnd];
    if (next && next.sent === toks[i].sent && THING_AFTER.has(next.lower)) return { resumeAt: i + 1 };
    if (
      branch === ARMED_FORCES &&
      len === 1 &&
      next &&
      next.sent === toks[i].sent &&
      !isPunct(next) &&
      !MILITARY_NOUN_AFTER.has(next.lower) &&
      !/ed$/.test(next.lower)
    )
      return { resumeAt: i + 1 }; // "the military operation": an adjective
    const start = toks[i].start;
    const end = toks[headEnd - 1].end;
    // a name that holds the head ("Army of National Liberation", "Free Syrian Army") wins
    const over = doc.mentions.filter((m) => m.start < end && start < m.end);
    if (
      over.some(
        (m) => m.kind !== "government" && !COUNTRY_KINDS.has(m.kind) && !(m.start >= start && m.end <= end),
      )
    )
      return { resumeAt: headEnd };
    const found: Found = { i, headEnd, branch, start, end, over };
    // "of" + something that is not a country after the head: part of a name ("army of god")
    if (toks[headEnd]?.lower === "of" && toks[headEnd].sent === toks[i].sent) {
      const after = toks[headEnd + 1]?.lower === "the" ? headEnd + 2 : headEnd + 1;
      const m = toks[after]
        ? mentionAt.get(toks[after].start)?.find((x) => COUNTRY_KINDS.has(x.kind))
        : undefined;
      const c = m ? this.countryOf(doc, m) : undefined;
      if (!m || !c) return { resumeAt: headEnd };
      found.country = c;
      found.end = m.end;
    }
    // a qualifier right before: a demonym or country mention ending at the head (or a
    // government mention the place gazetteer made of "<demonym> army", which covers it)
    const gov = over.find((m) => m.kind === "government" && m.start <= start && m.end >= end);
    if (gov) {
      found.qual = gov;
      found.country ??= this.countryOf(doc, gov);
      found.start = Math.min(found.start, gov.start);
      return found;
    }
    let k = i - 1;
    if (k >= 0 && /^['’]s$/.test(toks[k].text)) k--;
    const prev = k >= 0 && toks[k].sent === toks[i].sent ? toks[k] : undefined;
    const qualifierEndingAt = (t: Token | undefined) =>
      t
        ? doc.mentions.find((m) => m.end === t.end && COUNTRY_KINDS.has(m.kind) && m.start < start)
        : undefined;
    // "Pakistani counter-terrorism police", "German federal police": one modifier between
    const pm =
      qualifierEndingAt(prev) ??
      (prev && FORCE_MODIFIERS.has(prev.lower) && toks[k - 1]?.sent === toks[i].sent
        ? qualifierEndingAt(toks[k - 1])
        : undefined);
    const c = pm ? this.countryOf(doc, pm) : undefined;
    if (pm && c) {
      found.country ??= c;
      found.qual = pm;
      found.start = Math.min(found.start, pm.start);
    } else if (
      !caseless &&
      prev &&
      !DETERMINERS.has(prev.lower) &&
      /^\p{Lu}/u.test(prev.text) &&
      /^\p{Lu}/u.test(toks[i].text)
    ) {
      // a capitalised word before a capitalised head: a name we do not know ("Arakan Army")
      return { resumeAt: headEnd };
    }
    return found;
  }

  /** The longest force head starting at token i, as [token count, branch]. */
  private headAt(toks: readonly Token[], i: number, caseless: boolean): [number, Branch] | undefined {
    const unit = this.unitAt(toks, i, caseless);
    if (unit) return unit;
    for (const [words, branch] of HEADS_BY_FIRST.get(toks[i].lower) ?? []) {
      if (i + words.length > toks.length) continue;
      let ok = true;
      for (let k = 0; k < words.length; k++) {
        const t = toks[i + k];
        if (t.lower !== words[k] || t.sent !== toks[i].sent) {
          ok = false;
          break;
        }
      }
      if (ok) return [words.length, branch];
    }
    return undefined;
  }

  /**
   * A named unit starting at token i: "6th infantry brigade", "11th brigade", "atlacatl
   * battalion", "military detachment no 4"; in cased text a name must be capitalised.
   */
  private unitAt(toks: readonly Token[], i: number, caseless: boolean): [number, Branch] | undefined {
    const w = toks[i].lower;
    // every unit has its kind word one or two tokens on ("atlacatl battalion", "6th infantry
    // brigade"), or starts with it ("detachment no 4")
    if (
      w !== "detachment" &&
      !UNIT_WORDS.has(toks[i + 1]?.lower ?? "") &&
      !UNIT_WORDS.has(toks[i + 2]?.lower ?? "")
    )
      return undefined;
    const same = (k: number) => k < toks.length && toks[k].sent === toks[i].sent;
    let end = -1; // exclusive
    if (ORDINAL.test(w)) {
      let k = i + 1;
      if (same(k) && UNIT_ARMS.has(toks[k].lower)) k++;
      if (same(k) && UNIT_WORDS.has(toks[k].lower)) end = k + 1;
    } else if ((w === "military" || w === "detachment") && same(i + 2)) {
      // "military detachment no 4", "detachment no. 4"
      let k = w === "military" ? i + 1 : i;
      if (toks[k].lower !== "detachment") return undefined;
      k++;
      if (same(k) && /^(no|no\.|number)$/.test(toks[k].lower)) k++;
      if (toks[k]?.text === ".") k++;
      if (same(k) && /^\d+$/.test(toks[k].text)) end = k + 1;
    } else if (
      same(i + 1) &&
      ["battalion", "brigade", "regiment"].includes(toks[i + 1].lower) &&
      /^\p{L}{3,}$/u.test(toks[i].text) &&
      !NOT_UNIT_NAME.has(w) &&
      !/(?:ed|ing|ly)$/.test(w) &&
      (caseless || /^\p{Lu}/u.test(toks[i].text))
    ) {
      end = i + 2;
    }
    if (end < 0) return undefined;
    const words = toks.slice(i, end).map((t) => t.lower.replace(/\.$/, ""));
    const title = words.map((x) => (/^\d/.test(x) ? x : x[0].toUpperCase() + x.slice(1))).join(" ");
    return [end - i, { slug: words.join("-"), name: title, relation: "unit" }];
  }

  /** The country a demonym, country, place or government mention stands for. */
  private countryOf(doc: AnalysisDoc, m: EntityMention): string | undefined {
    if (m.entity.startsWith("gov:") || m.entity.startsWith("country:")) return m.entity.split(":")[1];
    const rec = doc.entities.get(m.entity);
    if (rec?.geo?.precision === "country" && rec.geo.country) return rec.geo.country;
    if (m.demonym && rec?.geo?.country) return rec.geo.country;
    return undefined;
  }

  /**
   * The country the document is about: the one its countries, governments and places name most
   * often, towns and provinces weighing three times and groups active in one country twice;
   * ties: first named.
   */
  private documentCountry(doc: AnalysisDoc): string | undefined {
    const counts = new Map<string, number>();
    for (const m of doc.mentions) {
      const rec = doc.entities.get(m.entity);
      // a group of one country says where the story is: a report on the FMLN is about El Salvador
      if (m.kind === "armed_group" && rec?.countries?.length === 1) {
        counts.set(rec.countries[0], (counts.get(rec.countries[0]) ?? 0) + 2);
        continue;
      }
      if (!COUNTRY_KINDS.has(m.kind)) continue;
      const c = m.entity.startsWith("gov:") ? m.entity.slice(4) : rec?.geo?.country;
      // a town or province says where the story happens more than a country named in passing
      // ("u.s. aid" in a San Salvador story): it counts three times
      const local = rec?.geo?.precision === "city" || rec?.geo?.precision === "admin";
      if (c) counts.set(c, (counts.get(c) ?? 0) + (local ? 3 : 1));
    }
    let best: string | undefined;
    let n = 0;
    for (const [c, k] of counts) if (k > n) [best, n] = [c, k];
    return best;
  }

  private ensureEntity(doc: AnalysisDoc, country: string, branch: Branch): string {
    const id = `force:${country}-${branch.slug}`;
    const unit = branch.relation === "unit";
    if (!doc.entities.has(id)) {
      let cname = country;
      try {
        cname = regionNames.of(country) ?? country;
      } catch {
        // an unknown code keeps the code
      }
      doc.addEntity({
        id,
        kind: "agency",
        // "Army of El Salvador"; a unit: "Atlacatl Battalion (El Salvador)"
        name: unit ? `${branch.name} (${cname})` : `${branch.name} of ${cname}`,
        aliases: [],
        parent: unit ? `force:${country}-army` : `gov:${country}`,
        parentRelation: branch.relation,
        countries: [country],
      });
    }
    return id;
  }
}

/** Whether a mention is of a state force this component made. */
export function isStateForce(m: { entity: string }): boolean {
  return m.entity.startsWith("force:");
}

export function createStateForces(): StateForces {
  return new StateForces();
}
