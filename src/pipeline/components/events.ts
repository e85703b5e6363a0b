import {
  type AttributionStatus,
  type Claim,
  type Event,
  type EventType,
  greatCircleKm,
  makeId,
  type Range,
  type Span,
  slugify,
  type Target,
  type TargetType,
} from "../../core/index.js";
import { ACTOR_KINDS, Discourse, SPEECH_WORDS } from "../discourse.js";
import type { AnalysisDoc, DateMention, EntityMention, Token } from "../doc.js";
import type { Component } from "../pipeline.js";
import { cover, evidence } from "../span-utils.js";
import { eventRoleSpans, type RoleSpan } from "./event-roles.js";
import { isStateForce } from "./state-forces.js";

interface TriggerDef {
  type: EventType;
  subtype?: string;
  plural?: boolean;
}

/** The last word of a phrase, lower-cased: "the presidential farm" → "farm". */
function headOf(text: string): string {
  const words = text.toLowerCase().split(/\s+/);
  return words[words.length - 1] ?? "";
}

/**
 * Whether two events each name what or whom they hit, and name different things: both have
 * physical targets and no two share a head word or entity, or both have named victims (people
 * the text names) and none is the same person or shares a name word — and nothing else of theirs
 * is shared. A description ("two people") never separates two reports.
 */
function distinctHits(f: Event, e: Event): boolean {
  const fv = (f.victims ?? []).filter((v) => v.entity);
  const ev = (e.victims ?? []).filter((v) => v.entity);
  for (const a of f.targets)
    for (const b of e.targets)
      if ((a.entity && a.entity === b.entity) || headOf(a.text) === headOf(b.text)) return false;
  for (const a of f.victims ?? [])
    for (const b of e.victims ?? []) {
      if (a.entity && a.entity === b.entity) return false;
      const words = new Set(a.text.toLowerCase().split(/\s+/));
      if (
        b.text
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.length > 2 && words.has(w))
      )
        return false;
    }
  return (f.targets.length > 0 && e.targets.length > 0) || (fv.length > 0 && ev.length > 0);
}

/** Words that open an aside inside a subject: "two people, including the governor, were killed". */
const APPOSITION_OPENERS = new Set(["including", "among", "mostly", "mainly", "among them"]);

/** Verbs that make "hostage(s)" a hostage-taking: "held hostage", "took … hostage". */
const HOSTAGE_VERBS = new Set([
  "held",
  "holding",
  "hold",
  "holds",
  "taken",
  "took",
  "take",
  "takes",
  "taking",
  "seized",
  "keep",
  "kept",
  "keeping",
]);

/** Words that make a following trigger the name of an offence someone is charged with. */
const CHARGE_WORDS = new Set(["charges", "charged", "convicted", "indicted", "sentenced"]);

/** Auxiliaries of a passive ("were attacked", "was reportedly kidnapped"). */
const PASSIVE_AUX = new Set(["was", "were", "been", "being", "is", "are", "be", "got"]);

/** Verbs that make a bombing of the explosives they place: "placed 11 bombs", "planted a bomb". */
const PLACING_VERBS = new Set(["placed", "planted", "hurled", "threw", "tossed", "set"]);

/** Trigger words (folded) → event type and subtype. Taxonomy: docs/taxonomy.md. */
const TRIGGERS = new Map<string, TriggerDef>();
function def(words: string, d: TriggerDef): void {
  for (const w of words.split(" ")) TRIGGERS.set(w, d);
}
def("attack attacked", { type: "attack", subtype: "unknown" });
def("attacks", { type: "attack", subtype: "unknown", plural: true });
def("assault assaulted raid stormed ambush ambushed massacre shooting rampage", {
  type: "attack",
  subtype: "armed_assault",
});
def("assaults raids ambushes shootings", { type: "attack", subtype: "armed_assault", plural: true });
def("bombing bombed blast explosion exploded detonated", { type: "attack", subtype: "bombing" });
def("bombings blasts explosions", { type: "attack", subtype: "bombing", plural: true });
def("assassination assassinated assassinate", { type: "attack", subtype: "assassination" });
def("assassinations", { type: "attack", subtype: "assassination", plural: true });
def("kidnapping kidnapped abducted abduction", { type: "attack", subtype: "kidnapping" });
def("kidnappings abductions", { type: "attack", subtype: "kidnapping", plural: true });
def("hostage-taking", { type: "attack", subtype: "hostage_taking" });
def("arson torched burned burnt", { type: "attack", subtype: "arson" });
def("robbery robbed looted", { type: "attack", subtype: "robbery" });
def("murdered murder massacred machinegunned", { type: "attack", subtype: "armed_assault" });
def("dynamited", { type: "attack", subtype: "bombing" });
def("hijacking hijacked", { type: "attack", subtype: "hijacking" });
def("arrest arrested detained apprehended", { type: "arrest", subtype: "arrest" });
def("arrests detentions", { type: "arrest", subtype: "arrest", plural: true });
def("plot foiled thwarted", { type: "plot", subtype: "plot" });
def("plots", { type: "plot", subtype: "plot", plural: true });
def("clash clashed battle fighting offensive", { type: "clash", subtype: "armed_clash" });
def("clashes battles", { type: "clash", subtype: "armed_clash", plural: true });

/** Words of harm that are incidents only with role evidence from the event-role tagger. */
const HARM_WORDS = new Map<string, TriggerDef>();
for (const w of "killed killing killings murdering shot fired wounded injured destroyed damaged exploded".split(
  " ",
))
  HARM_WORDS.set(w, { type: "attack", subtype: w === "exploded" ? "bombing" : "unknown" });

/** Words before a trigger that make it unreal (ability, intent, risk), not an event that happened. */
const IRREALIS = new Set([
  "to",
  "launch",
  "capability",
  "ability",
  "capable",
  "ambition",
  "ambitions",
  "planning",
  "plan",
  "plans",
  "plotting",
  "planned",
  "potential",
  "possible",
  "could",
  "would",
  "might",
  "may",
  "vulnerability",
  "vulnerable",
  "risk",
  "threat",
  "threats",
  "future",
  "prevent",
  "preventing",
  "against",
]);

/** Head nouns → GTD target types. */
const TARGET_TYPES = new Map<string, TargetType>();
function tt(words: string, t: TargetType): void {
  for (const w of words.split(" ")) TARGET_TYPES.set(w, t);
}
tt("hall venue mall market bazaar hotel restaurant cafe shop shops bank business company", "business");
tt(
  "concert theatre theater stadium arena festival crowd crowds rally gathering",
  "private_citizens_property",
);
tt(
  "civilians people residents villagers worshippers shoppers spectators audience",
  "private_citizens_property",
);
tt("embassy consulate diplomats diplomat ambassador", "government_diplomatic");
tt("ministry parliament governor official officials government mayor minister", "government_general");
tt("jet plane airliner aircraft flight airport helicopter", "airports_aircraft");
tt(
  "mosque church shrine temple synagogue cathedral cleric clerics imam priest priests",
  "religious_figures_institutions",
);
tt("police policemen checkpoint station", "police");
tt(
  "army soldiers troops military base convoy patrol barracks forces regiment regiments brigade brigades battalion battalions garrison garrisons outpost outposts detachment detachments platoon",
  "military",
);
tt("school university students college", "educational_institution");
tt("bus train railway subway metro bridge road highway", "transportation");
tt("journalists journalist newspaper broadcaster reporters", "journalists_media");
tt("tourists", "tourists");
tt("pipeline power tower towers grid substation dam", "utilities");
tt("taliban militants militia fighters", "terrorists_non_state_militia");

/** Heads of physical targets (buildings, vehicles, installations) → GTD target types. */
/** Words that never start or end a target ("the bridge and" → "bridge"). */
const EDGE_WORDS = new Set(
  "the a an and or of for in on at by to with from as that which its his her their , . ; :".split(" "),
);

/** Heads of the media a claim or statement comes through: never the physical target of an attack. */
const MEDIA_HEADS = new Set(
  "channel channels website websites account accounts statement statements communique communiques post posts message messages".split(
    " ",
  ),
);

const PHYSICAL_HEADS = new Map<string, TargetType>();
function ph(words: string, t: TargetType): void {
  for (const w of words.split(" ")) PHYSICAL_HEADS.set(w, t);
}
ph(
  "house houses home homes residence residences building buildings office offices headquarters",
  "private_citizens_property",
);
ph("bank banks branch branches hotel restaurant store shop shops drugstore supermarket", "business");
ph("embassy consulate", "government_diplomatic");
ph("church", "religious_figures_institutions");
ph("vehicle vehicles car cars truck trucks bus buses jeep train plane airplane", "transportation");
ph("tower towers pylon pylons transformer transformers substation powerline powerlines", "utilities");
ph("barracks", "military");
const MAX_PHYSICAL_TARGETS = 5;
const HUMAN_SUBTYPES = new Set(["kidnapping", "hostage_taking", "assassination"]);
/** Triggers that name the killing of people: with its victims named, that is an incident ("murdered six priests"). */
const MURDER_WORDS = new Set(["murder", "murdered", "massacre", "massacred", "machinegunned"]);

/** Verb triggers whose direct object is the target ("stormed the Crocus City Hall"). */
const TRANSITIVE = new Set([
  "attacked",
  "stormed",
  "bombed",
  "assaulted",
  "ambushed",
  "raided",
  "assassinated",
  "kidnapped",
  "abducted",
  "torched",
  "hijacked",
  "targeted",
]);
/** Weapon head words (folded) → GTD weapon type; modifiers before the head are kept ("car bomb", "81-mm mortars"). */
const WEAPONS = new Map<string, string>();
function wp(words: string, t: string): void {
  for (const w of words.split(" ")) WEAPONS.set(w, t);
}
wp(
  "bomb bombs explosives explosive ied ieds dynamite grenade grenades mine mines mortar mortars rocket rockets missile missiles vest vests belt belts",
  "explosives",
);
wp(
  "rifle rifles gun guns firearms pistol pistols kalashnikov kalashnikovs ak-47 ak-47s m-16 machine-gun machine-guns",
  "firearms",
);
wp("knife knives machete machetes axe", "melee");
wp("truck vehicle car", "vehicle");
wp("petrol gasoline molotov incendiary", "incendiary");
/** Head words above that are weapons only with a modifier ("car bomb", not "car"; "explosive belts", not "belts"). */
const WEAPON_NEEDS_MODIFIER = new Set([
  "vest",
  "vests",
  "belt",
  "belts",
  "truck",
  "vehicle",
  "car",
  "mine",
  "mines",
]);
const WEAPON_MODIFIERS = new Set([
  "car",
  "truck",
  "suicide",
  "explosive",
  "roadside",
  "machine",
  "assault",
  "hand",
  "sticky",
  "magnetic",
  "land",
  "vehicle-borne",
  "homemade",
]);

const TARGET_PREPS = new Set(["on", "against", "targeting", "of", "at"]);
/** Tokens that end a target noun phrase when no tagger ran. */
const NP_STOP = new Set([
  "in",
  "at",
  "near",
  "by",
  "and",
  "or",
  "that",
  "which",
  "who",
  "where",
  "when",
  "on",
  "of",
  "for",
  "with",
  "from",
  "as",
  "was",
  "were",
  "is",
  "are",
  "has",
  "have",
  "had",
  "serves",
  "killed",
  "killing",
  "left",
  "underscore",
  "underscores",
  "claimed",
  "being",
  "suspected",
  "accused",
  "believed",
  "said",
  "linked",
  "who",
]);
const DETERMINERS = new Set([
  "a",
  "an",
  "the",
  "its",
  "their",
  "his",
  "her",
  "this",
  "that",
  "these",
  "those",
]);

const KILLED = /^\W{0,3}(?:\w+\s+){0,3}?(killed|dead|died|deaths|lives|fatalities|slain|murdered)\b/i;
const WOUNDED = /^\W{0,3}(?:\w+\s+){0,3}?(wounded|injured|hurt|injuries|casualties)\b/i;

const CLAIM_WORDS = new Set(["claimed", "claims", "claim"]);
const PERFECT_AUX = new Set(["has", "have"]);
/** Nouns of a series of incidents ("a string of assaults"). */
const SERIES_NOUNS = new Set(["string", "series", "wave", "spate", "campaign", "succession"]);
/** Verbs of a trend ("attacks … have increased"). */
const TREND_VERBS = new Set(
  "increased increase increases risen rose rise rises grown grew surged declined decreased fallen fell doubled tripled intensified escalated".split(
    " ",
  ),
);
/** Verbs of a campaign before a plural incident noun ("has kept up attacks", "have carried out bombings"). */
const CAMPAIGN_VERBS = new Set([
  "kept",
  "up",
  "carried",
  "out",
  "stepped",
  "launched",
  "continued",
  "mounted",
  "waged",
]);
/** Adverbs of habit ("has repeatedly targeted"). */
const HABITUAL_ADVERBS = new Set([
  "repeatedly",
  "frequently",
  "often",
  "regularly",
  "routinely",
  "previously",
]);
/** Words right before a group that make it the one acted upon ("against ISIS-K", "attack on the Taliban"). */
const HOSTILE_BEFORE = new Set([
  "eliminate",
  "against",
  "on",
  "targeting",
  "fight",
  "defeat",
  "destroy",
  "of",
]);
/** Words that may stand between a subject and its verb ("the army has reportedly killed"). */
const SUBJECT_GAP = new Set(
  "has have had also reportedly allegedly then later yesterday today again apparently troops soldiers units members elements personnel".split(
    " ",
  ),
);
const BE_FORMS = new Set(["is", "are", "was", "were", "be", "been"]);
/** Members of a force standing for it ("armed forces elements are responsible"). */
const FORCE_PARTS = new Set(["elements", "members", "units", "officers", "personnel", "troops", "soldiers"]);
/** Words that open a clause: its subject comes after them. */
const CLAUSE_OPENERS = new Set(["that", "which", "who", "and", "but", "while", "when", ",", ";", ":"]);
/** Words that alone name no victim ("died", "saying he"). */
const NOT_A_VICTIM = new Set(
  "he she they him her them it his its their we us i you saying says died dies die dying group organisation organization".split(
    " ",
  ),
);
/** Gatherings that commemorate someone ("a memorial for …", "the funeral of …"). */
const COMMEMORATIONS = new Set([
  "memorial",
  "funeral",
  "anniversary",
  "commemoration",
  "tribute",
  "vigil",
  "mourning",
]);
/** Whose branch is a building ("bank branch offices", "the branch of the electric enterprise"). */
const BRANCH_OWNERS = new Set([
  "bank",
  "banks",
  "banco",
  "store",
  "company",
  "enterprise",
  "office",
  "post",
  "insurance",
]);
/** Adjectives that follow a noun with a phrase of their own ("a hotel popular with foreigners"). */
const POSTMODIFIERS = new Set(
  "popular frequented favoured favored known famous close near next full packed crowded located used owned run".split(
    " ",
  ),
);
/** How far from a province's middle its towns are taken to lie, for event coreference. */
const PROVINCE_RADIUS_KM = 350;
/** How far a suburb lies from its town ("Soyapango" and "San Salvador"). */
const SUBURB_RADIUS_KM = 25;
/** Words for the fighters or positions of an armed group. */
const ARMED_PARTY =
  /\b(guerrillas?|rebels?|insurgents?|subversives?|terrorists?|militants?|combatants?|fighters|positions|strongholds?|camps?)\b/i;
