import { SitrepError } from "../core/index.js";
import type { EntityMerge, EntitySummary, Store } from "../store/store.js";

/**
 * Actor merges (docs/actors.md): an analyst's merge of two names for one group, the machine's
 * proposals, and unmerging. Merges are a reversible layer in the store — entity rows are never
 * rewritten — so unmerging restores the previous state exactly.
 */

async function actorByName(store: Store, name: string, role: string): Promise<EntitySummary> {
  const e = (await store.getEntity(name)) ?? (await store.findEntityByName(name));
  if (!e)
    throw new SitrepError("E_NOT_FOUND", `no actor named "${name}" in the store (${role})`, {
      name,
      field: role,
    });
  return e;
}

/** An analyst's merge of `from` into `into` (names, aliases or ids); accepted at once. */
export async function mergeActors(
  store: Store,
  input: { from: string; into: string; reason?: string; analyst: string },
): Promise<EntityMerge> {
  const from = await actorByName(store, input.from, "from");
  const into = await actorByName(store, input.into, "into");
  if (from.id === into.id) {
    throw new SitrepError(
      "E_CONFLICT",
      `"${input.from}" and "${input.into}" are already one actor (${into.id})`,
      {
        from: input.from,
        into: input.into,
      },
    );
  }
  return store.mergeEntities({
    from: from.id,
    into: into.id,
    reason: input.reason?.trim() || `analyst ${input.analyst}: "${from.name}" is "${into.name}"`,
    origin: "analyst",
    analyst: input.analyst,
  });
}

/** Lower case, no diacritics, letters and digits only. */
function fold(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const STOP = new Set(["the", "of", "and", "for", "in", "al", "el", "ad", "ar", "as", "wa", "wal", "group"]);

/** Initials of a name's significant words: "Tehrik-i-Taliban Pakistan" → "ttp". */
function initials(name: string): string {
  return fold(name)
    .split(" ")
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => w[0])
    .join("");
}

/**
 * A transliteration skeleton: folded, the article and "group" dropped, consonants only with
 * doubled letters collapsed and q/k, c/k, j/g and ph/f equated — so "Daesh" and "Da'ish",
 * "Jabhat al-Nusra" and "Jabhat an-Nusrah" meet.
 */
function skeleton(name: string): string {
  return fold(name)
    .split(" ")
    .filter((w) => w && !STOP.has(w))
    .join("")
    .replace(/ph/g, "f")
    .replace(/[qc]/g, "k")
    .replace(/j/g, "g")
    .replace(/(?<=.)[aeiouyhw]/g, "")
    .replace(/(.)\1+/g, "$1");
}

export interface MergeProposal {
  from: EntitySummary;
  into: EntitySummary;
  reason: string;
}

/**
 * Machine proposals: unknown organisations (found by the NER tagger, not in the gazetteer) whose
 * name is the acronym or a transliteration of a known actor's name or alias. A pair an analyst
 * rejected before is never proposed again. Proposals are applied as `proposed` merges, reversible
 * like any other; `apply: false` only lists them.
 */
export async function proposeMerges(
  store: Store,
  options: { apply?: boolean } = {},
): Promise<MergeProposal[]> {
  const known = [
    ...(await store.listEntities({ kind: "armed_group" })),
    ...(await store.listEntities({ kind: "agency" })),
  ];
  const byInitials = new Map<string, EntitySummary[]>();
  const bySkeleton = new Map<string, EntitySummary[]>();
  const add = (m: Map<string, EntitySummary[]>, k: string, e: EntitySummary) => {
    if (k.length < 3) return;
    const list = m.get(k) ?? [];
    if (!list.includes(e)) list.push(e);
    m.set(k, list);
  };
  for (const e of known) {
    for (const n of [e.name, ...e.aliases]) {
      add(byInitials, initials(n), e);
      add(bySkeleton, skeleton(n), e);
    }
  }
  const out: MergeProposal[] = [];
  for (const org of await store.listEntities({ kind: "organisation" })) {
    if (org.reviewState !== "proposed") continue;
    const f = fold(org.name).replace(/ /g, "");
    const sk = skeleton(org.name);
    const viaAcronym =
      /^[a-z]{3,6}$/.test(f) && org.name === org.name.toUpperCase() ? byInitials.get(f) : undefined;
    const viaSkeleton = sk.length >= 4 ? bySkeleton.get(sk) : undefined;
    const candidates =
      viaAcronym?.length === 1 ? viaAcronym : viaSkeleton?.length === 1 ? viaSkeleton : undefined;
    if (!candidates) continue; // none, or ambiguous between several actors
    const into = candidates[0];
    const past = await store.listEntityMerges({ entityId: org.id });
    if (past.some((m) => m.into === into.id && m.reviewState === "rejected")) continue;
    if (past.some((m) => !m.revertedAt)) continue;
    const reason =
      candidates === viaAcronym
        ? `"${org.name}" is the acronym of "${into.name}"`
        : `"${org.name}" is a transliteration of a name of "${into.name}"`;
    out.push({ from: org, into, reason });
    if (options.apply !== false) {
      await store.mergeEntities({ from: org.id, into: into.id, reason, origin: "machine" });
    }
  }
  return out;
}
