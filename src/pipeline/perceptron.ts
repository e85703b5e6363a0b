/**
 * Shared pieces of the project's averaged-perceptron taggers (the NER tagger in
 * components/ner-tagger.ts and the event-role tagger in components/event-roles.ts): feature
 * hashing, an open-addressing map from hashed feature ids to weight rows, the training-time
 * averaged weights, the int16 packing of trained weights and a seeded random generator.
 */

// ---------------------------------------------------------------------------------------------
// Hashing

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, then a murmur finaliser. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

export function hashPair(a: number, b: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) + b) | 0);
}

/** Feature id of template `t` with value `v` (never 0, which marks an empty slot). */
export function featureId(t: number, v: number): number {
  const k = fmix32((v ^ Math.imul(t + 1, 0x27d4eb2f)) >>> 0);
  return k === 0 ? 1 : k;
}

// ---------------------------------------------------------------------------------------------
// Open-addressing map from 32-bit keys (≠ 0, already well mixed: hashes) to non-negative ints.

export class HashIndex {
  /** slot p: key at 2p, value at 2p + 1 (read directly by hot loops; do not write) */
  slots: Uint32Array;
  mask: number;
  size = 0;

  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Uint32Array(cap * 2);
    this.mask = cap - 1;
  }

  /** Index where key i of `keys` maps to i. */
  static fromKeys(keys: Uint32Array): HashIndex {
    const h = new HashIndex(keys.length);
    for (let i = 0; i < keys.length; i++) h.set(keys[i], i);
    return h;
  }

  get(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let p = key & mask;
    for (;;) {
      const k = slots[2 * p];
      if (k === key) return slots[2 * p + 1];
      if (k === 0) return -1;
      p = (p + 1) & mask;
    }
  }

  set(key: number, val: number): void {
    if ((this.size + 1) * 2 > this.slots.length / 2) this.grow();
    const mask = this.mask;
    let p = key & mask;
    for (;;) {
      const k = this.slots[2 * p];
      if (k === key) {
        this.slots[2 * p + 1] = val;
        return;
      }
      if (k === 0) {
        this.slots[2 * p] = key;
        this.slots[2 * p + 1] = val;
        this.size++;
        return;
      }
      p = (p + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = this.slots.length / 2 - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.set(old[i], old[i + 1]);
  }
}

// ---------------------------------------------------------------------------------------------
// Weights

/** Feature id → row of `weights` (row-major, one column per tag). */
export interface WeightTable {
  readonly nTags: number;
  row(key: number): number;
  readonly weights: Float32Array | Float64Array | Int16Array;
}

/** Adds the weight rows of features keys[from..to) to `scores`. */
export function addRows(
  table: WeightTable,
  keys: Uint32Array,
  from: number,
  to: number,
  scores: Float64Array,
): void {
  const w = table.weights;
  const nt = table.nTags;
  for (let f = from; f < to; f++) {
    const r = table.row(keys[f]);
    if (r < 0) continue;
    const base = r * nt;
    for (let t = 0; t < nt; t++) scores[t] += w[base + t];
  }
}

/** Perceptron weights with lazy averaging (averaged weight = w − u / c), for training. */
export class AveragedPerceptron implements WeightTable {
  readonly nTags: number;
  weights: Float64Array;
  private u: Float64Array;
  readonly rows = new Map<number, number>();
  private keyOf: Uint32Array;
  /** Update counter: increment once per training example. */
  c = 1;

  constructor(nTags: number) {
    this.nTags = nTags;
    this.weights = new Float64Array(1 << 16);
    this.u = new Float64Array(1 << 16);
    this.keyOf = new Uint32Array(Math.ceil((1 << 16) / nTags));
  }

  row(key: number): number {
    return this.rows.get(key) ?? -1;
  }

  private rowFor(key: number): number {
    let r = this.rows.get(key);
    if (r === undefined) {
      r = this.rows.size;
      if ((r + 1) * this.nTags > this.weights.length) {
        const grow = (a: Float64Array) => {
          const b = new Float64Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.weights = grow(this.weights);
        this.u = grow(this.u);
      }
      if (r >= this.keyOf.length) {
        const k = new Uint32Array(this.keyOf.length * 2);
        k.set(this.keyOf);
        this.keyOf = k;
      }
      this.rows.set(key, r);
      this.keyOf[r] = key;
    }
    return r;
  }

  /** Adds `delta` to the weight of `tag` for features keys[from..to). */
  update(keys: Uint32Array, from: number, to: number, tag: number, delta: number): void {
    const nt = this.nTags;
    const cd = this.c * delta;
    for (let f = from; f < to; f++) {
      const i = this.rowFor(keys[f]) * nt + tag;
      this.weights[i] += delta;
      this.u[i] += cd;
    }
  }

  /**
   * One training example: when the prediction is wrong, move the weights of the static features
   * keys[from..to) and the dynamic features dyn[0..nd) towards `gold` and away from `pred`; then
   * count the example (for averaging). Returns whether the prediction was wrong.
   */
  learn(
    keys: Uint32Array,
    from: number,
    to: number,
    dyn: Uint32Array,
    nd: number,
    gold: number,
    pred: number,
  ): boolean {
    const wrong = pred !== gold;
    if (wrong) {
      this.update(keys, from, to, gold, 1);
      this.update(keys, from, to, pred, -1);
      this.update(dyn, 0, nd, gold, 1);
      this.update(dyn, 0, nd, pred, -1);
    }
    this.c++;
    return wrong;
  }

  /** The averaged weights as a table (a snapshot). */
  averaged(): { keys: Uint32Array; weights: Float32Array; table: WeightTable } {
    const n = this.rows.size;
    const nt = this.nTags;
    const w = new Float32Array(n * nt);
    for (let i = 0; i < n * nt; i++) w[i] = this.weights[i] - this.u[i] / this.c;
    const rows = this.rows;
    return {
      keys: this.keyOf.slice(0, n),
      weights: w,
      table: { nTags: nt, weights: w, row: (k: number) => rows.get(k) ?? -1 },
    };
  }
}

/** Rows whose largest |weight| exceeds `threshold`. */
export function pruneRows(
  keys: Uint32Array,
  weights: Float32Array | Float64Array,
  nTags: number,
  threshold: number,
): { keys: Uint32Array; weights: Float32Array } {
  const keep: number[] = [];
  for (let r = 0; r < keys.length; r++) {
    let m = 0;
    for (let t = 0; t < nTags; t++) m = Math.max(m, Math.abs(weights[r * nTags + t]));
    if (m > threshold) keep.push(r);
  }
  const k = new Uint32Array(keep.length);
  const w = new Float32Array(keep.length * nTags);
  keep.forEach((r, i) => {
    k[i] = keys[r];
    w.set(weights.subarray(r * nTags, r * nTags + nTags), i * nTags);
  });
  return { keys: k, weights: w };
}

/**
 * Trained weights packed for shipping: sorted uint32 feature keys followed by int16 weights
 * (row-major, `nTags` per key), little-endian; `scale` turns an int16 back into the weight.
 */
export class PackedWeights implements WeightTable {
  readonly nTags: number;
  readonly weights: Int16Array;
  readonly scale: number;
  readonly features: number;
  readonly index: HashIndex;

  constructor(bin: Uint8Array, features: number, nTags: number, scale: number) {
    const bytes = PackedWeights.byteLength(features, nTags);
    if (bin.byteLength !== bytes)
      throw new Error(`weights file has ${bin.byteLength} bytes, expected ${bytes}`);
    const buf = new Uint8Array(bytes); // aligned copy
    buf.set(bin);
    this.nTags = nTags;
    this.features = features;
    this.scale = scale;
    this.index = HashIndex.fromKeys(new Uint32Array(buf.buffer, 0, features));
    this.weights = new Int16Array(buf.buffer, features * 4, features * nTags);
  }

  static byteLength(features: number, nTags: number): number {
    return features * 4 + features * nTags * 2;
  }

  row(key: number): number {
    return this.index.get(key);
  }

  /** Packs keys and weights (keys sorted, so the output does not depend on training order). */
  static encode(
    keys: Uint32Array,
    weights: Float32Array | Float64Array,
    nTags: number,
  ): { bin: Uint8Array; scale: number } {
    const order = [...keys.keys()].sort((a, b) => keys[a] - keys[b]);
    let max = 0;
    for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]));
    const scale = max > 0 ? max / 32767 : 1;
    const bin = new Uint8Array(PackedWeights.byteLength(keys.length, nTags));
    const k = new Uint32Array(bin.buffer, 0, keys.length);
    const q = new Int16Array(bin.buffer, keys.length * 4, keys.length * nTags);
    order.forEach((r, i) => {
      k[i] = keys[r];
      for (let t = 0; t < nTags; t++) q[i * nTags + t] = Math.round(weights[r * nTags + t] / scale);
    });
    return { bin, scale };
  }
}

/** mulberry32: a small deterministic PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of `order` in place with a seeded generator (deterministic training passes). */
export function shuffle<T>(order: T[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
}
