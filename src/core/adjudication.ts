/**
 * Adjudication (issue #7, point 4): the annotators' layers of one document side by side, and the
 * reviewer's decisions that build the gold layer from them.
 *
 * Units. The document is cut into units: maximal groups of spans, taken from every compared layer
 * together, connected by overlap (a span joins a unit when it overlaps any span already in it, whatever
 * its layer). A unit's extent runs from its first span's start to its last span's end; text no span
 * covers belongs to no unit. A unit is agreed when every layer has exactly the same spans there (the
 * same start, end and label; ids, authors and times aside); otherwise it is a disagreement — also when
 * one layer has nothing there and another has a span.
 *
 * Why so coarse. A decision replaces the gold spans of a unit's extent as a whole. Because units are
 * connected components, no span of one unit overlaps a span of another, so decisions on different
 * units never interact: whatever is chosen for each, the nesting rules hold between units, and only
 * the spans chosen within one unit need checking (placeMany). Smaller pieces (per span, per label)
 * would let one choice take A's TARGET and another B's crossing METRIC, leaving a gold layer that
 * breaks the rules. The price is that a long TARGET with several METRICs nested in it is one unit,
 * agreed only if all of them agree. Spans nested in one layer are in one unit for the same reason.
 */
import type { DecisionChoice } from './layers.ts';
import { GOLD_LAYER } from './layers.ts';
import type { LabelSet } from './labels.ts';
import { labelById } from './labels.ts';
import type { SpanChange } from './history.ts';
import { newId } from './ids.ts';
import type { Relation } from './relations.ts';
import { compareSpans, overlaps, placeMany, type Span } from './spans.ts';

export interface Unit {
  /** The extent: from the first span's start to the last span's end (code points, end exclusive). */
  start: number;
  end: number;
  /** Each compared layer's spans in the unit, in document order; [] for a layer with none there. */
  byLayer: Record<string, Span[]>;
  /** Every layer has the same (start, end, label) spans here. */
  agreed: boolean;
}

/** What a decision can make of a unit (an edit in the gold layer is recorded, not resolved). */
export type Resolution = Exclude<DecisionChoice, { edited: true }>;

function key(s: Pick<Span, 'start' | 'end' | 'label'>): string {
  return `${s.start}:${s.end}:${s.label}`;
}

/** The (start, end, label) of spans, sorted: equal for two layers exactly when they agree. */
function signature(spans: readonly Span[]): string {
  return spans.map(key).sort().join('|');
}

/** The document cut into units over the layers compared (see the header); in document order. */
export function units(layers: Readonly<Record<string, readonly Span[]>>): Unit[] {
  const names = Object.keys(layers);
  const all = names.flatMap((layer) => (layers[layer] ?? []).map((span) => ({ layer, span })));
  all.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: Unit[] = [];
  let group: { layer: string; span: Span }[] = [];
  let end = -1;
  const close = () => {
    if (group.length === 0) return;
    const byLayer: Record<string, Span[]> = {};
    for (const name of names) byLayer[name] = [];
    for (const { layer, span } of group) byLayer[layer]!.push(span);
    for (const name of names) byLayer[name]!.sort(compareSpans);
    const first = signature(byLayer[names[0]!]!);
    const agreed = names.every((name) => signature(byLayer[name]!) === first);
    out.push({ start: group[0]!.span.start, end, byLayer, agreed });
    group = [];
  };
  for (const item of all) {
    // Sorted by start, a span overlaps the group exactly when it starts before the group's end.
    if (group.length > 0 && item.span.start >= end) close();
    group.push(item);
    end = group.length === 1 ? item.span.end : Math.max(end, item.span.end);
  }
  close();
  return out;
}

/** The spans a choice takes from a unit, one of each (start, end, label), or a problem. */
function chosen(unit: Unit, choice: Resolution): Span[] | string {
  const layers = Object.keys(unit.byLayer);
  if ('neither' in choice) return [];
  if ('take' in choice) {
    const spans = unit.byLayer[choice.take];
    return spans ?? `没有这个层 No layer ${JSON.stringify(choice.take)} is compared here`;
  }
  // Agreed: every layer has the same spans, so any layer's are them. Both: the union, each once.
  const from = 'agreed' in choice ? layers.slice(0, 1) : layers;
  const seen = new Set<string>();
  const out: Span[] = [];
  for (const layer of from) {
    for (const s of unit.byLayer[layer] ?? []) {
      if (seen.has(key(s))) continue;
      seen.add(key(s));
      out.push(s);
    }
  }
  return out.sort(compareSpans);
}

/**
 * The change to the gold layer that a decision on `unit` makes: the gold spans overlapping the unit's
 * extent go (with the gold relations that touch them, when `goldRelations` are given), and copies of
 * the chosen spans come in — new ids, in the gold layer, made by the reviewer at `who.at`, keeping
 * label, text, source, value and attributes. Returns a problem instead when the chosen spans break the
 * nesting rules of `labels` together (take both, of a METRIC in one layer crossing a TARGET in another).
 */
export function resolve(
  unit: Unit,
  choice: Resolution,
  gold: readonly Span[],
  labels: LabelSet,
  who: { by?: string | null; at: number },
  goldRelations: readonly Relation[] = [],
): SpanChange | string {
  const picked = chosen(unit, choice);
  if (typeof picked === 'string') return picked;
  const docId = picked[0]?.docId ?? gold[0]?.docId ?? Object.values(unit.byLayer).flat()[0]?.docId ?? '';
  const copies = picked.map((s): Span => {
    const { id: _id, layer: _layer, by: _by, at: _at, ...rest } = s;
    return { ...rest, id: newId(), layer: GOLD_LAYER, ...(who.by ? { by: who.by } : {}), at: who.at };
  });
  const { refused } = placeMany([], copies, labels);
  if (refused.length > 0) {
    const name = (id: string) => {
      const l = labelById(labels, id);
      return l ? `${l.zh} ${l.id}` : id;
    };
    const list = refused.map((s) => `${name(s.label)}「${s.text}」`).join('、');
    return `这些标注不能同时放入金标准 These spans cannot all go into the gold layer (nesting rules): ${list}`;
  }
  const before = gold.filter((s) => overlaps(s, unit));
  const removed = new Set(before.map((s) => s.id));
  const links = goldRelations.filter((r) => removed.has(r.fromId) || removed.has(r.toId));
  return { docId, before, after: copies, ...(links.length > 0 ? { relations: { before: links, after: [] } } : {}) };
}
