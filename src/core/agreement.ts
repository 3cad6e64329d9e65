/**
 * Inter-annotator agreement (issue #7, points 3 and 6; docs/agreement.md has the definitions with a
 * worked example). A layer is one annotator's spans over the same documents; spans are code points,
 * end exclusive. Labels considered: the union of the labels any layer uses (or the list given).
 *
 * Span F1, for a pair of layers (A, B), per label and overall:
 *  - exact: a span of A and one of B match when label, start and end all agree;
 *  - overlap: they match when the label agrees and they share at least one character;
 *  each span matches at most once, and the count is that of a maximum matching (exact: the multiset
 *  intersection; overlap: a maximum bipartite matching per label and document, by augmenting paths,
 *  which stays maximal with nested or crossing spans of one label, where a greedy pass may not).
 *  F1 = 2·matched / (|A| + |B|): symmetric, and equal to the F1 of precision and recall of B against A.
 *  When neither layer has a span (of that label), F1 is null: there is nothing to agree on, and the
 *  counts a_spans = b_spans = 0 say so.
 *
 * Cohen's kappa over characters: every code point of the texts is one unit. For a label, each
 * annotator puts the character in or out of the label (binary). Overall, the character's category is
 * the set of labels covering it ("METRIC+TARGET" for a METRIC nested in a TARGET, "O" when none), so
 * nesting counts. kappa = (po − pe)/(1 − pe); null when pe = 1, which happens exactly when both
 * annotators put every character in one and the same category (then po = 1 too: 0/0).
 * The arithmetic on plain tables and span lists is in agreement-measures.ts.
 *
 * Three or more annotators: Fleiss' kappa and Krippendorff's alpha (nominal) over the same units and
 * categories (multiAgreement; both also work for two).
 *
 * Figures come per document and for the whole project; the project's are pooled over every document's
 * characters and spans (sums of counts, then one figure), not an average of the documents' figures.
 */
import { cohenKappa, exactMatches, fleissKappa, krippendorffAlpha, overlapMatches, type Chance, type LayerSpan } from './agreement-measures.ts';
import { codePointLength } from './offsets.ts';

export { cohenKappa, exactMatches, fleissKappa, krippendorffAlpha, overlapMatches, type Chance, type LayerSpan } from './agreement-measures.ts';

/** One document of one layer. */
export interface LayerDoc {
  text: string;
  spans: readonly LayerSpan[];
}

/** The figures of a pair of layers, with the counts behind them (JSON-ready: null, never NaN). */
export interface PairFigures {
  f1_exact: number | null;
  f1_overlap: number | null;
  kappa: number | null;
  a_spans: number;
  b_spans: number;
  matched_exact: number;
  matched_overlap: number;
  /** Characters (code points) compared. */
  chars: number;
  /** po and pe of the kappa; null when there are no characters. */
  observed: number | null;
  expected: number | null;
}

export interface PairFigureSet {
  overall: PairFigures;
  labels: Record<string, PairFigures>;
}

export interface PairAgreement extends PairFigureSet {
  /** The same figures for each document, in the order of the layers' documents. */
  documents: PairFigureSet[];
}

export interface MultiFigureSet {
  chars: number;
  fleiss: { overall: Chance; labels: Record<string, Chance> };
  alpha: { overall: Chance; labels: Record<string, Chance> };
}

export interface MultiAgreement extends MultiFigureSet {
  raters: number;
  /** Each layer's number of spans. */
  spans: number[];
  documents: MultiFigureSet[];
}

export interface AgreementMatrix {
  labels: string[];
  pairs: { a: string; b: string; agreement: PairAgreement }[];
  /** Fleiss' kappa and Krippendorff's alpha, for three or more layers. */
  multi?: MultiAgreement;
}

/** The labels any of the layers uses, sorted. */
export function layerLabels(layers: readonly (readonly LayerDoc[])[]): string[] {
  const labels = new Set<string>();
  for (const layer of layers) for (const doc of layer) for (const s of doc.spans) labels.add(s.label);
  return [...labels].sort();
}

