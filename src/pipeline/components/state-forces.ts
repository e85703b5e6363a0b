import type { AnalysisDoc, EntityMention, Token } from "../doc.js";
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
  /** The parent government's relation to it. */
  relation: "armed forces" | "police";
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

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

function isPunct(t: Token | undefined): boolean {
  return !!t && !/[\p{L}\p{N}]/u.test(t.text);
}

export class StateForces implements Component {
  readonly name = "actors.forces.v1";
  readonly requires = ["tokens", "sentences", "mentions"] as const;
  readonly assigns = ["mentions"] as const;

  process(doc: AnalysisDoc): void {
    const toks = doc.tokens;
    if (!toks.length) return;
    const docCountry = this.documentCountry(doc);
    // all-lower or all-upper text gives no capitalisation signal
    const cased = toks.filter((t) => /\p{Lu}/u.test(t.text)).length;
    const caseless = cased < toks.length * 0.02 || cased > toks.length * 0.6;
    const mentionAt = new Map<number, EntityMention[]>();
    for (const m of doc.mentions) {
      const list = mentionAt.get(m.start);
      if (list) list.push(m);
      else mentionAt.set(m.start, [m]);
    }
    const added: EntityMention[] = [];
    const removed = new Set<EntityMention>();
    let lastQualified: { country: string; sent: number } | undefined;
    for (let i = 0; i < toks.length; i++) {
      const hit = this.headAt(toks, i);
      if (!hit) continue;
      const [len, branch] = hit;
      const headEnd = i + len; // exclusive
      const next = toks[headEnd];
      if (next && next.sent === toks[i].sent && THING_AFTER.has(next.lower)) continue;
      if (
        branch === ARMED_FORCES &&
        len === 1 &&
        next &&
        next.sent === toks[i].sent &&
        !isPunct(next) &&
        !MILITARY_NOUN_AFTER.has(next.lower) &&
        !/ed$/.test(next.lower)
      )
        continue; // "the military operation": an adjective
      const start = toks[i].start;
      const end = toks[headEnd - 1].end;
      // a name that holds the head ("Army of National Liberation", "Free Syrian Army") wins
      const over = doc.mentions.filter((m) => m.start < end && start < m.end);
      const named = over.find(
        (m) => m.kind !== "government" && !COUNTRY_KINDS.has(m.kind) && !(m.start >= start && m.end <= end),
      );
      if (named) {
        i = headEnd - 1;
        continue;
      }
      // "of" + something that is not a country after the head: part of a name ("army of god")
      let country: string | undefined;
      let qualStart = start;
      let qualEnd = end;
      if (toks[headEnd]?.lower === "of" && toks[headEnd].sent === toks[i].sent) {
        const after = toks[headEnd + 1]?.lower === "the" ? headEnd + 2 : headEnd + 1;
        const m = toks[after]
          ? mentionAt.get(toks[after].start)?.find((x) => COUNTRY_KINDS.has(x.kind))
          : undefined;
        const c = m ? this.countryOf(doc, m) : undefined;
        if (!c) {
          i = headEnd - 1;
          continue;
        }
        country = c;
        qualEnd = m?.end ?? end;
      }
      // a qualifier right before: a demonym or country mention ending at the head (or a
      // government mention the place gazetteer made of "<demonym> army", which covers it)
      const gov = over.find((m) => m.kind === "government" && m.start <= start && m.end >= end);
      let qual: EntityMention | undefined;
      if (gov) {
        qual = gov;
        country ??= this.countryOf(doc, gov);
        qualStart = gov.start;
      } else {
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
          country ??= c;
          qual = pm;
          qualStart = pm.start;
        } else if (
          !caseless &&
          prev &&
          !DETERMINERS.has(prev.lower) &&
          /^\p{Lu}/u.test(prev.text) &&
          /^\p{Lu}/u.test(toks[i].text)
        ) {
          // a capitalised word before a capitalised head: a name we do not know ("Arakan Army")
          i = headEnd - 1;
          continue;
        }
      }
      // "The US military said the dead included a Navy corpsman and an Army soldier": a bare head
      // belongs to the country of a force named with one just before, else to the document's
      if (!country && lastQualified && toks[i].sent - lastQualified.sent <= 1)
        country = lastQualified.country;
      else if (country) lastQualified = { country, sent: toks[i].sent };
      country ??= docCountry;
      if (!country) {
        i = headEnd - 1;
        continue;
      }
      const id = this.ensureEntity(doc, country, branch);
      if (qual && qual.kind === "government") removed.add(qual);
      for (const m of over) if (m.kind === "organisation" && m.start >= start && m.end <= end) removed.add(m);
      // the mention: "<qualifier> army" when a demonym or country qualifies it, else the head
      // ("the government's air force" → "air force"); "armed forces of el salvador" whole
      const ms = qual ? Math.min(qualStart, start) : start;
      const me = Math.max(qualEnd, end);
      added.push({
        start: ms,
        end: me,
        text: doc.text.slice(ms, me),
        kind: "agency",
        entity: id,
        by: this.name,
      });
      i = headEnd - 1;
    }
    if (!added.length) return;
    doc.mentions = doc.mentions
      .filter((m) => !removed.has(m))
      .concat(added)
      .sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** The longest force head starting at token i, as [token count, branch]. */
  private headAt(toks: readonly Token[], i: number): [number, Branch] | undefined {
    for (const [words, branch] of HEADS) {
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

  /** The country a demonym, country, place or government mention stands for. */
  private countryOf(doc: AnalysisDoc, m: EntityMention): string | undefined {
    if (m.entity.startsWith("gov:") || m.entity.startsWith("country:")) return m.entity.split(":")[1];
    const rec = doc.entities.get(m.entity);
    if (rec?.geo?.precision === "country" && rec.geo.country) return rec.geo.country;
    if (m.demonym && rec?.geo?.country) return rec.geo.country;
    return undefined;
  }

  /** The country the document names most often (countries, governments, places in it); ties: first named. */
  private documentCountry(doc: AnalysisDoc): string | undefined {
    const counts = new Map<string, number>();
    for (const m of doc.mentions) {
      if (!COUNTRY_KINDS.has(m.kind)) continue;
      const rec = doc.entities.get(m.entity);
      const c = m.entity.startsWith("gov:") ? m.entity.slice(4) : rec?.geo?.country;
      if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let best: string | undefined;
    let n = 0;
    for (const [c, k] of counts) if (k > n) [best, n] = [c, k];
    return best;
  }

  private ensureEntity(doc: AnalysisDoc, country: string, branch: Branch): string {
    const id = `force:${country}-${branch.slug}`;
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
        name: `${branch.name} of ${cname}`,
        aliases: [],
        parent: `gov:${country}`,
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
