/**
 * Progress of a project (issue #7, point 5), from its documents, its spans of every layer and the
 * suggestions its users rejected: documents by status, spans by label and layer (annotator; the gold
 * layer shown as such), suggestions accepted (spans whose source is 'suggested') and rejected, and the
 * agreement of the annotators over time. Pure: the dashboard (state/dashboard.svelte.ts) feeds it what
 * the store holds.
 *
 * Agreement between layers (compareLayers): a pair of layers is compared on the documents in which
 * both have at least one span, so that a document one of them has not reached yet does not count as
 * disagreement; Fleiss' kappa and Krippendorff's alpha (three or more layers) on the documents in which
 * every one of them has spans. Figures are those of core/agreement.ts (docs/agreement.md), pooled over
 * those documents.
 *
 * Agreement over time (agreementTimeline): for each local day on which spans of the compared layers
 * were made (by their `at`), the layers' spans as they stood at the end of that day: spans with
 * `at` up to the end of the day, and spans without `at` as if made from the start. There is no history
 * of deletions, so spans deleted since are not counted on any day, and a span changed later counts from
 * the day of its last change (`at` records the last change). Each day gives the figures of every pair of
 * layers that both had spans by then, on the documents both had annotated by then, and their mean over
 * the pairs that have a figure.
 */
import { pairAgreement, multiAgreement, type LayerDoc, type MultiAgreement, type PairAgreement } from './agreement.ts';
import type { DocStatus } from './document.ts';
import { GOLD_LAYER, UNNAMED_LAYER, layerOf } from './layers.ts';
import type { Span } from './spans.ts';

export const DOC_STATUSES: readonly DocStatus[] = ['new', 'in-progress', 'done', 'reviewed'];

/** What progress needs of a document. */
export interface ProgressDoc {
  id: string;
  text: string;
  status: DocStatus;
}

/** What progress needs of a span. */
export type ProgressSpan = Pick<Span, 'docId' | 'start' | 'end' | 'label' | 'layer' | 'source' | 'at'>;

/** Counts by key; built without a prototype, so that any label or name is a safe key. */
export type Counts = Record<string, number>;

export interface Progress {
  documents: number;
  byStatus: Record<DocStatus, number>;
  /** The layers that have spans, in display order (orderLayers). */
  layers: string[];
  /** The labels of spans and rejected suggestions: the project's order first, then the others sorted. */
  labels: string[];
  /** Spans by label, then by layer. */
  spans: Record<string, Counts>;
  /** Spans per layer, and the documents in which each layer has spans. */
  spansByLayer: Counts;
  docsByLayer: Counts;
  suggestions: {
    /** Accepted suggestions (spans with source 'suggested') by label, then by layer. */
    accepted: Record<string, Counts>;
    acceptedByLayer: Counts;
    acceptedByLabel: Counts;
    acceptedTotal: number;
    /** Rejected suggestions by label (the prefix of the `LABEL|text` key); they carry no author. */
    rejectedByLabel: Counts;
    rejectedTotal: number;
  };
}

function counts(): Counts {
  return Object.create(null) as Counts;
}

function bump(c: Counts, key: string, n = 1): void {
  c[key] = (c[key] ?? 0) + n;
}

function nested(c: Record<string, Counts>, key: string): Counts {
  return (c[key] ??= counts());
}

/** Annotators by name, then the unnamed layer, then the gold layer. */
export function orderLayers(layers: Iterable<string>): string[] {
  const rank = (l: string) => (l === GOLD_LAYER ? 2 : l === UNNAMED_LAYER ? 1 : 0);
  return [...new Set(layers)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'zh'));
}

/** `used` in the order of `known` (the project's labels) first, then the rest sorted. */
export function orderLabels(used: Iterable<string>, known: readonly string[] = []): string[] {
  const set = new Set(used);
  const first = known.filter((l) => set.has(l));
  const rest = [...set].filter((l) => !known.includes(l)).sort();
  return [...first, ...rest];
}

/** The label of a rejected suggestion's key `LABEL|text`. */
export function rejectedLabel(key: string): string {
  const bar = key.indexOf('|');
  return bar < 0 ? key : key.slice(0, bar);
}