// ---------------------------------------------------------------------------------------------------
// Checks

/** The documents' lengths in code points; throws when the layers do not hold the same texts. */
function checkLayers(layers: readonly (readonly LayerDoc[])[], names: readonly string[]): number[] {
  const first = layers[0];
  if (!first || layers.length < 2) throw new Error(`agreement needs at least two layers, not ${layers.length}`);
  layers.forEach((layer, r) => {
    if (layer.length !== first.length) throw new Error(`${names[r]} has ${layer.length} document(s), ${names[0]} has ${first.length}`);
  });
  return first.map((doc, d) => {
    const length = codePointLength(doc.text);
    layers.forEach((layer, r) => {
      const other = layer[d]!;
      if (other.text !== doc.text) {
        const a = [...doc.text];
        const b = [...other.text];
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        throw new Error(`document ${d + 1}: the text of ${names[r]} differs from that of ${names[0]} at character ${i}`);
      }
      for (const s of other.spans) {
        if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end <= s.start || s.end > length) {
          throw new Error(`document ${d + 1} of ${names[r]}: span [${s.start},${s.end}) ${s.label} does not fit a text of ${length} characters`);
        }
      }
    });
    return length;
  });
}

const defaultNames = (n: number) => Array.from({ length: n }, (_, i) => `layer ${i + 1}`);

// ---------------------------------------------------------------------------------------------------
// Characters

/** Calls `run` for each stretch of characters over which no layer's labels change, with their cover. */
function sweep(
  length: number,
  layers: readonly (readonly LayerSpan[])[],
  labels: ReadonlyMap<string, number>,
  run: (width: number, cover: readonly Int32Array[]) => void,
): void {
  const events: [pos: number, rater: number, label: number, delta: number][] = [];
  layers.forEach((spans, r) =>
    spans.forEach((s) => {
      const l = labels.get(s.label);
      if (l === undefined) return;
      events.push([s.start, r, l, 1], [s.end, r, l, -1]);
    }),
  );
  events.sort((x, y) => x[0] - y[0]);
  const cover = layers.map(() => new Int32Array(labels.size));
  let e = 0;
  for (let pos = 0; pos < length; ) {
    for (; e < events.length && events[e]![0] <= pos; e++) cover[events[e]![1]]![events[e]![2]]! += events[e]![3];
    const next = e < events.length ? events[e]![0] : length;
    run(next - pos, cover);
    pos = next;
  }
}

/** The category of a character: the labels covering it, joined; '' for none ("O"). */
function category(cover: Int32Array, labels: readonly string[]): string {
  const on: string[] = [];
  cover.forEach((n, l) => {
    if (n > 0) on.push(labels[l]!);
  });
  return on.join('\u0000');
}