/** Individual attackers who are a state's ("troops", "army soldiers", "national police members"). */
const STATE_AGENTS = /\b(troops|soldiers|army|military|police|policemen|guardsmen|servicemen)\b/i;
/** Triggers after which "of <state force>" names who did it ("the bombings of the air force"). */
const AERIAL_TRIGGERS = new Set(
  "bombing bombings bombardment bombardments shelling shellings strafing strafings airstrike airstrikes".split(
    " ",
  ),
);
const ATTRIBUTION_WORDS = new Set(["attributed", "blamed", "responsible", "behind"]);
const SUSPECT_WORDS = new Set([
  "suspected",
  "suspect",
  "believed",
  "linked",
  "coordination",
  "alleged",
  "allegedly",
  "instructions",
  "behalf",
  "inspired",
  "allegiance",
]);
/** Subjects that "attack" only in words: "propaganda … has attacked the Taliban's contacts". */
const FIGURATIVE_SUBJECTS = new Set([
  "propaganda",
  "rhetoric",
  "editorial",
  "magazine",
  "statements",
  "speeches",
  "criticism",
]);
/** "to carry out / launch / stage an attack": an instruction or intent, not an attack. */
const INTENT_VERBS = new Set([
  "carry",
  "launch",
  "stage",
  "conduct",
  "commit",
  "mount",
  "plan",
  "plot",
  "prepare",
]);
/** Nouns a group's possessive names when the group is the one attacking. */
const HOSTILE_POSSESSIONS = new Set([
  "antagonism",
  "hostility",
  "campaign",
  "fighters",
  "militants",
  "members",
  "bomber",
  "bombers",
  "gunmen",
  "operatives",
  "cell",
  "war",
  "attackers",
  "insurgency",
]);
/** Words between a group and a later trigger that show the group is not its subject. */
const AGENT_BREAKS = new Set([
  "which",
  "who",
  "whom",
  "that",
  "since",
  "after",
  "before",
  "while",
  "when",
  "where",
  "said",
  "says",
  "against",
  "than",
  "but",
  "although",
  "though",
  "whereas",
]);
/** Words that number a plural trigger into one incident: "two explosions", "twin blasts". */
const COUNTED = new Set([
  "two",
  "three",
  "four",
  "twin",
  "double",
  "triple",
  "multiple",
  "several",
  "coordinated",
  "simultaneous",
  "series",
]);
/** Nouns after a trigger word that make it a modifier: "attack helicopter", "attack emergency". */
const COMPOUND_HEADS = new Set([
  "helicopter",
  "helicopters",
  "dog",
  "dogs",
  "emergency",
  "alert",
  "alerts",
  "level",
  "levels",
  "threat",
  "threats",
  "warning",
  "warnings",
  "plan",
  "plans",
  "squad",
  "disposal",
  "scare",
  "drill",
  "drills",
  "submarine",
  "aircraft",
]);
/** Words before a trigger that compare rather than report: "the deadliest attack in …". */
const COMPARATIVE = new Set([
  "deadliest",
  "worst",
  "bloodiest",
  "biggest",
  "largest",
  "first",
  "latest",
  "previous",
  "similar",
  "earlier",
]);
/** Nouns of time that follow "on"/"at" but are not targets ("the attack on the night …"). */
const TIME_NOUNS = new Set([
  "night",
  "day",
  "morning",
  "evening",
  "afternoon",
  "weekend",
  "eve",
  "anniversary",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);
/** Nouns of people acting for a state: a country right before them is the agent's, not a place. */
const AGENT_NOUNS = new Set([
  "officials",
  "official",
  "authorities",
  "forces",
  "troops",
  "government",
  "police",
  "intelligence",
  "military",
  "diplomats",
  "spokesman",
  "president",
  "minister",
  "prosecutors",
  "investigators",
]);
/** Words between a determiner and a trigger that show the determiner belongs to something else. */
const BREAKS_DETERMINER = new Set([
  "in",
  "on",
  "of",
  "at",
  "by",
  "for",
  "with",
  "to",
  "from",
  "and",
  "or",
  "after",
  "before",
  "since",
  "that",
  "which",
]);
/** Time adverbs that end a noun phrase. */
const TIME_WORDS = new Set([
  "ago",
  "today",
  "yesterday",
  "tonight",
  "early",
  "late",
  "last",
  "earlier",
  "later",
  "again",
  "recently",
]);
/** Heads of phrases that describe individual perpetrators. */
const ATTACKER_HEADS = new Set([
  "gunmen",
  "gunman",
  "guerrillas",
  "guerrilla",
  "terrorists",
  "terrorist",
  "militants",
  "militant",
  "attackers",
  "attacker",
  "bomber",
  "bombers",
  "assailants",
  "assailant",
  "insurgents",
  "insurgent",
  "rebels",
  "jihadists",
  "fighters",
  "men",
  "individuals",
  "suspects",
  "commando",
  "commandos",
  "kidnappers",
  "hijackers",
  "soldiers",
  "troops",
]);
/** Heads of the agent of a passive harm verb ("killed by …") that describe individual perpetrators. */
const BY_AGENT_HEADS = new Set([
  ...ATTACKER_HEADS,
  "assassins",
  "assassin",
  "traffickers",
  "soldiers",
  "troops",
  "squads",
  "squad",
  "criminals",
  "persons",
  "person",
  "members",
  "man",
  "woman",
  "youths",
  "group",
  "forces",
  "individuals",
]);
/** Words of time a noun phrase never grows across: "on 1 november urban guerrillas", "in the last few hours terrorists". */
const TIME_UNITS = new Set([
  ...TIME_NOUNS,
  ...TIME_WORDS,
  ..."january february march april may june july august september october november december".split(" "),
  ..."jan feb mar apr jun jul aug sep sept oct nov dec".split(" "),
  ..."hour hours minute minutes days week weeks month months year years decade decades".split(" "),
  ..."tonight tomorrow dawn midnight noon daybreak nightfall a.m. p.m. am pm gmt hrs".split(" "),
]);
/** A clock time written as wire copy does: "0640", "2220", "18:30". */
const CLOCK_TIME = /^(?:[01]\d|2[0-3])[0-5]\d$|^\d{1,2}[:.][0-5]\d$/;
/** Participles that do modify a noun of people ("armed men", "masked gunmen", "paid assassins"). */
const PARTICIPLE_MODIFIERS = new Set([
  "armed",
  "heavily-armed",
  "well-armed",
  "uniformed",
  "masked",
  "hooded",
  "unidentified",
  "hired",
  "paid",
  "alleged",
  "presumed",
  "suspected",
  "disguised",
  "camouflaged",
  "trained",
  "organized",
  "organised",
  "wanted",
  "unnamed",
  "so-called",
  "self-styled",
  "self-proclaimed",
  "united",
]);
/** Plural nouns that do modify another noun ("arms traffickers"). */
const PLURAL_MODIFIERS = new Set(["arms", "drugs", "narcotics", "news", "communications"]);
/** Words that start a noun phrase of their own: nothing before them belongs to a phrase after them. */
const PHRASE_OPENERS = new Set(["same", "such", "whose", "hereby", "thereby", "also", "even", "just"]);
/** Nouns after a singular perpetrator word that make the word a modifier: "terrorist attacks", "guerrilla offensive". */
const ACT_NOUNS = new Set([
  "act",
  "acts",
  "action",
  "actions",
  "activity",
  "activities",
  "violence",
  "campaign",
  "campaigns",
  "offensive",
  "offensives",
  "wave",
  "operation",
  "operations",
  "incident",
  "incidents",
  "threat",
  "threats",
  "sabotage",
  "war",
  "warfare",
  "aggression",
  "crime",
  "crimes",
  "organization",
  "organizations",
  "organisation",
  "organisations",
  "movement",
  "movements",
  "leader",
  "leaders",
  "leadership",
  "chief",
  "camp",
  "camps",
  "base",
  "bases",
  "hideout",
  "hideouts",
  "stronghold",
  "strongholds",
  "propaganda",
  "front",
  "fronts",
  "infrastructure",
  "tactics",
  "methods",
  "group",
  "groups",
]);
/** Nouns of armed units after a perpetrator word that are part of its phrase: "guerrilla column", "urban commando units". */
const UNIT_NOUNS = new Set([
  "column",
  "columns",
  "unit",
  "units",
  "commando",
  "commandos",
  "squad",
  "squads",
  "cell",
  "cells",
  "band",
  "bands",
  "detachment",
  "detachments",
  "force",
  "forces",
]);

/** Head nouns of people: a phrase with one of them as its head names victims, never a physical target. */
const HUMAN_HEADS = new Set(
  `people persons person individuals individual residents resident inhabitants population citizens citizen nationals
  members member officials official civilians civilian peasants peasant farmers farmer workers worker employees employee
  staff personnel crew owner owners manager managers executive executives businessman businessmen businesswoman
  industrialist industrialists banker bankers lawyer lawyers economist engineer engineers technician technicians
  doctor doctors nurse nurses patients patient teacher teachers students student pupils professor professors
  journalists journalist reporter reporters newsman newsmen photographer photographers cameraman
  priests priest jesuits jesuit nuns nun clergy clergyman bishop bishops archbishop monsignor cardinal pastor rabbi imam
  cleric clerics worshippers pilgrims mourners
  soldiers soldier troops guards guard bodyguards bodyguard policemen policeman police officers officer agents agent
  guardsmen guardsman marines marine sentries sentry recruits
  secretary director directors colonel colonels commander commanders general generals captain captains lieutenant
  lieutenants sergeant sergeants corporal private chief chiefs head
  president vice-president minister ministers governor governors mayor mayors judge judges magistrate magistrates
  attorney prosecutor prosecutors senator senators deputy deputies congressman congressmen councilman councilmen
  councilor councilors legislator legislators politician politicians candidate candidates leader leaders spokesman
  spokesmen ambassador ambassadors diplomat diplomats consul attache envoy adviser advisers advisor advisors
  children child boys boy girls girl youths youth women woman men man baby infant
  family families relatives relative wife husband son sons daughter daughters brother brothers sister sisters father
  mother parents nephew niece cousin colleague colleagues friend friends
  tourists tourist passengers passenger hostages hostage villagers villager shoppers spectators crowd crowds
  refugees refugee victims victim survivors demonstrators protesters strikers activists activist unionists unionist
  sympathizers supporters followers militants dissidents opponents`.split(/\s+/),
);
/** Heads of abstractions and of nations: what a figurative "attack on" hits ("the chilean nation", "freedom of expression"). */
const ABSTRACT_HEADS = new Set(
  `nation nations freedom freedoms liberty liberties democracy sovereignty peace dignity rights independence
  constitution law order process dialogue negotiations talks economy interests integrity honor honour stability
  unity will life lives society humanity culture values principles truth image reputation credibility policy
  policies expression speech press country countries homeland fatherland`.split(/\s+/),
);
/**
 * Heads of areas, of parts of a structure, of amounts and of parts of a group ("the Afghan
 * branch"): where, how much or whom, not the physical target ("the 6th floor of the hotel").
 */
const NON_TARGET_HEADS = new Set([
  ...ABSTRACT_HEADS,
  ...`electricity capital outskirts vicinity area areas zone zones region regions sector sectors place places
  territory territories neighborhood neighborhoods neighbourhood neighbourhoods city cities town towns village villages
  district districts province provinces municipality municipalities suburb suburbs number part majority rest
  floor floors roof roofs door doors window windows wall walls entrance entrances facade front lobby gate gates
  side corner shelves affiliate affiliates wing wings faction factions`.split(/\s+/),
]);
/** Nouns of quantity whose "of"-phrase holds the head: "a large number of youths", "a group of workers". */
const QUANTITY_HEADS = new Set([
  "number",
  "group",
  "groups",
  "dozens",
  "hundreds",
  "thousands",
  "scores",
  "handful",
  "majority",
  "pair",
  "couple",
  "crowd",
  "busload",
  "family",
]);
/** Heads whose "of"-phrase says whose they are and belongs to the target: "the offices of the union". */
const OWNED_HEADS = new Set(
  "office offices branch branches residence residences headquarters facilities installations premises home homes house houses".split(
    " ",
  ),
);
/** Nouns of organisations whose "branch" or "office" is a unit, not a building ("the group's regional branch"). */
const ORGANISATION_NOUNS = new Set([
  "group",
  "organisation",
  "organization",
  "movement",
  "party",
  "network",
  "militia",
  "front",
]);
/** Quantifiers that, like articles, are not part of a target's name ("all labor union offices", "some buildings"). */
const TARGET_QUANTIFIERS = new Set([
  "all",
  "some",
  "any",
  "each",
  "every",
  "both",
  "various",
  "several",
  "numerous",
  "many",
]);
/** Vague quantifiers, left out of a description of attackers ("several armed individuals" → "armed individuals"). */
const VAGUE_QUANTIFIERS = new Set([
  "several",
  "many",
  "numerous",
  "various",
  "approximately",
  "about",
  "some",
]);
/** Number words: a phrase of them alone counts, it does not name. */
const NUMBER_WORDS = new Set(
  "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand thousands several some many few".split(
    " ",
  ),
);
/** Words after a vehicle that make it the weapon: "a truck rigged with dynamite", "a car loaded with explosives". */
const VEHICLE_WEAPON_CUES = new Set([
  "rigged",
  "loaded",
  "packed",
  "laden",
  "filled",
  "booby-trapped",
  "carrying",
]);
/** Words that end a target phrase: clauses and adjuncts after its head. */
const TARGET_END = new Set([
  "after",
  "before",
  "if",
  "because",
  "since",
  "while",
  "during",
  "until",
  "than",
  "but",
  "so",
  "whose",
  "whom",
  "then",
  "they",
  "he",
  "she",
  "it",
  "him",
  "them",
  "me",
  "himself",
  "themselves",
  "outside",
  "inside",
  "behind",
  "beside",
  "across",
  "through",
  "into",
  "onto",
  "toward",
  "towards",
  "under",
  "along",
  "against",
  "among",
  "between",
  "within",
  "without",
  "around",
  "we",
  "you",
  "i",
]);
/** Nouns ending in -ing that are heads, not participles ("the main building"). */
const ING_NOUNS = new Set(
  "building buildings housing meeting meetings training parking crossing landing wedding morning evening offering dwelling clothing printing shipping mining banking ceiling opening setting".split(
    " ",
  ),
);

/** Adverbs and auxiliaries that never modify an attacker phrase ("only arrested two suspects"). */
const NOT_MODIFIERS = new Set([
  "only",
  "also",
  "then",
  "had",
  "have",
  "has",
  "not",
  "never",
  "police",
  "army",
]);
/** Verbs whose object (or passive subject) is a victim. */
const VICTIM_VERBS = new Set([
  "killed",
  "murdered",
  "assassinated",
  "kidnapped",
  "abducted",
  "shot",
  "wounded",
  "injured",
  "executed",
  "beheaded",
  "stabbed",
  "massacred",
  "machinegunned",
  "slain",
]);
/** Nouns whose "of"-phrase is a victim: "the murder of X". */
const VICTIM_NOUNS = new Set([
  "murder",
  "killing",
  "assassination",
  "kidnapping",
  "abduction",
  "death",
  "execution",
]);

/** Words that end the clause a trigger's place can come from. */
const CLAUSE_END = new Set([
  "who",
  "which",
  "whom",
  "whose",
  "where",
  "while",
  "when",
  ";",
  "after",
  "before",
  "since",
]);
const DISPUTE_WORDS = new Set([
  "disputed",
  "disputes",
  "dispute",
  "denied",
  "denies",
  "deny",
  "rejected",
  "rejects",
  "dismissed",
  "accusations",
  "accused",
  "accuses",
  "blame",
  "blamed",
]);

interface RawEvent {
  event: Event;
  triggerTok: number;
  sent: number;
  /** Sentences of this event and of the mentions merged into it. */
  sents: number[];
  plural: boolean;
  /** The people the trigger's object names ("the murder of six jesuits"), kept as victims, not targets. */
  humanTarget?: Target;
  /** The subject of its passive trigger is an armed group's fighters ("guerrillas killed by troops"). */
  armedPatient?: boolean;
  definite: boolean;
  attrEvidence: Span[];
  attrs: Attribution[];
}

interface Attribution {
  status: AttributionStatus;
  group?: string;
  by?: string;
  disputedBy?: string;
  span: Span;
}

/**
 * Rule-based event extraction, sentence by sentence: triggers from a lexicon, roles from the
 * entity, date and quantity layers near the trigger, attribution from cue words; then events in
 * one document that describe the same incident ("the attack on a Moscow concert hall" … "the
 * Moscow attack") are merged. Attribution and dispute statements also become claims.
 */
export class EventExtractor implements Component {
  readonly name = "events.v1";
  readonly requires = ["tokens", "sentences", "mentions", "dates", "quantities"] as const;
  readonly assigns = ["events", "claims"] as const;

  /** Per-token flags of the document being processed (bits: PERSON_TOK, DATE_TOK). */
  private flags: Uint8Array = new Uint8Array(0);
  /** Entity mentions of the document being processed, by sentence. */
  private sentMentions: EntityMention[][] = [];
  /** Offsets ("start:end") of the role tagger's perpetrator spans: never victims. */
  private perpSpans = new Set<string>();

  process(doc: AnalysisDoc): void {
    const disc = new Discourse(doc);
    this.flags = tokenFlags(doc, disc);
    this.sentMentions = disc.bySentence;
    const raws: RawEvent[] = [];
    let lastAttack: RawEvent | undefined;
    let lastEvent: RawEvent | undefined;
    const datesBySent = bucket(doc, doc.dates);
    const quantitiesBySent = bucket(doc, doc.quantities);
    const rolesBySent = new Map<number, RoleSpan[]>();
    this.perpSpans = new Set();
    for (const sp of eventRoleSpans(doc)) {
      if (sp.role === "PerpInd" || sp.role === "PerpOrg") this.perpSpans.add(`${sp.start}:${sp.end}`);
      if (sp.role === "Weapon") continue;
      const s = doc.tokens[sp.tokenStart].sent;
      const list = rolesBySent.get(s);
      if (list) list.push(sp);
      else rolesBySent.set(s, [sp]);
    }
    for (let s = 0; s < doc.sentences.length; s++) {
      const sent = doc.sentences[s];
      const toks = doc.tokens;
      const triggers: { i: number; d: TriggerDef }[] = [];
      for (let i = sent.tokenStart; i < sent.tokenEnd; i++) {
        const d = this.triggerAt(toks, i, sent.tokenStart);
        if (d) triggers.push({ i, d });
      }
      const mentions = disc.bySentence[s];
      const dates = datesBySent.get(s) ?? [];
      const quantities = quantitiesBySent.get(s) ?? [];
      const sentRaws: RawEvent[] = [];
      for (let k = 0; k < triggers.length; k++) {
        const { i, d } = triggers[k];
        if (this.isIrrealis(toks, i, sent.tokenStart, sent.tokenEnd)) continue;
        const segEnd = k + 1 < triggers.length ? toks[triggers[k + 1].i].start : sent.end;
        const segStart = k > 0 ? toks[triggers[k - 1].i].end : sent.start;
        const made = this.build(doc, disc, s, i, d, segStart, segEnd, mentions, dates, quantities);
        sentRaws.push(...made);
      }
      // "the mayor was shot to death": a harm word is an incident when the role tagger found who
      // did it or whom it hit in the same sentence, or when attackers are described doing it
      // ("guerrillas killed three peasants", "… were shot by gunmen"), or a group or state force
      // named doing it ("the salvadoran army killed 12 peasants")
      if (!triggers.length) {
        const roles = rolesBySent.get(s);
        const h = this.harmWord(toks, sent.tokenStart, sent.tokenEnd);
        const described = h >= 0 && this.attackers(doc, sent.tokenStart, h, sent.tokenEnd).length > 0;
        const i =
          h >= 0 &&
          (roles ||
            described ||
            mentions.some(
              (m) => (m.kind === "armed_group" || isStateForce(m)) && this.isSubjectOf(disc, m, h),
            ))
            ? h
            : -1;
        if (
          i >= 0 &&
          !this.isIrrealis(toks, i, sent.tokenStart, sent.tokenEnd) &&
          // fighters killed by troops are a battle (`toBattle` makes it a clash), by others an incident
          (described || !this.fighterDeaths(doc, s, i, mentions))
        ) {
          const d = HARM_WORDS.get(toks[i].lower) as TriggerDef;
          sentRaws.push(
            ...this.build(doc, disc, s, i, d, sent.start, sent.end, mentions, dates, quantities, true),
          );
        }
      }
      const weapons = this.weapons(doc, sent.tokenStart, sent.tokenEnd);
      if (weapons.length) {
        const holders = sentRaws.filter((r) => r.event.type === "attack" || r.event.type === "plot");
        const apply = holders.length ? holders : lastAttack && s - lastAttack.sent <= 2 ? [lastAttack] : [];
        for (const r of apply)
          for (const w of weapons) if (!r.event.weapons.includes(w)) r.event.weapons.push(w);
      }
      // Attribution statements in the sentence apply to its events, or to the last attack.
      for (const attr of this.attribution(doc, disc, s, mentions)) {
        const targets = sentRaws.filter(
          (r) => r.event.type === "attack" || r.event.type === "plot" || r.event.type === "arrest",
        );
        // a claim of responsibility speaks of the report's last incident; another statement without
        // an incident of its own only nearby, or when it names an incident ("… presented the fmln
        // as responsible for the worsening of the crisis" is not about it)
        const near =
          lastEvent &&
          (attr.status === "claimed" ||
            s - lastEvent.sent <= 2 ||
            namesIncident(toks, sent.tokenStart, sent.tokenEnd));
        const apply = targets.length ? targets : lastEvent && near ? [lastEvent] : [];
        for (const r of apply) this.applyAttribution(r, attr);
      }
      raws.push(...sentRaws);
      const attacks = sentRaws.filter((r) => r.event.type === "attack");
      if (attacks.length) lastAttack = attacks[attacks.length - 1];
      if (sentRaws.length) lastEvent = sentRaws[sentRaws.length - 1];
    }
    const merged = this.mergeCoreferent(doc, raws);
    for (const r of merged) this.toBattle(doc, r);
    if (!merged.some((r) => r.event.type === "attack" && !r.plural)) {
      const r = this.incidentFromRoles(doc, disc, rolesBySent, datesBySent, quantitiesBySent);
      if (r) merged.push(r);
    }
    this.attachRoles(doc, disc, merged, eventRoleSpans(doc));
    const eventsOfSent = new Map<number, number>();
    for (const r of merged)
      for (const x of new Set(r.sents)) eventsOfSent.set(x, (eventsOfSent.get(x) ?? 0) + 1);
    for (const r of merged) this.physicalTargets(doc, r, eventsOfSent);
    for (const r of merged) this.explosiveAttack(r.event);
    for (const r of merged) this.cleanVictims(disc, r.event);
    for (const r of merged) {
      doc.events.push(r.event);
      doc.claims.push(...this.attributionClaims(doc, r));
    }
  }

  /**
   * Role spans of the event-role tagger (perpetrators, targets, victims, weapons) join the attack
   * whose sentences hold them, else the nearest attack before them, else the first one after.
   */
  private attachRoles(
    doc: AnalysisDoc,
    disc: Discourse,
    events: RawEvent[],
    spans: readonly RoleSpan[],
  ): void {
    const attacks = events.filter((r) => r.event.type === "attack" && !r.plural);
    if (!attacks.length || !spans.length) return;
    const bySent = new Map<number, RawEvent>();
    for (const r of attacks) for (const s of r.sents) if (!bySent.has(s)) bySent.set(s, r);
    const sentsSorted = [...bySent.keys()].sort((a, b) => a - b);
    const rulePerps = new Set(attacks.filter((r) => r.event.perpetrators.length));
    // sentences of a clash, an arrest or a plot: their roles are not another incident's
    const otherSents = new Set(events.filter((r) => r.event.type !== "attack").flatMap((r) => r.sents));
    for (const sp of spans) {
      const s = doc.tokens[sp.tokenStart].sent;
      let r = this.nearestIn(attacks, s, sp, doc);
      const sameSentence = !!r;
      if (!r && otherSents.has(s)) continue;
      if (!r) {
        const before = sentsSorted.filter((x) => x < s);
        const key = before.length ? before[before.length - 1] : sentsSorted[0];
        r = bySent.get(key);
      }
      if (!r) continue;
      const ev = r.event;
      const inside = doc.mentions.filter((m) => m.start >= sp.start && m.end <= sp.end);
      switch (sp.role) {
        case "PerpOrg": {
          // groups the rules found as agents of the trigger win; the tagger fills an empty slot
          if (rulePerps.has(r)) break;
          const over = doc.mentions.filter((m) => m.start < sp.end && sp.start < m.end);
          const actor = over.find((m) => ACTOR_KINDS.has(m.kind) && m.kind !== "person" && !m.demonym);
          // not the group that only reports it ("… the fmln states the following")
          if (actor && disc.isSource(actor)) break;
          let id = actor?.entity;
          if (!id) {
            if (over.length) break;
            const slug = slugify(sp.text);
            if (!slug) break;
            id = `org:${slug}`;
            doc.addEntity({ id, kind: "organisation", name: sp.text, aliases: [] });
          }
          if (!ev.perpetrators.includes(id)) ev.perpetrators.push(id);
          break;
        }
        case "PerpInd": {
          ev.attackers = withDescription(ev.attackers ?? [], { text: sp.text, start: sp.start, end: sp.end });
          break;
        }
        case "Victim": {
          ev.victims ??= [];
          const list = ev.victims;
          const person = inside.find((m) => m.kind === "person");
          if (!list.some((a) => a.text.toLowerCase() === sp.text.toLowerCase()))
            list.push({
              text: sp.text,
              start: sp.start,
              end: sp.end,
              ...(person ? { entity: person.entity } : {}),
            });
          break;
        }
        case "Target": {
          // a physical target only in a sentence of its own incident (the re-ranker vouches for it)
          if (!sameSentence) break;
          // not the perpetrator ("the bombings of the government's air force")
          if (inside.some((m) => ev.perpetrators.includes(m.entity))) break;
          // not a channel, website or statement the news came through ("on its Telegram channels")
          if (MEDIA_HEADS.has(doc.tokens[sp.tokenEnd - 1].lower)) break;
          // without function words at its edges ("BRIDGE AND" → "BRIDGE")
          const span = this.cleanTargetSpan(doc, sp.tokenStart, sp.tokenEnd);
          if (!span) break;
          const [a, b] = span;
          const start = doc.tokens[a].start;
          const end = doc.tokens[b - 1].end;
          const text = doc.text.slice(start, end);
          const lower = text.toLowerCase();
          // not a part or a bare head of a target already there ("BRIDGE" beside "EL JIBOA BRIDGE")
          const known = ev.targets.some(
            (t) =>
              t.text.toLowerCase() === lower ||
              (t.start !== undefined && t.end !== undefined && t.start <= start && end <= t.end) ||
              (b - a === 1 && headOf(t.text) === lower),
          );
          if (!known) {
            let type: TargetType | undefined;
            for (let k = b - 1; k >= a && !type; k--) type = TARGET_TYPES.get(doc.tokens[k].lower);
            ev.targets.push({ text, start, end, ...(type ? { type } : {}) });
          }
          break;
        }
        case "Weapon": {
          // not a broken span (") said on Tuesday"): a weapon starts with a word and says nothing
          const words = doc.tokens.slice(sp.tokenStart, sp.tokenEnd);
          if (!/^[\p{L}\p{N}]/u.test(sp.text) || words.some((t) => SPEECH_WORDS.has(t.lower))) break;
          if (!ev.weapons.some((w) => w.toLowerCase() === sp.text.toLowerCase())) ev.weapons.push(sp.text);
          break;
        }
      }
    }
  }

  /**
   * The attack a role span of sentence `s` belongs to: of the attacks with words in that sentence,
   * the one whose words there lie nearest the span ("the Mastung bombing was the deadliest attack
   * since the 2014 massacre at the Army Public School": the school is the massacre's).
   */
  private nearestIn(
    attacks: RawEvent[],
    s: number,
    sp: { start: number; end: number },
    doc: AnalysisDoc,
  ): RawEvent | undefined {
    let best: RawEvent | undefined;
    let bestD = Number.POSITIVE_INFINITY;
    for (const r of attacks) {
      if (!r.sents.includes(s)) continue;
      for (const e of r.event.evidence) {
        if (doc.sentenceAt(e.start) !== s || e.end - e.start > 200) continue;
        const d = e.end <= sp.start ? sp.start - e.end : sp.end <= e.start ? e.start - sp.end : 0;
        if (d < bestD) [best, bestD] = [r, d];
      }
      if (!best) best = r;
    }
    return best;
  }

  /**
   * A tagged physical target without what is not part of it: function words and punctuation at
   * its edges ("BRIDGE AND" → "BRIDGE"), a clause or verb after its head ("bus carrying nearly" →
   * "bus", "vehicle in which they" → "vehicle"), the cut-off half of a hyphenated word ("-food
   * restaurant" → "fast-food restaurant"). Undefined when what is left names people, an
   * abstraction, an area or a country, or modifies a noun of people ("the 10 union leaders").
   */
  private cleanTargetSpan(doc: AnalysisDoc, from: number, to: number): [number, number] | undefined {
    const toks = doc.tokens;
    let a = from;
    let b = to;
    while (
      a < b &&
      (EDGE_WORDS.has(toks[a].lower) ||
        TARGET_QUANTIFIERS.has(toks[a].lower) ||
        (/^\W+$/.test(toks[a].text) && !isInnerHyphen(toks, a)))
    )
      a++;
    if (a < b && isInnerHyphen(toks, a)) a = Math.max(0, a - 1);
    else if (a > 0 && a < b && isInnerHyphen(toks, a - 1)) a = Math.max(0, a - 2);
    for (let k = a + 1; k < b; k++) {
      const w = toks[k].lower;
      if (TARGET_END.has(w) || CLAUSE_END.has(w) || w === "that" || this.verbAfterNoun(toks, k)) {
        b = k;
        break;
      }
    }
    while (b > a && (EDGE_WORDS.has(toks[b - 1].lower) || /^\W+$/.test(toks[b - 1].text))) b--;
    if (a >= b) return undefined;
    if (b < toks.length && toks[b].sent === toks[b - 1].sent && HUMAN_HEADS.has(toks[b].lower))
      return undefined;
    if (this.isSpeaker(toks, b, doc.sentences[toks[b - 1].sent].tokenEnd)) return undefined;
    if (this.phraseKind(doc, a, b, this.sentMentions[toks[a].sent] ?? []) !== "thing") return undefined;
    // "the newspaper el siglo's facilities": the owner's building is what was hit
    const n = toks[b + 1]?.lower ?? "";
    if (/^['’]s$/.test(toks[b]?.text ?? "") && (PHYSICAL_HEADS.has(n) || OWNED_HEADS.has(n)))
      return [a, b + 2];
    return [a, this.ownerPhraseEnd(doc, b - 1, doc.sentences[toks[a].sent].tokenEnd)];
  }

  /**
   * A document without an attack event whose role tagger still found a victim, a physical target
   * or an individual attacker beside an incident word ("the judge died of his wounds after gunmen
   * …"): one attack at the first such sentence, for the tagger's spans to join.
   */
  private incidentFromRoles(
    doc: AnalysisDoc,
    disc: Discourse,
    rolesBySent: Map<number, RoleSpan[]>,
    datesBySent: Map<number, DateMention[]>,
    quantitiesBySent: Map<number, AnalysisDoc["quantities"]>,
  ): RawEvent | undefined {
    const toks = doc.tokens;
    for (const s of [...rolesBySent.keys()].sort((a, b) => a - b)) {
      const roles = rolesBySent.get(s) ?? [];
      if (!roles.some((sp) => sp.role === "Victim" || sp.role === "Target" || sp.role === "PerpInd"))
        continue;
      const sent = doc.sentences[s];
      for (let i = sent.tokenStart; i < sent.tokenEnd; i++) {
        const t = this.triggerAt(toks, i, sent.tokenStart);
        const d = t?.type === "attack" && !t.plural ? t : HARM_WORDS.get(toks[i].lower);
        if (!d || this.isIrrealis(toks, i, sent.tokenStart, sent.tokenEnd)) continue;
        const made = this.build(
          doc,
          disc,
          s,
          i,
          d,
          sent.start,
          sent.end,
          disc.bySentence[s],
          datesBySent.get(s) ?? [],
          quantitiesBySent.get(s) ?? [],
          true,
        );
        if (made.length) return made[0];
      }
    }
    return undefined;
  }

  /**
   * Buildings, vehicles and power lines named in an attack's own sentences ("a bomb exploded
   * outside the hotel", "dynamited two power pylons") are its physical targets, with their
   * modifiers ("route 302 bus"). Not for kidnappings and assassinations, whose targets are people.
   */
  private physicalTargets(doc: AnalysisDoc, r: RawEvent, eventsOfSent: Map<number, number>): void {
    const ev = r.event;
    if (ev.type !== "attack" || r.plural || HUMAN_SUBTYPES.has(ev.subtype ?? "")) return;
    const toks = doc.tokens;
    let added = 0;
    for (const s of new Set(r.sents)) {
      // a sentence that reports several incidents does not say which one hit what
      if ((eventsOfSent.get(s) ?? 0) > 1) continue;
      const sent = doc.sentences[s];
      for (let k = sent.tokenStart; k < sent.tokenEnd && added < MAX_PHYSICAL_TARGETS; k++) {
        const type = PHYSICAL_HEADS.get(toks[k].lower);
        if (!type) continue;
        if (k + 1 < sent.tokenEnd && PHYSICAL_HEADS.has(toks[k + 1].lower)) continue; // "embassy vehicle"
        if (!this.isPhysicalHead(toks, k, sent.tokenStart, sent.tokenEnd)) continue;
        let a = k;
        while (a > sent.tokenStart && a > k - 3) {
          const t = toks[a - 1];
          const w = t.lower;
          // "the 11-floor building", "a fast-food restaurant": both parts of a hyphenated word
          if (isInnerHyphen(toks, a - 1) && a - 2 >= sent.tokenStart && !/^\W+$/.test(toks[a - 2].text)) {
            a -= 2;
            continue;
          }
          if (
            DETERMINERS.has(w) ||
            TARGET_QUANTIFIERS.has(w) ||
            NP_STOP.has(w) ||
            PHRASE_OPENERS.has(w) ||
            TRIGGERS.has(w) ||
            HARM_WORDS.has(w) ||
            VICTIM_VERBS.has(w) ||
            TIME_WORDS.has(w) ||
            /^[\d,.;:!?()"“”]/.test(t.text) ||
            /^\W+$/.test(t.text) ||
            (t.pos !== undefined && !["NOUN", "PROPN", "ADJ"].includes(t.pos))
          )
            break;
          a--;
        }
        // "-- whose main offices are in mexico": what the antecedent owns, not what was hit
        if (a > sent.tokenStart && toks[a - 1].lower === "whose") continue;
        // "attacks by the group's regional branch": an organisation that acts, not a building
        if (this.isOrganisationalUnit(toks, a, k, sent.tokenStart)) continue;
        const start = toks[a].start;
        const end = toks[this.ownerPhraseEnd(doc, k, sent.tokenEnd) - 1].end;
        if (ev.targets.some((t) => t.start !== undefined && t.start < end && start < (t.end ?? 0))) continue;
        ev.targets.push({ text: doc.text.slice(start, end), start, end, type });
        added++;
      }
    }
  }

  /**
   * "attacks by the group's regional branch", "the group's branch, ISKP": a unit of an
   * organisation (the agent of a "by"-phrase, or owned by a group), not a physical target.
   */
  private isOrganisationalUnit(toks: readonly Token[], a: number, k: number, sentStart: number): boolean {
    // "a separate branch from the group's Afghanistan-based Khorasan Province", "the Afghan
    // branch" in a sentence that names a group: not a bank's branch
    if (/^branch(es)?$/.test(toks[k].lower)) {
      const sent = toks[k].sent;
      let groupNear = false;
      for (let x = sentStart; toks[x]?.sent === sent; x++) if (this.flags[x] & GROUP_TOK) groupNear = true;
      const business = toks.slice(Math.max(sentStart, k - 3), k).some((t) => BRANCH_OWNERS.has(t.lower));
      if (groupNear && !business) return true;
    }
    let p = a - 1;
    while (p >= sentStart && DETERMINERS.has(toks[p].lower)) p--;
    if (p >= sentStart && toks[p].lower === "by") return true;
    for (let x = Math.max(sentStart, a - 1); x < k; x++) {
      if (!/^['’]s$/.test(toks[x + 1]?.text ?? "")) continue;
      if (this.flags[x] & GROUP_TOK || ORGANISATION_NOUNS.has(toks[x].lower)) return true;
    }
    return false;
  }

  /**
   * End (exclusive) of a place of work or living and whose it is: "the offices of the local
   * development corporation", "a branch of the city's electric energy enterprise"; `k + 1` when
   * the head has no such "of"-phrase.
   */
  private ownerPhraseEnd(doc: AnalysisDoc, k: number, sentTokEnd: number): number {
    const toks = doc.tokens;
    if (!OWNED_HEADS.has(toks[k].lower) || toks[k + 1]?.lower !== "of") return k + 1;
    let j = k + 2;
    while (j < sentTokEnd && DETERMINERS.has(toks[j].lower)) j++;
    const start = j;
    while (j < sentTokEnd && j - start < 6) {
      const t = toks[j];
      const w = t.lower;
      if (/^['’]s$/.test(t.text) && j > start) {
        j++;
        continue;
      }
      if (NP_STOP.has(w) || TIME_UNITS.has(w) || TARGET_END.has(w) || DETERMINERS.has(w)) break;
      if (/^\W+$/.test(t.text) || (j > start && /^\d/.test(t.text)) || this.flags[j] & DATE_TOK) break;
      if (j > start && this.verbAfterNoun(toks, j)) break;
      j++;
    }
    // "the offices of the" with nothing after, or a phrase ending in a clitic: no owner
    while (j > start && /^['’]s$/.test(toks[j - 1].text)) j--;
    return j > start ? j : k + 1;
  }

  /**
   * Whether the physical-target word at `k` names a thing hit, not a verb ("the building that
   * houses …"), a possessor ("the church's position"), a weapon ("a car bomb", "a truck-bomb", "a
   * truck rigged with dynamite") or a direction ("left for home").
   */
  private isPhysicalHead(toks: readonly Token[], k: number, from: number, to: number): boolean {
    const w = toks[k].lower;
    const prev = k > from ? toks[k - 1].lower : "";
    let n = k + 1;
    if (n < to && isInnerHyphen(toks, n)) n++;
    const next = n < to ? toks[n].lower : "";
    if (WEAPONS.has(next) && !PHYSICAL_HEADS.has(next)) return false;
    if (VEHICLE_WEAPON_CUES.has(next)) return false;
    if (/^['’]s$/.test(toks[k + 1]?.text ?? "")) return false;
    if (prev === "that" || prev === "which" || prev === "who") return false;
    if ((w === "home" || w === "homes") && ["for", "at", "to", "from"].includes(prev)) return false;
    return !this.isSpeaker(toks, k + 1, to);
  }

  /** "the u.s. embassy has not officially reported …", "the embassy said": the source of a report, not a target. */
  private isSpeaker(toks: readonly Token[], from: number, to: number): boolean {
    for (let k = from; k < Math.min(to, from + 4); k++) {
      const w = toks[k].lower;
      if (SPEECH_WORDS.has(w) || w === "reported" || w === "reports" || w === "stated") return true;
      if (!["has", "have", "had", "not", "also", "officially", "later", "today", "yesterday"].includes(w))
        return false;
    }
    return false;
  }

  /** The first harm word of a sentence ("killed", "shot"), or -1. */
  private harmWord(toks: readonly Token[], from: number, to: number): number {
    for (let i = from; i < to; i++) if (HARM_WORDS.has(toks[i].lower)) return i;
    return -1;
  }

  private triggerAt(toks: readonly Token[], i: number, sentStart: number): TriggerDef | undefined {
    const t = toks[i];
    const d = TRIGGERS.get(t.lower);
    // "are still being held hostage", "took 20 people hostage", "holding them as hostages"
    if (t.lower === "hostage" || t.lower === "hostages") {
      for (let k = i - 1; k >= Math.max(sentStart, i - 4); k--) {
        const w = toks[k].lower;
        if (HOSTAGE_VERBS.has(w)) return { type: "attack", subtype: "hostage_taking" };
        if (/^[,.;:!?()"“”]$/.test(w)) break;
      }
      return undefined;
    }
    // "unidentified persons placed 11 bombs in bank branches", "planted a car bomb": the act of bombing
    if (PLACING_VERBS.has(t.lower))
      return placedDevice(toks, i, toks.length) >= 0 ? { type: "attack", subtype: "bombing" } : undefined;
    if (!d && t.lower !== "blew") {
      if (t.lower === "fire" && i > sentStart && toks[i - 1].lower === "opened") {
        return { type: "attack", subtype: "armed_assault" };
      }
      return undefined;
    }
    // "a suicide bomber blew himself up", "blew up the bridge"
    if (t.lower === "blew") {
      const n1 = toks[i + 1]?.lower;
      const n2 = toks[i + 2]?.lower;
      if (n1 === "up" || (["himself", "herself", "themselves"].includes(n1 ?? "") && n2 === "up")) {
        const suicide = ["himself", "herself", "themselves"].includes(n1 ?? "");
        return { type: "attack", subtype: suicide ? "suicide_attack" : "bombing" };
      }
    }
    if (!d) return undefined;
    // "bomb" verbs and nouns that are not events: "attack helicopter", "fighting age".
    const next = toks[i + 1]?.lower;
    // noun compounds that name something else: "attack helicopter", "attack emergency", "bomb threat"
    if (next !== undefined && COMPOUND_HEADS.has(next)) return undefined;
    if (t.lower === "fighting" && next !== "between" && next !== "in" && next !== "with") return undefined;
    if (t.lower === "battle" && next !== "for" && next !== "of" && next !== "between" && next !== "in")
      return undefined;
    if (i > sentStart && toks[i - 1].lower === "suicide" && d.type === "attack") {
      return { ...d, subtype: "suicide_attack" };
    }
    // "the attempted attacks in France", "a foiled bombing": plots that did not happen, not attacks
    if (i > sentStart && d.type === "attack" && /^(attempted|foiled|thwarted)$/.test(toks[i - 1].lower))
      return { type: "plot", subtype: "plot", ...(d.plural ? { plural: true } : {}) };
    return d;
  }

  private isIrrealis(toks: readonly Token[], i: number, sentStart: number, sentEnd: number): boolean {
    if (this.isHabitual(toks, i, sentEnd)) return true;
    for (let j = Math.max(sentStart, i - 3); j < i; j++) {
      const w = toks[j].lower;
      if (IRREALIS.has(w)) {
        // "attack against X" is real; only "against" right before the trigger (campaign against) is not.
        if (w === "against" && j !== i - 1) continue;
        if (
          w === "to" &&
          !["launch", "carry", "stage", "conduct"].includes(toks[j + 1]?.lower ?? "") &&
          j !== i - 1
        )
          continue;
        return true;
      }
    }
    // "instructed … to carry out an attack", "propaganda … has attacked the Taliban's contacts"
    if (FIGURATIVE_SUBJECTS.has(toks[sentStart].lower)) return true;
    for (let j = Math.max(sentStart, i - 8); j < i; j++) {
      const w = toks[j].lower;
      if (FIGURATIVE_SUBJECTS.has(w)) return true;
      // "a case against unidentified attackers on charges including terrorism and murder": a
      // charge names an offence, not an incident of its own
      if (j >= i - 6 && CHARGE_WORDS.has(w)) return true;
      if (j >= i - 5 && w === "to" && INTENT_VERBS.has(toks[j + 1]?.lower ?? "")) return true;
    }
    return false;
  }

  /**
   * What a group habitually does, not an incident: a present perfect with a habitual adverb
   * ("which has attacked JUI-F clerics and officials before", "has repeatedly targeted Taliban
   * officials", "have attacked police stations in the past"), or of a campaign ("has kept up
   * attacks on Taliban officials").
   */
  private isHabitual(toks: readonly Token[], i: number, sentEnd: number): boolean {
    const prev = toks[i - 1]?.lower ?? "";
    // "the group has kept up attacks on Taliban officials", "has carried out bombings in …": a campaign
    if (/s$/.test(toks[i].lower)) {
      let k = i - 1;
      while (k > i - 4 && CAMPAIGN_VERBS.has(toks[k]?.lower ?? "")) k--;
      if (k < i - 1 && PERFECT_AUX.has(toks[k]?.lower ?? "")) return true;
      // a trend: "attacks on security forces … have increased in recent months", "a series of
      // Islamist attacks over the past decade"
      for (let j = i + 1; j < Math.min(sentEnd, i + 12); j++) {
        const w = toks[j].lower;
        if (/^[;:]$/.test(w) || w === "including") break;
        if (TREND_VERBS.has(w) || this.spanOfTime(toks, j)) return true;
      }
    }
    const adverbBefore = HABITUAL_ADVERBS.has(prev);
    const perfect = PERFECT_AUX.has(adverbBefore ? (toks[i - 2]?.lower ?? "") : prev);
    if (!perfect) return false;
    if (adverbBefore) return true;
    for (let k = i + 1; k < Math.min(sentEnd, i + 12); k++) {
      const w = toks[k].lower;
      if (/^[;:]$/.test(w) || w === "while") return false;
      if (HABITUAL_ADVERBS.has(w)) return true;
      // "… before." / "… before and regards …" at the end of the clause; "in the past", "in
      // recent years"
      if (w === "before" && (k + 1 >= sentEnd || /^(?:[.,]|and|but)$/.test(toks[k + 1].lower))) return true;
      if (w === "past" && toks[k - 1]?.lower === "the" && toks[k - 2]?.lower === "in") return true;
      if (this.spanOfTime(toks, k)) return true;
    }
    return false;
  }

  /** "in recent years", "over the past decade", "in the last few months": a span of time at token k. */
  private spanOfTime(toks: readonly Token[], k: number): boolean {
    const w = toks[k].lower;
    const next = toks[k + 1]?.lower ?? "";
    const next2 = toks[k + 2]?.lower ?? "";
    const unit = (x: string) => /^(years|months|weeks|decades?)$/.test(x);
    if (w === "recent" && toks[k - 1]?.lower === "in" && unit(next)) return true;
    return (
      (w === "past" || w === "last") &&
      toks[k - 1]?.lower === "the" &&
      /^(over|in|during)$/.test(toks[k - 2]?.lower ?? "") &&
      (unit(next) || (next === "few" && unit(next2)) || /^(two|three|four|five|ten|\d+)$/.test(next))
    );
  }

  private build(
    doc: AnalysisDoc,
    disc: Discourse,
    s: number,
    i: number,
    d: TriggerDef,
    segStart: number,
    segEnd: number,
    mentions: EntityMention[],
    dates: DateMention[],
    quantities: AnalysisDoc["quantities"],
    /** Build even without place, date, target, casualties or perpetrator (the role tagger vouches for it). */
    force = false,
  ): RawEvent[] {
    const toks = doc.tokens;
    const sent = doc.sentences[s];
    const trig = toks[i];
    const object = this.target(doc, i, sent.tokenEnd, segEnd, mentions);
    // "the indiscriminate bombings of the government's air force": the force did the bombing
    const forceAgent = this.forceAfterOf(toks, i, sent.tokenEnd, mentions);
    const target =
      object === FIGURATIVE ||
      (forceAgent && object && object.start <= forceAgent.start && forceAgent.end <= object.end)
        ? undefined
        : object;
    // "this new attack against the chilean nation", "attacks on the freedom of expression", "the
    // contras attacked nicaragua": an abstraction or a nation hit with nothing physical is a figure of speech
    if (object === FIGURATIVE && !this.hasPhysicalEvidence(doc, sent.tokenStart, sent.tokenEnd, quantities))
      return [];
    const subtype = this.refineSubtype(d, target);

    // Places: inside the segment, nearest the trigger; modifiers just before it ("the Moscow attack").
    const window = mentions.filter(
      (m) =>
        (m.kind === "place" || m.kind === "state") &&
        !m.demonym &&
        m.start >= Math.max(segStart, toks[Math.max(sent.tokenStart, i - 3)].start) &&
        m.end <= segEnd &&
        !(target?.entity === m.entity && target.isActor) &&
        !this.isModifierOfAgent(toks, disc, m),
    );
    // a place after the trigger must sit in its clause ("… in Baghdad" after "who was killed" is not)
    let clauseEnd = segEnd;
    for (let k = i + 1; k < sent.tokenEnd && toks[k].start < segEnd; k++) {
      if (CLAUSE_END.has(toks[k].lower)) {
        clauseEnd = toks[k].start;
        break;
      }
    }
    const after = window.filter((m) => m.start >= trig.end && m.end <= clauseEnd);
    const before = window.filter((m) => m.end <= trig.start);
    let places: EntityMention[] = [];
    const prevWord = i > sent.tokenStart ? toks[i - 1].lower : "";
    const counted = COUNTED.has(prevWord) || /^\d+$/.test(prevWord);
    // "the deadliest attack in Russia in two decades", "the first attack on a foreign mission since …":
    // a comparison that refers back to the incident, not a new one
    const comparative = [prevWord, i - 2 >= sent.tokenStart ? toks[i - 2].lower : ""].some((w) =>
      COMPARATIVE.has(w),
    );
    const definite = comparative || this.hasDefiniteDeterminer(toks, i, sent.tokenStart);
    // "two explosions" is one incident; "the blasts" refers back to one
    const plural = !!d.plural && !counted && !definite;
    // a definite reference ("the attack on the night it happened, and US officials …") takes only
    // a place right in its phrase; a new report of an incident may name it further on
    let near = [...after.filter((m) => m.start - trig.end < (definite ? 40 : 120)), ...before];
    // a country that contains a more precise place named with it adds nothing ("Kerman, Iran")
    const precise = near.filter((m) => doc.entities.get(m.entity)?.geo?.precision === "city");
    near = near.filter((m) => {
      const g = doc.entities.get(m.entity)?.geo;
      if (g?.precision !== "country") return true;
      return !precise.some((p) => doc.entities.get(p.entity)?.geo?.country === g.country);
    });
    if (plural && near.length > 1) {
      // "attacks in countries like Pakistan and Iran": one event per coordinated place.
      places = near;
    } else if (near.length) {
      // the most precise place: a town, else a province ("Pakistan's Balochistan province"), else
      // the first named
      const precision = (m: EntityMention) => doc.entities.get(m.entity)?.geo?.precision;
      const cities = near.filter((m) => m.kind === "place" && precision(m) === "city");
      const admins = near.filter((m) => m.kind === "place" && precision(m) === "admin");
      places = [cities[0] ?? admins[0] ?? near[0]];
    }
    if (!places.length && !definite && (d.type === "arrest" || d.type === "plot")) {
      // "European security agencies … following arrests": who arrests locates the arrests
      const dem = mentions.find((m) => m.demonym && m.start >= segStart - 200 && m.end <= trig.start);
      if (dem) places = [dem];
    }

    // Perpetrators: armed groups and state forces in the sentence that are not the target; else
    // the focus group.
    const groups = comparative
      ? []
      : mentions.filter(
          (m) =>
            m === forceAgent ||
            (m.kind === "armed_group" &&
              m.entity !== target?.entity &&
              !this.isPatient(toks, disc, m) &&
              !disc.isSource(m) &&
              (this.isAgent(toks, disc, m, i) || this.isHostilePossessor(toks, disc, m))) ||
            // a state force only as the subject of the trigger or after "by" ("police removed the
            // cordon around the explosion area" is not a bombing by the police); who arrests is
            // not a perpetrator ("German police have arrested …")
            (isStateForce(m) &&
              d.type !== "arrest" &&
              m.entity !== target?.entity &&
              (m.end <= trig.start ? this.isSubjectOf(disc, m, i) : this.isAgent(toks, disc, m, i))),
        );
    let perpetrators = [...new Set(groups.map((m) => m.entity))];
    const perpMentions: Span[] = groups.map((m) => evidence(doc, m.start, m.end));
    // "the Taliban said they had killed …": the group says it did it
    let speaker: string | undefined;
    if (!perpetrators.length && !force && disc.refersToGroup(s, segStart, trig.end)) {
      speaker = disc.speakerReferent(s, trig.start);
      const ref = speaker ?? disc.referent(s, trig.start);
      if (ref) perpetrators = [ref];
    }

    // Date nearest the trigger. In a list of incidents ("a suicide bombing at the Russian embassy in
    // September, an attack on the Pakistani embassy in December"), a date between the previous
    // incident and this one is the previous one's when this one has a date of its own after it.
    let date: DateMention | undefined;
    let best = Number.POSITIVE_INFINITY;
    const listed =
      segStart > sent.start &&
      dates.some((dm) => dm.start >= trig.end && dm.end <= Math.min(segEnd, clauseEnd));
    for (const dm of comparative ? [] : dates) {
      if (listed && dm.start < trig.start) continue;
      if (dm.start > trig.end && dm.end > clauseEnd) continue; // "… since the Taliban took power in August 2021"
      // a definite reference ("the attack on a concert hall near Moscow") takes only a date in its
      // own phrase ("the 22 March attack", "the attack on 22 March"), not the report's other dates
      if (definite && (dm.start > trig.end + 40 || dm.end < toks[Math.max(sent.tokenStart, i - 4)].start))
        continue;
      const dist = Math.abs(dm.start - trig.start);
      if (dist < best) {
        best = dist;
        date = dm;
      }
    }

    const casualties = this.casualties(doc, quantities);
    const victims = this.victims(doc, sent.tokenStart, sent.tokenEnd, mentions);
    // "the murder of six jesuits", "an attack on civilian officials": people are victims, not physical targets
    const humanTarget = !!target?.human && d.type === "attack";
    if (
      target &&
      humanTarget &&
      !this.perpSpans.has(`${target.start}:${target.end}`) &&
      !victims.some((v) => v.start < target.end && target.start < v.end)
    ) {
      const person = doc.entities.get(target.entity ?? "")?.kind === "person" ? target.entity : undefined;
      victims.push({
        text: target.text,
        start: target.start,
        end: target.end,
        ...(person ? { entity: person } : {}),
      });
    }
    const attackers = this.attackers(doc, sent.tokenStart, i, sent.tokenEnd);
    // the subject of a passive is the one harmed: "the number of guerrillas killed by 11th brigade
    // troops" (see `toBattle`)
    const armedPatient =
      isPassive(toks, i) &&
      toks.slice(Math.max(sent.tokenStart, i - 4), i).some((t) => ARMED_PARTY.test(t.lower));
    // people kidnapped or held hostage are what such an incident is about
    const hasContent =
      places.length ||
      date ||
      target ||
      casualties ||
      perpetrators.length ||
      attackers.length ||
      // "a bomb exploded": the device itself is evidence of the incident
      (subtype === "bombing" && namesExplosive(toks, sent.tokenStart, sent.tokenEnd)) ||
      ((HUMAN_SUBTYPES.has(subtype ?? "") || MURDER_WORDS.has(trig.lower)) && victims.length) ||
      // "… are still being held hostage": the construction states that people are held
      (subtype === "hostage_taking" && /^hostages?$/.test(trig.lower));
    if (!hasContent && !force) return [];
    if (plural && !places.length && !target) return []; // "past attacks": generic, not an incident
    // "the latest in a string of assaults on election campaigns": the series a reported incident
    // belongs to, not another incident
    if (
      SERIES_NOUNS.has(toks[i - 2]?.lower ?? "") &&
      toks[i - 1]?.lower === "of" &&
      toks.slice(Math.max(sent.tokenStart, i - 6), i - 2).some((t) => t.lower === "latest")
    )
      return [];

    // "set off explosives", "placed 11 bombs": the verb alone does not say what happened
    const device = PLACING_VERBS.has(trig.lower) ? placedDevice(toks, i, sent.tokenEnd) : -1;
    const trigEnd = device >= 0 ? toks[device].end : trig.end;
    const ev0 = evidence(
      doc,
      Math.min(trig.start, places[0]?.start ?? trig.start),
      Math.max(trigEnd, target?.end ?? trig.end, places[0]?.end ?? trig.end),
    );
    const out: RawEvent[] = [];
    const placeList: (EntityMention | undefined)[] = places.length ? places : [undefined];
    for (const p of placeList) {
      const placeRec = p ? doc.entities.get(p.entity) : undefined;
      const evSpan = places.length > 1 && p ? cover(doc, [trig, p]) : ev0;
      const event: Event = {
        id: makeId("event", doc.meta.id, evSpan.start, evSpan.end, d.type, p?.entity),
        type: d.type,
        ...(subtype ? { subtype } : {}),
        label: this.label(d.type, subtype, target?.text, placeRec?.name),
        ...(date
          ? {
              date: {
                ...(date.value ? { value: date.value } : {}),
                precision: date.precision,
                text: date.text,
                resolved: date.resolved,
              },
            }
          : {}),
        ...(p ? { place: p.entity } : {}),
        ...(placeRec?.geo?.country
          ? { country: placeRec.geo.country }
          : placeRec?.id.startsWith("country:")
            ? { country: placeRec.id.slice(8) }
            : {}),
        perpetrators,
        targets:
          target && !humanTarget
            ? [
                {
                  ...(target.entity ? { entity: target.entity } : {}),
                  text: target.text,
                  ...(target.type ? { type: target.type } : {}),
                  start: target.start,
                  end: target.end,
                },
              ]
            : [],
        weapons: [],
        ...(victims.length ? { victims } : {}),
        ...(attackers.length ? { attackers } : {}),
        ...(casualties ? { casualties } : {}),
        evidence: [evSpan, ...perpMentions.filter((m) => m.start < evSpan.start || m.end > evSpan.end)],
        confidence: perpetrators.length && (p || date) ? 0.7 : 0.5,
      };
      if (perpetrators.length && groups.length === 0) {
        // perpetrator known only through "the group": say so; a group that says "they" did it claims it
        event.attribution = speaker ? { status: "claimed", by: speaker } : { status: "suspected" };
      }
      out.push({
        event,
        triggerTok: i,
        sent: s,
        sents: [s],
        plural,
        definite,
        attrEvidence: [],
        attrs: [],
        ...(humanTarget && target ? { humanTarget: target } : {}),
        ...(armedPatient ? { armedPatient } : {}),
      });
      this.toBattle(doc, out[out.length - 1]);
    }
    return out;
  }

  /** Whether a sentence names casualties, a weapon, a building or vehicle, or harm done to someone. */
  private hasPhysicalEvidence(
    doc: AnalysisDoc,
    from: number,
    to: number,
    quantities: AnalysisDoc["quantities"],
  ): boolean {
    const toks = doc.tokens;
    for (let k = from; k < to; k++) {
      const w = toks[k].lower;
      if (WEAPONS.has(w) || PHYSICAL_HEADS.has(w) || VICTIM_VERBS.has(w) || HARM_WORDS.has(w)) return true;
      if (w === "dead" || w === "casualties" || w === "died" || w === "injured") return true;
    }
    return !!this.casualties(doc, quantities);
  }

  /** Weapons named in a sentence, as written ("81-MM MORTARS", "explosive belts"). */
  private weapons(doc: AnalysisDoc, tokStart: number, tokEnd: number): string[] {
    const toks = doc.tokens;
    const out: string[] = [];
    for (let i = tokStart; i < tokEnd; i++) {
      const head = toks[i].lower;
      if (!WEAPONS.has(head)) continue;
      if (
        head === "bomb" &&
        toks[i + 1] &&
        ["squad", "disposal", "threat", "threats", "scare"].includes(toks[i + 1].lower)
      )
        continue;
      // "M-16 RIFLES": the last head takes the one before it as a modifier
      if (i + 1 < tokEnd && WEAPONS.has(toks[i + 1].lower) && !WEAPON_NEEDS_MODIFIER.has(toks[i + 1].lower))
        continue;
      let j = i;
      while (
        j > tokStart &&
        (WEAPON_MODIFIERS.has(toks[j - 1].lower) ||
          (WEAPONS.has(toks[j - 1].lower) && j === i) ||
          /^\d+-?mm$|^\d+$|^-$|^mm$/.test(toks[j - 1].lower))
      )
        j--;
      if (WEAPON_NEEDS_MODIFIER.has(head) && j === i) continue;
      const text = doc.text.slice(toks[j].start, toks[i].end);
      if (!out.some((w) => w.toLowerCase() === text.toLowerCase())) out.push(text);
    }
    return out;
  }

  /** "the 22 March attack", "this week's bombing": a determiner before the trigger, past dates and modifiers. */
  private hasDefiniteDeterminer(toks: readonly Token[], i: number, sentStart: number): boolean {
    for (let k = i - 1; k >= Math.max(sentStart, i - 4); k--) {
      const w = toks[k].lower;
      if (["the", "this", "that", "its", "these", "those"].includes(w)) return true;
      if (BREAKS_DETERMINER.has(w) || /^[,.;:]$/.test(w)) return false;
    }
    return false;
  }

  /** "US and French officials", "Russian authorities": a country named as an agent, not a place. */
  private isModifierOfAgent(toks: readonly Token[], disc: Discourse, m: EntityMention): boolean {
    const e = disc.tokenAt(m.end);
    for (let k = e; k < Math.min(toks.length, e + 3); k++) {
      const w = toks[k].lower;
      if (AGENT_NOUNS.has(w)) return true;
      if (w !== "and" && !/^[A-Z]/.test(toks[k].text)) return false;
    }
    return false;
  }

  /** "killed Mohammad Dawood Muzammil", "two soldiers were killed", "the murder of X". */
  private victims(
    doc: AnalysisDoc,
    from: number,
    to: number,
    mentions: EntityMention[],
  ): NonNullable<Event["victims"]> {
    const toks = doc.tokens;
    const out: NonNullable<Event["victims"]> = [];
    const add = (a: number, b: number) => {
      while (a < b && DETERMINERS.has(toks[a].lower)) a++;
      if (a >= b) return;
      const start = toks[a].start;
      const end = toks[b - 1].end;
      if (out.some((v) => v.start === start)) return;
      const person = mentions.find((m) => m.kind === "person" && m.start >= start && m.end <= end);
      const text = doc.text.slice(start, end);
      if (/^(it|them|him|her|they|he|she|themselves|people)$/i.test(text)) return;
      // "two were wounded": a count alone describes no one
      if (b - a === 1 && (NUMBER_WORDS.has(toks[a].lower) || /^\d+$/.test(toks[a].text))) return;
      out.push({ text, start, end, ...(person ? { entity: person.entity } : {}) });
    };
    const phraseAfter = (k: number): number => {
      let j = k;
      while (j < to && j - k < 6) {
        const w = toks[j].lower;
        if (NP_STOP.has(w) || TIME_WORDS.has(w) || TIME_NOUNS.has(w) || /^[,.;:!?()"“”]$/.test(toks[j].text))
          break;
        if (VICTIM_VERBS.has(w) || TRIGGERS.has(w)) break;
        // "the murder of six jesuits shocked …": a verb after the head ends the phrase
        if (j > k && this.verbAfterNoun(toks, j)) break;
        j++;
      }
      return j;
    };
    for (let k = from; k < to; k++) {
      const w = toks[k].lower;
      if (VICTIM_VERBS.has(w)) {
        const prev = toks[k - 1]?.lower;
        if (prev === "was" || prev === "were" || prev === "been" || prev === "be") {
          // passive: the subject phrase before the auxiliary ("Muzammil, was killed": skip the comma)
          let end = k - 1;
          if (toks[end - 1]?.text === "," && end - 1 > from) end--;
          const phraseBefore = (e: number): number => {
            let a = e;
            while (a - 1 >= from && a > e - 6) {
              const pw = toks[a - 1].lower;
              if (NP_STOP.has(pw) || /^[,.;:!?()"“”]$/.test(toks[a - 1].text)) break;
              a--;
            }
            return a;
          };
          let a = phraseBefore(end);
          // "two people, including the governor, were killed": the subject is before the aside
          if (a < end && APPOSITION_OPENERS.has(toks[a].lower) && toks[a - 1]?.text === ",") {
            end = a - 1;
            a = phraseBefore(end);
          }
          if (a < end) add(a, end);
        } else {
          // "shot dead a police guard": the object comes after "dead"
          const o = toks[k + 1]?.lower === "dead" ? k + 2 : k + 1;
          if (
            o < to &&
            !["by", "in", "at", "on", "and", "or"].includes(toks[o].lower) &&
            // "killed a …" only for a person ("shot dead a police guard"), not "killed a total of"
            (!["a", "an"].includes(toks[o].lower) ||
              [1, 2, 3].some((d) => o + d < to && HUMAN_HEADS.has(toks[o + d].lower))) &&
            !/^\d/.test(toks[o].text)
          ) {
            const b = phraseAfter(o);
            if (b > o) add(o, b);
          }
        }
      } else if (VICTIM_NOUNS.has(w) && toks[k + 1]?.lower === "of") {
        const b = phraseAfter(k + 2);
        if (b > k + 2) add(k + 2, b);
      }
    }
    return out;
  }

  /** "gunmen stormed …", "a suicide bomber detonated …": who did it, as described, before the trigger. */
  private attackers(
    doc: AnalysisDoc,
    from: number,
    trigger: number,
    to: number,
  ): NonNullable<Event["attackers"]> {
    const toks = doc.tokens;
    // "nine soldiers … were attacked": the subject of a passive trigger is the one harmed
    const passive = isPassive(toks, trigger);
    for (let k = trigger - 1; !passive && k >= Math.max(from, trigger - 8); k--) {
      const w = toks[k].lower;
      if (!ATTACKER_HEADS.has(w)) continue;
      const next = k + 1 < to ? toks[k + 1].lower : "";
      let e = k;
      // "urban commando units", "a guerrilla column": the unit is the head
      if (UNIT_NOUNS.has(next) && k + 1 < trigger) e = k + 1;
      // "terrorist attacks", "three terrorist acts", "the guerrilla offensive": a modifier, not people
      else if (!w.endsWith("s") && !w.endsWith("men") && (ACT_NOUNS.has(next) || isIncidentNoun(next)))
        continue;
      // "a militant was killed by …": the one harmed, not the one harming
      const after = toks[e + 1]?.lower ?? "";
      if ((after === "was" || after === "were") && isIncidentWord(toks[e + 2]?.lower ?? "")) continue;
      // include modifiers: "heavily armed men", "a suicide bomber", "four gunmen"
      let a = k;
      while (a - 1 >= from && a > k - 4 && this.modifiesPeople(toks, a - 1)) a--;
      return [{ text: doc.text.slice(toks[a].start, toks[e].end), start: toks[a].start, end: toks[e].end }];
    }
    return this.byAttackers(doc, from, to);
  }

  /**
   * Whether token `i` can modify the people-noun after it: not a determiner, preposition, verb,
   * time expression or person's name ("alfredo cristiani condemned the terrorist", "0640 an fmln
   * guerrilla", "during the last few hours terrorists").
   */
  private modifiesPeople(toks: readonly Token[], i: number): boolean {
    const t = toks[i];
    const w = t.lower;
    if (
      DETERMINERS.has(w) ||
      TARGET_QUANTIFIERS.has(w) ||
      VAGUE_QUANTIFIERS.has(w) ||
      NP_STOP.has(w) ||
      AGENT_BREAKS.has(w) ||
      TARGET_END.has(w) ||
      PHRASE_OPENERS.has(w) ||
      TRIGGERS.has(w) ||
      HARM_WORDS.has(w) ||
      VICTIM_VERBS.has(w) ||
      NOT_MODIFIERS.has(w) ||
      TIME_UNITS.has(w) ||
      CLOCK_TIME.test(w) ||
      this.flags[i] & (PERSON_TOK | DATE_TOK | GROUP_TOK) ||
      /^\W+$/.test(t.text) ||
      verbLike(t)
    )
      return false;
    // "heavily armed", not "hereby reports"
    if (w.endsWith("ly") && !toks[i + 1]?.lower.endsWith("ed")) return false;
    return true;
  }

  /** "was killed by three heavily armed men", "shot by members of the police": the agent of a passive. */
  private byAttackers(doc: AnalysisDoc, from: number, to: number): NonNullable<Event["attackers"]> {
    const toks = doc.tokens;
    let by = -1;
    let harm = -1;
    for (let k = from; k < to && by < 0; k++) {
      const w = toks[k].lower;
      if (VICTIM_VERBS.has(w) || TRIGGERS.has(w) || HARM_WORDS.has(w)) harm = k;
      else if (/^[,.;:!?()"“”]$/.test(w)) harm = -1;
      else if (w === "by" && harm >= 0 && k - harm <= 6) by = k;
    }
    if (by < 0) return [];
    let a = by + 1;
    while (a < to && (DETERMINERS.has(toks[a].lower) || VAGUE_QUANTIFIERS.has(toks[a].lower))) a++;
    for (let k = a; k < Math.min(to, a + 5); k++) {
      const w = toks[k].lower;
      if (!BY_AGENT_HEADS.has(w)) {
        if (NP_STOP.has(w) || /^[,.;:!?()"“”]$/.test(w) || TRIGGERS.has(w) || VICTIM_VERBS.has(w)) return [];
        continue;
      }
      let e = k;
      // "members of the police department": the group they belong to is part of the description
      if (toks[k + 1]?.lower === "of" && /^(members?|groups?|units?|troops)$/.test(w)) {
        let j = k + 2;
        while (j < to && DETERMINERS.has(toks[j].lower)) j++;
        let last = -1;
        for (; j < Math.min(to, k + 8); j++) {
          const x = toks[j].lower;
          if ((NP_STOP.has(x) && x !== "of") || /^[,.;:!?()"“”]$/.test(x) || TIME_WORDS.has(x)) break;
          last = j;
        }
        if (last > 0) e = last;
      }
      return [{ text: doc.text.slice(toks[a].start, toks[e].end), start: toks[a].start, end: toks[e].end }];
    }
    return [];
  }

  /**
   * A group that does the act: named shortly before the trigger in the same clause ("ISIS-K
   * gunmen attacked", "the Islamic State's bombing"), or after it with "by" ("was carried out by
   * ISIS-K"). Other groups in the sentence ("… since the Taliban took power") are not perpetrators;
   * attribution statements link them when the text says so.
   */
  private isAgent(toks: readonly Token[], disc: Discourse, m: EntityMention, trigger: number): boolean {
    const first = disc.tokenAt(m.start);
    const last = disc.tokenAt(m.end - 1);
    if (last < trigger) {
      // "one army company was annihilated": the subject of a passive trigger is the one harmed
      if (trigger - last > 8 || isPassive(toks, trigger)) return false;
      for (let k = last + 1; k < trigger; k++) {
        const w = toks[k].lower;
        if (AGENT_BREAKS.has(w) || /^[;:]$/.test(w)) return false;
      }
      const prev = toks[first - 1]?.lower ?? "";
      const prev2 = toks[first - 2]?.lower ?? "";
      const prep = prev === "the" ? prev2 : prev;
      return !["against", "on", "for", "with", "from", "to", "in", "targeting", "at", "by"].includes(prep);
    }
    // after the trigger: "by ISIS-K", "by fighters of the Islamic State"
    if (first - trigger > 8) return false;
    for (let k = trigger + 1; k < first; k++) if (toks[k].lower === "by") return true;
    return false;
  }

  /**
   * Victims and attackers that are none: words that name no one ("died", "saying he", "group");
   * and people an incident's gathering commemorates ("killed at least 84 people at a memorial for
   * the slain Revolutionary Guards commander Qasem Soleimani", "the funeral of …", "the
   * anniversary of …'s death").
   */
  private cleanVictims(disc: Discourse, ev: Event): void {
    if (ev.attackers?.length) {
      ev.attackers = ev.attackers.filter((a) => namesSomeone(a.text));
      if (!ev.attackers.length) delete ev.attackers;
    }
    if (!ev.victims?.length) return;
    const toks = disc.doc.tokens;
    ev.victims = ev.victims.filter((v) => {
      if (!namesSomeone(v.text)) return false;
      const at = disc.tokenAt(v.start);
      for (let k = at - 1; k >= Math.max(0, at - 6) && toks[k].sent === toks[at]?.sent; k--) {
        if (COMMEMORATIONS.has(toks[k].lower) && /^(for|of)$/.test(toks[k + 1]?.lower ?? "")) return false;
        if (/^[.,;:]$/.test(toks[k].text)) break;
      }
      return true;
    });
    if (!ev.victims.length) delete ev.victims;
  }

  /**
   * State forces against an armed group or its fighters fight a battle (ACLED's Battles), not an
   * attack: "the troops attacked the rebels", "the air force bombed the rebel positions",
   * "security forces killed a senior commander of the Islamic State's Afghan branch in a raid".
   * The state side: perpetrators that are all state forces, or, with none, attackers described
   * as troops, soldiers or police. Decided on the merged incident, whose words may come from
   * several sentences: each report is checked when it is built (so a battle does not merge with
   * an attack) and the merged incident again.
   */
  private toBattle(doc: AnalysisDoc, r: RawEvent): void {
    const ev = r.event;
    if (ev.type !== "attack") return;
    const attackers = ev.attackers ?? [];
    const state = ev.perpetrators.length
      ? ev.perpetrators.every((entity) => isStateForce({ entity }))
      : attackers.length > 0 && attackers.every((a) => STATE_AGENTS.test(a.text));
    if (!state) return;
    const patients: { start?: number; end?: number; text: string }[] = [
      ...ev.targets,
      ...(ev.victims ?? []),
      ...(r.humanTarget ? [r.humanTarget] : []),
    ];
    const armed = patients.some(
      (x) =>
        x.start !== undefined &&
        x.end !== undefined &&
        this.isArmedParty(doc, { start: x.start, end: x.end, text: x.text }, doc.mentions),
    );
    if (!r.armedPatient && !armed) return;
    ev.type = "clash";
    ev.subtype = "armed_clash";
    const place = ev.place ? doc.entities.get(ev.place)?.name : undefined;
    ev.label = this.label("clash", "armed_clash", undefined, place);
  }

  /**
   * Whether a harm word without a trigger reports fighters of an armed group killed or wounded
   * in combat ("five members of the farc were killed in la rica, where combat began", "the
   * number of guerrillas killed in this area"): with no one named doing it (the caller checks),
   * casualties of a battle, not an incident of their own.
   */
  private fighterDeaths(doc: AnalysisDoc, s: number, h: number, mentions: EntityMention[]): boolean {
    const toks = doc.tokens;
    const sent = doc.sentences[s];
    const prev = toks[h - 1]?.lower ?? "";
    const next = toks[h + 1]?.lower ?? "";
    const reduced = ARMED_PARTY.test(prev) && /^(in|on|at|during|since|near|,|\.)$/.test(next);
    if (!reduced && !isPassive(toks, h)) return false;
    // the subject: back to the clause's start ("the fmln stated that several homes were damaged")
    let k0 = h - 1;
    while (k0 > Math.max(sent.tokenStart, h - 8) && !CLAUSE_OPENERS.has(toks[k0 - 1].lower)) k0--;
    const from = toks[k0].start;
    return (
      toks.slice(k0, h).some((t) => ARMED_PARTY.test(t.lower)) ||
      mentions.some((m) => m.kind === "armed_group" && m.start >= from && m.end <= toks[h].start)
    );
  }

  /** Whether a target or victim phrase names an armed group or its fighters ("the rebel positions"). */
  private isArmedParty(
    doc: AnalysisDoc,
    x: { start: number; end: number; text: string },
    mentions: EntityMention[],
  ): boolean {
    if (ARMED_PARTY.test(x.text)) return true;
    if (mentions.some((m) => m.kind === "armed_group" && m.start >= x.start && m.end <= x.end)) return true;
    // "a senior commander of the Islamic State's Afghan branch", "members of the farc"
    const of = /^\s*of\s+(?:the\s+)?/i.exec(doc.text.slice(x.end, x.end + 12));
    if (!of) return false;
    const at = x.end + of[0].length;
    return mentions.some((m) => m.kind === "armed_group" && m.start === at);
  }

  /**
   * Whether a mention is the subject right before a verb ("the army killed", "the fmln has
   * killed", "honduran army troops attacked"), not a modifier in a reduced clause ("Taliban
   * figures killed since …") or the subject of another verb.
   */
  private isSubjectOf(disc: Discourse, m: EntityMention, verb: number): boolean {
    const toks = disc.doc.tokens;
    const last = disc.tokenAt(m.end - 1);
    if (last >= verb || verb - last > 3 || disc.isSource(m) || this.isPatient(toks, disc, m)) return false;
    for (let k = last + 1; k < verb; k++) if (!SUBJECT_GAP.has(toks[k].lower)) return false;
    return this.isAgent(toks, disc, m, verb);
  }

  /** A state force right after "<bombing> of" ("bombings of the government's air force"), the bomber. */
  private forceAfterOf(
    toks: readonly Token[],
    i: number,
    sentTokEnd: number,
    mentions: EntityMention[],
  ): EntityMention | undefined {
    if (!AERIAL_TRIGGERS.has(toks[i].lower) || toks[i + 1]?.lower !== "of") return undefined;
    const limit = toks[Math.min(sentTokEnd - 1, i + 7)].end;
    return mentions.find((m) => isStateForce(m) && m.start > toks[i + 1].start && m.end <= limit);
  }

  /** "… underscore ISIS-K’s antagonism", "ISIS-K’s fighters": the group owns the hostility or the attackers. */
  private isHostilePossessor(toks: readonly Token[], disc: Discourse, m: EntityMention): boolean {
    const after = disc.tokenAt(m.end);
    if (!/^['’]s$/.test(toks[after]?.text ?? "")) return false;
    for (let k = after + 1; k < Math.min(toks.length, after + 3); k++)
      if (HOSTILE_POSSESSIONS.has(toks[k].lower)) return true;
    return false;
  }

  /**
   * An armed group that is acted upon ("efforts to eliminate ISIS-K", "attack on the Taliban"), or
   * that only describes whom a harm verb hit ("had killed a senior ISKP intelligence commander").
   */
  private isPatient(toks: readonly Token[], disc: Discourse, m: EntityMention): boolean {
    const ti = disc.tokenAt(m.start);
    const prev = toks[ti - 1]?.lower;
    const prev2 = toks[ti - 2]?.lower;
    if (
      (prev !== undefined && HOSTILE_BEFORE.has(prev)) ||
      (prev === "the" && prev2 !== undefined && HOSTILE_BEFORE.has(prev2))
    )
      return true;
    // "killed a senior ISKP commander": a determiner and at most two modifiers after the verb
    for (let k = ti - 1; k >= Math.max(0, ti - 4) && toks[k].sent === toks[ti].sent; k--) {
      const w = toks[k].lower;
      if (VICTIM_VERBS.has(w) || HARM_WORDS.has(w)) return ti - k >= 2 && DETERMINERS.has(toks[k + 1].lower);
      if (!DETERMINERS.has(w) && !/^[a-z-]+$/.test(w)) return false;
    }
    return false;
  }

  private target(
    doc: AnalysisDoc,
    i: number,
    sentTokEnd: number,
    segEnd: number,
    mentions: EntityMention[],
  ):
    | (Target & { start: number; end: number; isActor: boolean; human: boolean })
    | typeof FIGURATIVE
    | undefined {
    const toks = doc.tokens;
    let j = i + 1;
    if (j >= sentTokEnd) return undefined;
    if (TARGET_PREPS.has(toks[j].lower)) j++;
    else if (
      !(
        TRANSITIVE.has(toks[i].lower) &&
        (DETERMINERS.has(toks[j].lower) ||
          /^[A-Z]/.test(toks[j].text) ||
          mentions.some((m) => m.start === toks[j].start))
      )
    )
      return undefined;
    while (j < sentTokEnd && (DETERMINERS.has(toks[j].lower) || TARGET_QUANTIFIERS.has(toks[j].lower))) j++;
    const start = j;
    j = this.targetPhraseEnd(doc, start, sentTokEnd, segEnd);
    // "a large number of youths", "a group of workers": the head comes after "of"
    if (j > start && j + 1 < sentTokEnd && QUANTITY_HEADS.has(toks[j - 1].lower) && toks[j].lower === "of") {
      let k = j + 1;
      while (k < sentTokEnd && DETERMINERS.has(toks[k].lower)) k++;
      const end = this.targetPhraseEnd(doc, k, sentTokEnd, segEnd);
      if (end > k) j = end;
    }
    if (j === start) return undefined;
    const s = toks[start].start;
    // "the attack on Thursday", "on the night it happened": a time, not a target
    if (
      this.flags[start] & DATE_TOK ||
      TIME_UNITS.has(toks[start].lower) ||
      CLOCK_TIME.test(toks[start].lower)
    )
      return undefined;
    let last = j - 1;
    // Drop a trailing possessive clitic.
    if (/^['’]s$/.test(toks[last].text) && last > start) last--;
    const headEnd = toks[last].end;
    // "the offices of the local development corporation": whose they are is part of the target
    const e = toks[this.ownerPhraseEnd(doc, last, sentTokEnd) - 1].end;
    const text = doc.text.slice(s, e);
    const kind = this.phraseKind(doc, start, last + 1, mentions);
    if (kind === "abstract") return FIGURATIVE;
    if (kind === "none") return undefined;
    let type: TargetType | undefined;
    for (let k = last; k >= start; k--) {
      const ty = TARGET_TYPES.get(toks[k].lower);
      if (ty) {
        type = ty;
        break;
      }
    }
    const inside = mentions.filter((m) => m.start >= s && m.end <= headEnd);
    const actor = inside.find((m) => ACTOR_KINDS.has(m.kind) && !m.demonym && m.kind !== "state");
    const demonym = inside.find((m) => m.demonym);
    const named = inside.find((m) => m.kind === "facility" || m.kind === "named_event");
    const entity = actor?.entity ?? named?.entity ?? demonym?.entity;
    if (actor?.kind === "armed_group") type = "terrorists_non_state_militia";
    return {
      text,
      start: s,
      end: e,
      ...(entity ? { entity } : {}),
      ...(type ? { type } : {}),
      isActor: !!actor,
      human: kind === "human",
    };
  }

  /**
   * End (exclusive) of the noun phrase of a target starting at token `start`: before a stop word,
   * a clause ("after", "if", a pronoun), a number or date after its first word, punctuation, or a
   * verb after a noun ("the bus carrying …", "the residents resulted …"); six words at most.
   */
  private targetPhraseEnd(doc: AnalysisDoc, start: number, sentTokEnd: number, segEnd: number): number {
    const toks = doc.tokens;
    let j = start;
    while (j < sentTokEnd && toks[j].start < segEnd) {
      const t = toks[j];
      const w = t.lower;
      if (NP_STOP.has(w) || TIME_UNITS.has(w) || TARGET_END.has(w)) break;
      // "the farm 2 days ago", "0030 today": numbers and dates end the phrase
      if (j > start && (/^\d/.test(t.text) || this.flags[j] & DATE_TOK)) break;
      if (t.pos && ["VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON"].includes(t.pos)) break;
      // punctuation, but not a hyphen inside a word ("11-floor building")
      if (/^\W+$/.test(t.text) && !(j > start && isInnerHyphen(toks, j))) break;
      if (j > start && this.verbAfterNoun(toks, j)) break;
      // "a Kabul hotel popular with Chinese nationals": an adjective after the head starts a
      // modifier of its own
      if (
        j > start &&
        POSTMODIFIERS.has(w) &&
        (PHYSICAL_HEADS.has(toks[j - 1].lower) || TARGET_TYPES.has(toks[j - 1].lower))
      )
        break;
      j++;
      if (j - start >= 6) break;
    }
    return j;
  }

  /** "bus carrying", "residents resulted", "vehicle transporting": a participle or past tense right after a noun. */
  private verbAfterNoun(toks: readonly Token[], j: number): boolean {
    const w = toks[j].lower;
    if (w.length < 5 || w.includes("-") || PARTICIPLE_MODIFIERS.has(w) || ING_NOUNS.has(w)) return false;
    if (PHYSICAL_HEADS.has(w) || TARGET_TYPES.has(w)) return false;
    const prev = toks[j - 1].lower;
    // "freedom coincides": a finite verb after an abstract noun
    if (NON_TARGET_HEADS.has(prev) && verbLike(toks[j])) return true;
    if (!w.endsWith("ing") && !w.endsWith("ed")) return false;
    return (
      PHYSICAL_HEADS.has(prev) ||
      TARGET_TYPES.has(prev) ||
      HUMAN_HEADS.has(prev) ||
      NON_TARGET_HEADS.has(prev) ||
      (prev.endsWith("s") && !prev.endsWith("ss"))
    );
  }

  /**
   * What a phrase names: people ("six jesuits", "colonel roberto rivera", "the salvadoran
   * people"), an abstraction or a nation ("the chilean nation", "freedom of expression", "cuba"),
   * nothing else a target can be (a number, an area: "the outskirts"), or a thing.
   */
  private phraseKind(
    doc: AnalysisDoc,
    a: number,
    b: number,
    mentions: readonly EntityMention[],
  ): "human" | "abstract" | "none" | "thing" {
    const toks = doc.tokens;
    const head = toks[b - 1].lower;
    // "linked the bombing to the Afghan branch": a part of a group, not a target
    if (this.isOrganisationalUnit(toks, a, b - 1, doc.sentences[toks[a].sent].tokenStart)) return "none";
    let numeric = true;
    for (let k = a; k < b; k++)
      if (!/^\d/.test(toks[k].text) && !NUMBER_WORDS.has(toks[k].lower)) numeric = false;
    if (numeric) return "none";
    if (ABSTRACT_HEADS.has(head)) return "abstract";
    if (NON_TARGET_HEADS.has(head)) return "none";
    const s = toks[a].start;
    const e = toks[b - 1].end;
    const whole = mentions.find((m) => m.start <= s && m.end >= e);
    if (whole && !whole.demonym && whole.kind === "state") return "abstract";
    if (whole && !whole.demonym && whole.kind === "place") return "none";
    if (whole?.kind === "person") return "human";
    if (HUMAN_HEADS.has(head) || ATTACKER_HEADS.has(head) || /goers?$/.test(head)) return "human";
    // a plural demonym: "salvadorans", "Americans"
    if (whole?.demonym && head.endsWith("s")) return "human";
    // a name, or a title before a name ("colonel waldemar franklin"), not the owner of a thing ("the mayor's office")
    for (let k = a; k < b; k++) {
      if (!(this.flags[k] & PERSON_TOK) && !HUMAN_HEADS.has(toks[k].lower)) continue;
      let thing = false;
      for (let x = k + 1; x < b; x++)
        if (
          PHYSICAL_HEADS.has(toks[x].lower) ||
          TARGET_TYPES.has(toks[x].lower) ||
          /^['’]s$/.test(toks[x].text)
        )
          thing = true;
      if (!thing) return "human";
    }
    return "thing";
  }

  private refineSubtype(d: TriggerDef, target: { type?: TargetType } | undefined): string | undefined {
    if (d.type !== "attack") return d.subtype;
    if (d.subtype === "bombing" && target?.type === "airports_aircraft") return "aviation_bombing";
    return d.subtype;
  }

  private casualties(
    doc: AnalysisDoc,
    quantities: AnalysisDoc["quantities"],
  ): Event["casualties"] | undefined {
    let killed: Range | undefined;
    let wounded: Range | undefined;
    for (const q of quantities) {
      const after = doc.text.slice(q.end, q.end + 40);
      const detail = q as { effect?: string };
      const range: Range = {
        ...(q.min !== undefined ? { min: q.min } : {}),
        ...(q.max !== undefined ? { max: q.max } : {}),
        ...(q.approx !== "exact" ? { approx: true } : {}),
        text: q.text,
      };
      if (detail.effect === "killed" || detail.effect === "dead" || (!detail.effect && KILLED.test(after))) {
        killed ??= range;
      } else if (
        detail.effect === "wounded" ||
        detail.effect === "injured" ||
        (!detail.effect && WOUNDED.test(after))
      ) {
        wounded ??= range;
      }
    }
    if (!killed && !wounded) return undefined;
    return { ...(killed ? { killed } : {}), ...(wounded ? { wounded } : {}) };
  }

  /**
   * An attack whose weapon is an explosive ("a car bomb", "dynamite", "a grenade", "a mine") is a
   * bombing, as GTD types attacks by their weapon; an assassination, kidnapping or arson keeps
   * its own type.
   */
  private explosiveAttack(ev: Event): void {
    if (ev.type !== "attack" || (ev.subtype !== "unknown" && ev.subtype !== "armed_assault")) return;
    // a weapon is an explosive when one of its words is a head the weapon lexicon types so
    const explosive = (w: string) =>
      w
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .some((x) => WEAPONS.get(x) === "explosives");
    if (!ev.weapons.some(explosive)) return;
    this.retype(ev, "bombing");
  }

  /** A new subtype, and the label's first words with it ("attack on X" → "bombing on X"). */
  private retype(ev: Event, subtype: string): void {
    const was = labelHead(ev.type, ev.subtype);
    const wasPrep = ` ${labelPrep(ev.type, ev.subtype)} `;
    ev.subtype = subtype;
    if (!(ev.label?.startsWith(`${was} `) || ev.label === was)) return;
    let rest = ev.label.slice(was.length);
    // "attack on the mayor" → "kidnapping of the mayor", as `label` words it
    if (rest.startsWith(wasPrep)) rest = ` ${labelPrep(ev.type, subtype)} ${rest.slice(wasPrep.length)}`;
    ev.label = `${labelHead(ev.type, subtype)}${rest}`;
  }

  private label(type: EventType, subtype: string | undefined, target?: string, place?: string): string {
    const prep = labelPrep(type, subtype);
    return [labelHead(type, subtype), target ? `${prep} ${target}` : "", place ? `in ${place}` : ""]
      .filter(Boolean)
      .join(" ");
  }

  /**
   * Attribution statements in one sentence: who claimed it, whom a party blames, who disputes.
   * "Russia's government suggests Ukraine was behind the massacre, though the Islamic State
   * claimed it" gives two: claimed (by the group) and disputed (by the Russian government).
   */
  private attribution(
    doc: AnalysisDoc,
    disc: Discourse,
    s: number,
    mentions: EntityMention[],
  ): Attribution[] {
    const toks = disc.sentenceTokens(s);
    let claimed = -1;
    let attributed = -1;
    let suspected = -1;
    let disputed = -1;
    for (let k = 0; k < toks.length; k++) {
      const w = toks[k].lower;
      const next = toks[k + 1]?.lower ?? "";
      if (
        CLAIM_WORDS.has(w) &&
        ["responsibility", "the", "it", "a", "an", "both", "two", "credit"].includes(next)
      )
        claimed = k;
      else if (
        attributed < 0 &&
        ((ATTRIBUTION_WORDS.has(w) && (w !== "blamed" || next === "on")) ||
          (w === "pointed" && next === "to") ||
          (w === "carried" && (next === "out" || next === "it")))
      )
        attributed = k;
      else if (SUSPECT_WORDS.has(w)) suspected = k;
      if (DISPUTE_WORDS.has(w) && !(w === "blamed" && next === "on")) disputed = k;
    }
    if (claimed < 0 && attributed < 0 && suspected < 0 && disputed < 0) return [];
    const officials = mentions.filter(
      (m) => m.kind === "government" || m.kind === "agency" || m.kind === "state",
    );
    // the most specific group: "the Islamic State's Afghan branch, known as ISIS-K" → ISIS-K
    const actorGroups = this.mostSpecific(
      doc,
      mentions.filter((m) => m.kind === "armed_group" && !disc.isSource(m)),
    );
    const speakers = mentions.filter((m) => m.kind === "armed_group" && !disc.isSource(m));
    const anaphor = disc.refersToGroup(s) ? disc.referent(s, doc.sentences[s].end) : undefined;
    const sent = doc.sentences[s];
    const span = evidence(doc, sent.start, sent.end);
    const out: Attribution[] = [];
    if (claimed >= 0) {
      const at = toks[claimed].start;
      const claimant =
        [...speakers].reverse().find((m) => m.end <= at)?.entity ?? speakers[0]?.entity ?? anaphor;
      if (claimant) out.push({ status: "claimed", group: claimant, by: claimant, span });
    }
    if (attributed >= 0) {
      const at = toks[attributed].start;
      // "armed forces elements are responsible", "… was blamed on the army": a state force can be
      // the party blamed rather than the one blaming
      const blamedForce = this.blamedForce(toks, attributed, officials);
      const holderM = officials.find((m) => m.end <= at && m !== blamedForce);
      const from = holderM?.end ?? at;
      // "Russia suggests that Ukraine was behind it": a state between the holder and the cue is the
      // party blamed instead — an alternative attribution, i.e. a dispute
      const blamedStates = holderM
        ? officials.filter((m) => m.entity !== holderM.entity && m.start >= holderM.end && m.end <= at)
        : [];
      const groupBetween = actorGroups.some((g) => g.start >= from && g.end <= at);
      const objectGroup =
        blamedStates.length && !groupBetween
          ? undefined
          : (actorGroups.find((m) => m.start >= from)?.entity ??
            blamedForce?.entity ??
            (claimed < 0 ? (actorGroups[0]?.entity ?? anaphor) : undefined));
      const objectStates = blamedStates;
      if (objectGroup) {
        if (disputed >= 0 && officials.length) {
          // the disputing party is the subject of the dispute cue: the official nearest before it
          const cueAt = toks[disputed].start;
          const before = officials.filter((m) => m.end <= cueAt);
          const disputer = (before[before.length - 1] ?? officials[0]).entity;
          out.push({ status: "disputed", group: objectGroup, by: disputer, disputedBy: disputer, span });
        } else {
          out.push({
            status: "attributed",
            group: objectGroup,
            ...(holderM ? { by: holderM.entity } : {}),
            span,
          });
        }
      } else if (holderM && objectStates.length) {
        // a party blames a state instead of the group that claimed it: a dispute, held by that party
        out.push({ status: "disputed", by: holderM.entity, disputedBy: holderM.entity, span });
      }
    } else if (disputed >= 0 && officials.length && (actorGroups.length || anaphor)) {
      const cueAt = toks[disputed].start;
      const before = officials.filter((m) => m.end <= cueAt);
      const disputer = before[before.length - 1]?.entity;
      const group = actorGroups[0]?.entity ?? anaphor;
      if (disputer && group && /^(accus|blam|disput|den|reject)/.test(toks[disputed].lower))
        out.push({ status: "disputed", group, by: disputer, disputedBy: disputer, span });
    }
    if (!out.length && suspected >= 0) {
      const group = actorGroups[0]?.entity ?? anaphor;
      if (group) out.push({ status: "suspected", group, span });
    }
    return out;
  }

  /**
   * The state force an attribution cue blames: the subject of "… are responsible" ("armed forces
   * elements are responsible"), or the object of "blamed on" / "attributed to" ("attributed to the
   * army"), not the official who speaks.
   */
  private blamedForce(
    toks: readonly Token[],
    cue: number,
    officials: EntityMention[],
  ): EntityMention | undefined {
    const forces = officials.filter(isStateForce);
    if (!forces.length) return undefined;
    const w = toks[cue].lower;
    if (w === "responsible" || w === "behind") {
      // "<force> [elements|members|units] are/were [directly] responsible"
      let k = cue - 1;
      while (k >= 0 && /ly$/.test(toks[k].lower)) k--;
      if (k < 0 || !BE_FORMS.has(toks[k].lower)) return undefined;
      k--;
      while (k >= 0 && FORCE_PARTS.has(toks[k].lower)) k--;
      return k >= 0 ? forces.find((m) => m.end === toks[k].end) : undefined;
    }
    // "blamed on the army", "attributed to the national police"
    const limit = toks[Math.min(toks.length - 1, cue + 4)].end;
    return forces.find((m) => m.start > toks[cue].end && m.end <= limit);
  }

  /** Drops a group when its own province or affiliate is named beside it. */
  private mostSpecific(doc: AnalysisDoc, groups: EntityMention[]): EntityMention[] {
    const ids = new Set(groups.map((g) => g.entity));
    return groups.filter(
      (g) => ![...ids].some((o) => o !== g.entity && doc.entities.get(o)?.parent === g.entity),
    );
  }

  private applyAttribution(r: RawEvent, a: Attribution): void {
    const ev = r.event;
    if (a.group && !ev.perpetrators.includes(a.group)) ev.perpetrators.push(a.group);
    const cur = ev.attribution?.status ?? "unknown";
    if (ATTRIBUTION_RANK[a.status] >= ATTRIBUTION_RANK[cur]) {
      ev.attribution = {
        status: a.status,
        ...(a.by ? { by: a.by } : {}),
        ...(a.disputedBy ? { disputedBy: [a.disputedBy] } : {}),
      };
    }
    if (!ev.evidence.some((e) => e.start === a.span.start)) ev.evidence.push(a.span);
    r.attrEvidence.push(a.span);
    r.attrs.push(a);
  }

  /** Merges events in one document that describe the same incident. */
  /** True when place `outer` (a region or country) contains the place of event `f`. */
  private contains(doc: AnalysisDoc, outer: string, f: Event): boolean {
    const rec = doc.entities.get(outer);
    if (!rec || !f.country) return false;
    if (rec.id === `country:${f.country}`) return true;
    if (!rec.countries?.includes(f.country)) return false;
    // a province holds a town of its country only near it (which province a town is in is not
    // known outside the US): Bannu is 680 km from the middle of Balochistan, Mastung 190 km
    const inner = f.place ? doc.entities.get(f.place)?.geo : undefined;
    if (rec.geo?.precision === "admin" && inner?.precision === "city")
      return greatCircleKm(rec.geo, inner) <= PROVINCE_RADIUS_KM;
    // a town holds no province, and another town only as its suburb
    if (rec.geo?.precision === "city" && inner)
      return inner.precision === "city" && greatCircleKm(rec.geo, inner) <= SUBURB_RADIUS_KM;
    return true;
  }

  /**
   * Whether a later event mention `r` describes the same incident as the kept `k`: same type,
   * compatible subtype, target type, date and place, and at least one positive sign — same
   * place, same day, same target entity, or a definite/placeless reference ("the attack").
   */
  private coreferent(doc: AnalysisDoc, k: RawEvent, r: RawEvent): boolean {
    const f = k.event;
    const e = r.event;
    if (f.type !== e.type || k.plural || r.plural) return false;
    const subOk = compatibleSubtypes(f.subtype, e.subtype);
    if (!subOk) return false;
    // an incident done by state forces and one done by a group are two ("security forces killed
    // the commander in a raid" and "an attack on the embassy" the group claimed)
    const fs = perpetratorSide(f.perpetrators);
    const es = perpetratorSide(e.perpetrators);
    if (fs && es && fs !== es && fs !== "mixed" && es !== "mixed") return false;
    const ft = f.targets[0] ?? k.humanTarget;
    const et = e.targets[0] ?? r.humanTarget;
    if (ft?.type && et?.type && ft.type !== et.type) return false;
    if (ft?.entity && et?.entity && ft.entity !== et.entity) return false;
    const fd = f.date?.value;
    const ed = e.date?.value;
    if (fd && ed) {
      const n = Math.min(fd.length, ed.length);
      if (
        fd.slice(0, n) !== ed.slice(0, n) &&
        !(n === 10 && Math.abs(Date.parse(fd) - Date.parse(ed)) <= 86_400_000)
      )
        return false;
    }
    let placeSame = false;
    if (f.place && e.place) {
      placeSame = f.place === e.place;
      const nested = this.contains(doc, e.place, f) || this.contains(doc, f.place, e);
      const sameCountry = !!f.country && f.country === e.country;
      if (!placeSame && !nested && !sameCountry) return false;
      // two towns of one country are one incident only when they name the same target: the same
      // day is not enough ("a suicide bomber attacked an election rally in Balochistan on Friday
      // … hours earlier on Friday, a bomb targeted a convoy in Bannu")
      if (!placeSame && !nested && !(ft?.entity && ft.entity === et?.entity)) return false;
    }
    // two reports that each name whom or what was hit, and name different ones, are two incidents
    // ("… shot a guard at the embassy … students stoned a bus"), unless the later one refers back
    if (!r.definite && distinctHits(f, e)) return false;
    const sameDay = !!fd && fd === ed && fd.length === 10;
    const sameTarget = !!ft?.entity && ft.entity === et?.entity;
    // "German police have arrested …" then "… detained on 19 March in Gera": nested places, one undated
    const nestedUndated = !!f.place && !!e.place && !placeSame && (!fd || !ed);
    return placeSame || sameDay || sameTarget || r.definite || !e.place || nestedUndated;
  }

  private mergeCoreferent(doc: AnalysisDoc, raws: RawEvent[]): RawEvent[] {
    const kept: RawEvent[] = [];
    for (const r of raws) {
      const e = r.event;
      const same = kept.find((k) => this.coreferent(doc, k, r));
      if (!same) {
        kept.push(r);
        continue;
      }
      const f = same.event;
      // a perpetrator named in the incident's own words is not made "suspected" by a later "the group"
      const named = f.perpetrators.length > 0 && !f.attribution;
      for (const p of e.perpetrators) if (!f.perpetrators.includes(p)) f.perpetrators.push(p);
      if (!f.place && e.place) f.place = e.place;
      if (!f.country && e.country) f.country = e.country;
      if (!f.date && e.date) f.date = e.date;
      if (
        (!f.subtype ||
          f.subtype === "unknown" ||
          (f.subtype === "bombing" && BOMBINGS.has(e.subtype ?? ""))) &&
        e.subtype
      )
        this.retype(f, e.subtype);
      if (!f.targets.length && e.targets.length) f.targets = e.targets;
      same.humanTarget ??= r.humanTarget;
      if (r.armedPatient) same.armedPatient = true;
      if (!f.casualties && e.casualties) f.casualties = e.casualties;
      for (const w of e.weapons) if (!f.weapons.includes(w)) f.weapons.push(w);
      const victims = [...(f.victims ?? []), ...(e.victims ?? [])];
      const attackers = [...(f.attackers ?? []), ...(e.attackers ?? [])];
      if (victims.length)
        f.victims = victims.filter((v, k) => victims.findIndex((x) => x.text === v.text) === k);
      if (attackers.length)
        f.attackers = attackers.reduce<NonNullable<Event["attackers"]>>(
          (acc, a) => withDescription(acc, a),
          [],
        );
      if (e.attribution && !(named && e.attribution.status === "suspected")) {
        if (
          !f.attribution ||
          ATTRIBUTION_RANK[e.attribution.status] >= ATTRIBUTION_RANK[f.attribution.status]
        )
          f.attribution = e.attribution;
      }
      for (const ev of e.evidence)
        if (!f.evidence.some((x) => x.start === ev.start && x.end === ev.end)) f.evidence.push(ev);
      same.sents.push(...r.sents);
      same.attrEvidence.push(...r.attrEvidence);
      same.attrs.push(...r.attrs);
      f.confidence = Math.min(0.9, (f.confidence ?? 0.5) + 0.1);
    }
    for (const k of kept) k.event.evidence.sort((a, b) => a.start - b.start);
    return kept;
  }

  /**
   * One claim per attribution statement, with its holder: "Daesh claimed responsibility" (held by
   * the group), "US officials said … pointed to ISKP" (held by the US government), "the Russian
   * government … accusations" (a dispute held by it).
   */
  private attributionClaims(doc: AnalysisDoc, r: RawEvent): Claim[] {
    const ev = r.event;
    const out: Claim[] = [];
    const seen = new Set<string>();
    for (const a0 of r.attrs) {
      if (a0.status === "unknown") continue;
      // a dispute that names no group disputes the attribution of the event's perpetrators
      for (const group of a0.group ? [a0.group] : ev.perpetrators) {
        const a = { ...a0, group };
        const stance = a.status === "claimed" ? "asserted" : "reported";
        const holder = a.status === "claimed" ? a.group : a.status === "attributed" ? a.by : undefined;
        // a dispute that names no group only adds the dispute; the attribution it disputes is elsewhere
        const claims: Claim[] = [];
        if (a0.group || a.status !== "disputed")
          claims.push({
            id: makeId("claim", doc.meta.id, "attribution", a.group, ev.id, stance, holder),
            subject: a.group,
            property: "attribution",
            value: ev.label ?? ev.type,
            object: ev.id,
            stance: a.status === "suspected" ? "possible" : stance,
            ...(holder ? { heldBy: holder } : {}),
            evidence: [a.span],
          });
        if (a.disputedBy) {
          claims.push({
            id: makeId("claim", doc.meta.id, "attribution", a.group, ev.id, "disputed", a.disputedBy),
            subject: a.group,
            property: "attribution",
            value: ev.label ?? ev.type,
            object: ev.id,
            stance: "disputed",
            heldBy: a.disputedBy,
            evidence: [a.span],
          });
        }
        for (const c of claims) {
          if (seen.has(c.id)) continue;
          seen.add(c.id);
          out.push(c);
        }
      }
    }
    return out;
  }
}

/** How much an attribution status says, for keeping the strongest of several statements. */
const ATTRIBUTION_RANK: Record<string, number> = {
  unknown: 0,
  suspected: 1,
  attributed: 2,
  claimed: 3,
  denied: 3,
  disputed: 4,
};

/**
 * Whether the trigger at `i` is passive: "were attacked", "was brutally murdered", or a reduced
 * passive with its agent ("the number of guerrillas killed by 11th brigade troops").
 */
function isPassive(toks: readonly Token[], i: number): boolean {
  return (
    PASSIVE_AUX.has(toks[i - 1]?.lower ?? "") ||
    (PASSIVE_AUX.has(toks[i - 2]?.lower ?? "") && /ly$/.test(toks[i - 1]?.lower ?? "")) ||
    (/ed$/.test(toks[i].lower) && toks[i + 1]?.lower === "by")
  );
}

/**
 * A description list with one more: the same words again, or the same words without their count
 * ("heavily armed men" beside "three heavily armed men"), add nothing; the counted description
 * replaces the uncounted one.
 */
function withDescription<T extends { text: string }>(list: T[], d: T): T[] {
  const key = d.text.toLowerCase();
  const within = (longer: string, shorter: string) =>
    longer === shorter ||
    (longer.endsWith(` ${shorter}`) &&
      COUNT_PREFIX.test(longer.slice(0, longer.length - shorter.length - 1)));
  if (list.some((a) => within(a.text.toLowerCase(), key))) return list;
  return [...list.filter((a) => !within(key, a.text.toLowerCase())), d];
}

/** A count before a description ("three", "30", "a group of 10"). */
const COUNT_PREFIX =
  /^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens of)$/;

/** Whether a description of people names someone: not only pronouns, verbs or "group" ("saying he", "died"). */
function namesSomeone(text: string): boolean {
  return text
    .toLowerCase()
    .split(/\s+/)
    .some((w) => /^\p{L}/u.test(w) && !NOT_A_VICTIM.has(w) && !SPEECH_WORDS.has(w));
}

/** Whose side the perpetrators are on: all state forces, all others, or both; undefined for none. */
function perpetratorSide(ids: readonly string[]): "state" | "other" | "mixed" | undefined {
  if (!ids.length) return undefined;
  const state = ids.filter((entity) => isStateForce({ entity })).length;
  return state === ids.length ? "state" : state === 0 ? "other" : "mixed";
}

/** Bombings of any kind are one family; an assassination may be carried out by any means. */
const BOMBINGS = new Set(["bombing", "suicide_attack", "aviation_bombing"]);
function compatibleSubtypes(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a === b || a === "unknown" || b === "unknown") return true;
  if (BOMBINGS.has(a) && BOMBINGS.has(b)) return true;
  return a === "assassination" || b === "assassination";
}

/** Spans grouped by the sentence holding their start. */
function bucket<T extends { start: number }>(doc: AnalysisDoc, spans: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const x of spans) {
    const s = doc.sentenceAt(x.start);
    const list = out.get(s);
    if (list) list.push(x);
    else out.set(s, [x]);
  }
  return out;
}

/** The object of a trigger is an abstraction or a nation ("an attack against the chilean nation"). */
const FIGURATIVE = "figurative" as const;
const PERSON_TOK = 1;
const DATE_TOK = 2;
const GROUP_TOK = 4;

/** Which tokens lie in a person's name (gazetteer or NER) or in a date: phrase boundaries. */
function tokenFlags(doc: AnalysisDoc, disc: Discourse): Uint8Array {
  const flags = new Uint8Array(doc.tokens.length);
  const mark = (start: number, end: number, bit: number) => {
    for (let k = disc.tokenAt(start); k < doc.tokens.length && doc.tokens[k].start < end; k++)
      flags[k] |= bit;
  };
  for (const m of doc.mentions) if (m.kind === "person") mark(m.start, m.end, PERSON_TOK);
  for (const n of doc.ner) if (n.type === "PER") mark(n.start, n.end, PERSON_TOK);
  for (const d of doc.dates) mark(d.start, d.end, DATE_TOK);
  for (const m of doc.mentions) if (m.kind === "armed_group") mark(m.start, m.end, GROUP_TOK);
  return flags;
}

/** A word ending like a finite verb or a participle ("condemned", "reports") that is not a known noun modifier. */
function verbLike(t: Token): boolean {
  const w = t.lower;
  if (PARTICIPLE_MODIFIERS.has(w) || PLURAL_MODIFIERS.has(w) || w.length < 4 || w.includes("-")) return false;
  if (w.endsWith("ed")) return true;
  return w.endsWith("s") && !/(?:ss|us|is|as|os|'s|’s)$/.test(w) && !/^[A-Z]/.test(t.text);
}

/** A hyphen between two parts of one word: "11-floor", "truck-bomb". */
function isInnerHyphen(toks: readonly Token[], j: number): boolean {
  const t = toks[j];
  return (
    /^[-‐‑]$/.test(t.text) &&
    j > 0 &&
    toks[j - 1].end === t.start &&
    toks[j + 1] !== undefined &&
    toks[j + 1].start === t.end
  );
}

/** An event label's first words: its subtype, or its type when the subtype says no more ("bombing", "attack"). */
function labelHead(type: EventType, subtype: string | undefined): string {
  return (subtype && subtype !== "unknown" && subtype !== type ? subtype : type).replace(/_/g, " ");
}

/** The preposition before a label's target: "arrest of", "kidnapping of", "bombing on". */
function labelPrep(type: EventType, subtype: string | undefined): "of" | "on" {
  return type === "arrest" || subtype === "kidnapping" || subtype === "assassination" ? "of" : "on";
}

/** A head word the weapon lexicon types as an explosive on its own ("bombs", "dynamite"; not "car" or "mine"). */
function isExplosiveHead(w: string): boolean {
  return WEAPONS.get(w) === "explosives" && !WEAPON_NEEDS_MODIFIER.has(w);
}

/** Whether tokens [from, to) name an explosive device. */
function namesExplosive(toks: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isExplosiveHead(toks[k].lower)) return true;
  return false;
}

/**
 * The explosive a placing verb at `i` places ("placed 11 bombs", "set off explosives"): the index
 * of its head within five words and before any punctuation, or -1.
 */
function placedDevice(toks: readonly Token[], i: number, end: number): number {
  for (let k = i + 1; k < Math.min(end, i + 6); k++) {
    const w = toks[k].lower;
    if (isExplosiveHead(w)) return k;
    if (/^[,.;:!?()"“”]$/.test(w)) break;
  }
  return -1;
}

/** Whether tokens [from, to) name an incident: a trigger, a harm word or an incident noun in any form. */
function namesIncident(toks: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isIncidentWord(toks[k].lower)) return true;
  return false;
}

/** A noun of an incident or of harm ("attacks", "bombing", "killing"), not a verb ("attacked", "shot"). */
function isIncidentNoun(w: string): boolean {
  return isIncidentWord(w) && !w.endsWith("ed") && !["shot", "burnt", "slain", "blew", "hurt"].includes(w);
}

/** A word of an incident or of harm ("attack", "bombing", "killing", "murder"). */
function isIncidentWord(w: string): boolean {
  return TRIGGERS.has(w) || HARM_WORDS.has(w) || VICTIM_VERBS.has(w) || VICTIM_NOUNS.has(w);
}

export function createEventExtractor(): EventExtractor {
  return new EventExtractor();
}