/**
 * Counts of documents, spans and suggestions. `labels`: the project's label ids, to order the labels by.
 */
export function projectProgress(
  docs: readonly Pick<ProgressDoc, 'id' | 'status'>[],
  spans: readonly ProgressSpan[],
  rejected: readonly string[] = [],
  labels: readonly string[] = [],
): Progress {
  const byStatus = Object.fromEntries(DOC_STATUSES.map((s) => [s, 0])) as Record<DocStatus, number>;
  for (const d of docs) byStatus[d.status] += 1;
  const known = new Set(docs.map((d) => d.id));
  const byLabel: Record<string, Counts> = Object.create(null);
  const spansByLayer = counts();
  const docSets = new Map<string, Set<string>>();
  const accepted: Record<string, Counts> = Object.create(null);
  const acceptedByLayer = counts();
  const acceptedByLabel = counts();
  let acceptedTotal = 0;
  for (const s of spans) {
    if (!known.has(s.docId)) continue;
    const layer = layerOf(s);
    bump(nested(byLabel, s.label), layer);
    bump(spansByLayer, layer);
    if (!docSets.has(layer)) docSets.set(layer, new Set());
    docSets.get(layer)!.add(s.docId);
    if (s.source === 'suggested') {
      bump(nested(accepted, s.label), layer);
      bump(acceptedByLayer, layer);
      bump(acceptedByLabel, s.label);
      acceptedTotal++;
    }
  }
  const rejectedByLabel = counts();
  for (const key of rejected) bump(rejectedByLabel, rejectedLabel(key));
  const docsByLayer = counts();
  for (const [layer, set] of docSets) docsByLayer[layer] = set.size;
  return {
    documents: docs.length,
    byStatus,
    layers: orderLayers(docSets.keys()),
    labels: orderLabels([...Object.keys(byLabel), ...Object.keys(rejectedByLabel)], labels),
    spans: byLabel,
    spansByLayer,
    docsByLayer,
    suggestions: { accepted, acceptedByLayer, acceptedByLabel, acceptedTotal, rejectedByLabel, rejectedTotal: rejected.length },
  };
}

// ---------------------------------------------------------------------------------------------------
// Agreement between layers

export interface PairComparison {
  a: string;
  b: string;
  /** The documents compared: those in which both layers have spans, in the order of the docs given. */
  docIds: string[];
  agreement: PairAgreement;
}

export interface LayerComparison {
  /** The layers compared, in the order given. */
  layers: string[];
  /** The labels reported: those any compared layer uses, the project's order first. */
  labels: string[];
  /** Every pair i < j of `layers`. */
  pairs: PairComparison[];
  /** For three or more layers: Fleiss' kappa and Krippendorff's alpha on the documents all of them annotated. */
  multi?: { docIds: string[]; agreement: MultiAgreement };
}

/** Spans by layer, then by document. */
function spansByLayerAndDoc(spans: readonly ProgressSpan[], layers: ReadonlySet<string>): Map<string, Map<string, ProgressSpan[]>> {
  const out = new Map<string, Map<string, ProgressSpan[]>>();
  for (const s of spans) {
    const layer = layerOf(s);
    if (!layers.has(layer)) continue;
    let byDoc = out.get(layer);
    if (!byDoc) out.set(layer, (byDoc = new Map()));
    let list = byDoc.get(s.docId);
    if (!list) byDoc.set(s.docId, (list = []));
    list.push(s);
  }
  return out;
}

function layerDocs(docs: readonly ProgressDoc[], byDoc: ReadonlyMap<string, ProgressSpan[]> | undefined): LayerDoc[] {
  return docs.map((d) => ({ text: d.text, spans: byDoc?.get(d.id) ?? [] }));
}

/**
 * The agreement of every pair of `layers` (pooled and per document), each pair on the documents both
 * annotated, and for three or more layers Fleiss' kappa and Krippendorff's alpha on the documents all
 * annotated. Throws (core/agreement.ts) when a span does not fit its document's text.
 */