function add<K>(map: Map<K, number>, key: K, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

// ---------------------------------------------------------------------------------------------------
// Pairs

interface SpanCount {
  a: number;
  b: number;
  exact: number;
  overlap: number;
}

interface PairTally {
  chars: number;
  spans: Map<string, SpanCount>;
  /** Characters by "category of A \u0001 category of B". */
  overall: Map<string, number>;
  /** Per label: characters out/out, out/in, in/out, in/in (A/B). */
  binary: Map<string, number[]>;
}

function pairTally(a: LayerDoc, b: LayerDoc, length: number, labels: readonly string[]): PairTally {
  const index = new Map(labels.map((l, i) => [l, i]));
  const tally: PairTally = { chars: length, spans: new Map(), overall: new Map(), binary: new Map() };
  for (const label of labels) {
    const sa = a.spans.filter((s) => s.label === label);
    const sb = b.spans.filter((s) => s.label === label);
    tally.spans.set(label, { a: sa.length, b: sb.length, exact: exactMatches(sa, sb), overlap: overlapMatches(sa, sb) });
    tally.binary.set(label, [0, 0, 0, 0]);
  }
  sweep(length, [a.spans, b.spans], index, (width, [ca, cb]) => {
    add(tally.overall, category(ca!, labels) + '\u0001' + category(cb!, labels), width);
    labels.forEach((label, l) => (tally.binary.get(label)![(ca![l]! > 0 ? 2 : 0) + (cb![l]! > 0 ? 1 : 0)]! += width));
  });
  return tally;
}

function mergePair(into: PairTally, from: PairTally): void {
  into.chars += from.chars;
  for (const [label, s] of from.spans) {
    const t = into.spans.get(label) ?? { a: 0, b: 0, exact: 0, overlap: 0 };
    into.spans.set(label, { a: t.a + s.a, b: t.b + s.b, exact: t.exact + s.exact, overlap: t.overlap + s.overlap });
  }
  for (const [key, n] of from.overall) add(into.overall, key, n);
  for (const [label, cells] of from.binary) {
    const t = into.binary.get(label) ?? [0, 0, 0, 0];
    into.binary.set(label, t.map((n, i) => n + cells[i]!));
  }
}

function pairFigures(s: SpanCount, k: Chance, chars: number): PairFigures {
  const spans = s.a + s.b;
  return {
    f1_exact: spans === 0 ? null : (2 * s.exact) / spans,
    f1_overlap: spans === 0 ? null : (2 * s.overlap) / spans,
    kappa: k.value,
    a_spans: s.a,
    b_spans: s.b,
    matched_exact: s.exact,
    matched_overlap: s.overlap,
    chars,
    observed: k.observed,
    expected: k.expected,
  };
}

function pairFigureSet(t: PairTally, labels: readonly string[]): PairFigureSet {
  const categories = new Map<string, number>();
  for (const key of t.overall.keys()) for (const c of key.split('\u0001')) if (!categories.has(c)) categories.set(c, categories.size);
  const confusion = [...categories.keys()].map(() => new Array<number>(categories.size).fill(0));
  for (const [key, n] of t.overall) {
    const [ca, cb] = key.split('\u0001');
    confusion[categories.get(ca!)!]![categories.get(cb!)!]! += n;
  }
  const total: SpanCount = { a: 0, b: 0, exact: 0, overlap: 0 };
  const byLabel: Record<string, PairFigures> = {};
  for (const label of labels) {
    const s = t.spans.get(label) ?? { a: 0, b: 0, exact: 0, overlap: 0 };
    total.a += s.a;
    total.b += s.b;
    total.exact += s.exact;
    total.overlap += s.overlap;
    const [oo, oi, io, ii] = t.binary.get(label) ?? [0, 0, 0, 0];
    byLabel[label] = pairFigures(s, cohenKappa([[oo!, oi!], [io!, ii!]]), t.chars);
  }
  return { overall: pairFigures(total, cohenKappa(confusion), t.chars), labels: byLabel };
}

/**
 * Agreement of two layers: span F1 and character kappa, per label and overall, per document and
 * pooled over the project. Documents are aligned by index and must hold the same texts (else an
 * Error says which). `labels`: the labels to report (default: those either layer uses).
 */
export function pairAgreement(a: readonly LayerDoc[], b: readonly LayerDoc[], labels?: readonly string[], names?: readonly [string, string]): PairAgreement {
  const lengths = checkLayers([a, b], names ?? defaultNames(2));
  const used = labels ?? layerLabels([a, b]);
  const project: PairTally = { chars: 0, spans: new Map(), overall: new Map(), binary: new Map() };
  const documents = a.map((doc, d) => {
    const t = pairTally(doc, b[d]!, lengths[d]!, used);
    mergePair(project, t);
    return pairFigureSet(t, used);
  });
  return { ...pairFigureSet(project, used), documents };
}

// ---------------------------------------------------------------------------------------------------
// Three or more

interface MultiTally {
  chars: number;
  /** Characters by their raters' categories, sorted and joined by \u0001 (a row of the rating table). */
  overall: Map<string, number>;
  /** Per label: characters by how many raters put them in the label. */
  binary: Map<string, number[]>;
}

function multiFigureSet(t: MultiTally, labels: readonly string[], raters: number): MultiFigureSet {
  const categories = new Map<string, number>();
  const rows: number[][] = [];
  const weights: number[] = [];
  for (const [key, n] of t.overall) {
    const row: number[] = [];
    for (const c of key.split('\u0001')) {
      if (!categories.has(c)) categories.set(c, categories.size);
      const j = categories.get(c)!;
      row[j] = (row[j] ?? 0) + 1;
    }
    rows.push(row);
    weights.push(n);
  }
  const dense = rows.map((row) => Array.from({ length: categories.size }, (_, j) => row[j] ?? 0));
  const fleiss: Record<string, Chance> = {};
  const alpha: Record<string, Chance> = {};
  for (const label of labels) {
    const byIn = t.binary.get(label) ?? [];
    const table = Array.from({ length: raters + 1 }, (_, k) => [raters - k, k]);
    const w = table.map((_, k) => byIn[k] ?? 0);
    fleiss[label] = fleissKappa(table, w);
    alpha[label] = krippendorffAlpha(table, w);
  }
  return {
    chars: t.chars,
    fleiss: { overall: fleissKappa(dense, weights), labels: fleiss },
    alpha: { overall: krippendorffAlpha(dense, weights), labels: alpha },
  };
}

/**
 * Fleiss' kappa and Krippendorff's alpha of two or more layers over characters (overall: label sets;
 * per label: in or out), per document and pooled over the project. Same alignment rules as pairAgreement.
 */
export function multiAgreement(layers: readonly (readonly LayerDoc[])[], labels?: readonly string[], names?: readonly string[]): MultiAgreement {
  const lengths = checkLayers(layers, names ?? defaultNames(layers.length));
  const used = labels ?? layerLabels(layers);
  const index = new Map(used.map((l, i) => [l, i]));
  const raters = layers.length;
  const project: MultiTally = { chars: 0, overall: new Map(), binary: new Map() };
  const documents = layers[0]!.map((_, d) => {
    const t: MultiTally = { chars: lengths[d]!, overall: new Map(), binary: new Map(used.map((l) => [l, new Array<number>(raters + 1).fill(0)])) };
    sweep(lengths[d]!, layers.map((layer) => layer[d]!.spans), index, (width, cover) => {
      add(t.overall, cover.map((c) => category(c, used)).sort().join('\u0001'), width);
      used.forEach((label, l) => (t.binary.get(label)![cover.filter((c) => c[l]! > 0).length]! += width));
    });
    project.chars += t.chars;
    for (const [key, n] of t.overall) add(project.overall, key, n);
    for (const [label, counts] of t.binary) {
      const p = project.binary.get(label) ?? new Array<number>(raters + 1).fill(0);
      project.binary.set(label, p.map((n, k) => n + counts[k]!));
    }
    return multiFigureSet(t, used, raters);
  });
  const spans = layers.map((layer) => layer.reduce((n, doc) => n + doc.spans.length, 0));
  return { raters, spans, ...multiFigureSet(project, used, raters), documents };
}

/**
 * Every pair i < j of the named layers (names[i] as a, names[j] as b), over the labels any layer
 * uses, and for three or more layers Fleiss' kappa and Krippendorff's alpha.
 */
export function agreementMatrix(names: readonly string[], layers: readonly (readonly LayerDoc[])[]): AgreementMatrix {
  if (names.length !== layers.length) throw new Error(`${names.length} names for ${layers.length} layers`);
  checkLayers(layers, names);
  const labels = layerLabels(layers);
  const pairs: AgreementMatrix['pairs'] = [];
  for (let i = 0; i < layers.length; i++) {
    for (let j = i + 1; j < layers.length; j++) {
      pairs.push({ a: names[i]!, b: names[j]!, agreement: pairAgreement(layers[i]!, layers[j]!, labels, [names[i]!, names[j]!]) });
    }
  }
  return { labels, pairs, ...(layers.length >= 3 ? { multi: multiAgreement(layers, labels, names) } : {}) };
}