export function compareLayers(
  docs: readonly ProgressDoc[],
  spans: readonly ProgressSpan[],
  layers: readonly string[],
  projectLabels: readonly string[] = [],
): LayerComparison {
  const byLayer = spansByLayerAndDoc(spans, new Set(layers));
  const labels = orderLabels(
    [...byLayer.values()].flatMap((byDoc) => [...byDoc.values()].flatMap((list) => list.map((s) => s.label))),
    projectLabels,
  );
  const annotated = (layer: string) => byLayer.get(layer) ?? new Map<string, ProgressSpan[]>();
  const pairs: PairComparison[] = [];
  for (let i = 0; i < layers.length; i++) {
    for (let j = i + 1; j < layers.length; j++) {
      const a = layers[i]!;
      const b = layers[j]!;
      const shared = docs.filter((d) => annotated(a).has(d.id) && annotated(b).has(d.id));
      const agreement = pairAgreement(layerDocs(shared, byLayer.get(a)), layerDocs(shared, byLayer.get(b)), labels, [a, b]);
      pairs.push({ a, b, docIds: shared.map((d) => d.id), agreement });
    }
  }
  const result: LayerComparison = { layers: [...layers], labels, pairs };
  if (layers.length >= 3) {
    const shared = docs.filter((d) => layers.every((l) => annotated(l).has(d.id)));
    const agreement = multiAgreement(
      layers.map((l) => layerDocs(shared, byLayer.get(l))),
      labels,
      layers,
    );
    result.multi = { docIds: shared.map((d) => d.id), agreement };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Agreement over time

export interface DayPair {
  a: string;
  b: string;
  /** Documents both layers had annotated by the end of the day. */
  documents: number;
  kappa: number | null;
  f1_exact: number | null;
  a_spans: number;
  b_spans: number;
  matched_exact: number;
}

export interface AgreementDay {
  /** The local day, YYYY-MM-DD. */
  day: string;
  /** The last millisecond of that day. */
  end: number;
  pairs: DayPair[];
  /** The mean over the pairs that have a figure; null when none has. */
  kappa: number | null;
  f1_exact: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local day of a moment and the last millisecond of it. */
export function localDay(at: number): { day: string; end: number } {
  const d = new Date(at);
  const y = d.getFullYear();
  const m = d.getMonth();
  const date = d.getDate();
  return { day: `${y}-${pad(m + 1)}-${pad(date)}`, end: new Date(y, m, date + 1).getTime() - 1 };
}

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((x, y) => x + y, 0) / known.length;
}

/** The layers agreement is measured between by default: every layer with spans but the gold one. */
export function annotatorLayers(spans: readonly ProgressSpan[]): string[] {
  return orderLayers(spans.map(layerOf).filter((l) => l !== GOLD_LAYER));
}

/**
 * The agreement of `layers` (default: annotatorLayers) at the end of each day on which spans of
 * theirs were made; see the module header for what counts.
 */
export function agreementTimeline(
  docs: readonly ProgressDoc[],
  spans: readonly ProgressSpan[],
  layers: readonly string[] = annotatorLayers(spans),
  projectLabels: readonly string[] = [],
): AgreementDay[] {
  const chosen = new Set(layers);
  const mine = spans.filter((s) => chosen.has(layerOf(s)));
  const days = new Map<string, number>();
  for (const s of mine) {
    if (s.at === undefined) continue;
    const { day, end } = localDay(s.at);
    days.set(day, end);
  }
  const labels = orderLabels(
    mine.map((s) => s.label),
    projectLabels,
  );
  return [...days]
    .sort((x, y) => x[1] - y[1])
    .map(([day, end]) => {
      const standing = mine.filter((s) => s.at === undefined || s.at <= end);
      const present = layers.filter((l) => standing.some((s) => layerOf(s) === l));
      const pairs: DayPair[] = [];
      if (present.length >= 2) {
        for (const p of compareLayers(docs, standing, present, labels).pairs) {
          if (p.docIds.length === 0) continue;
          const o = p.agreement.overall;
          pairs.push({ a: p.a, b: p.b, documents: p.docIds.length, kappa: o.kappa, f1_exact: o.f1_exact, a_spans: o.a_spans, b_spans: o.b_spans, matched_exact: o.matched_exact });
        }
      }
      return { day, end, pairs, kappa: mean(pairs.map((p) => p.kappa)), f1_exact: mean(pairs.map((p) => p.f1_exact)) };
    });
}
