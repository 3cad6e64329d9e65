/** Spans: labelled ranges of a document's text, code points, end exclusive. */
import { labelById, mayNest, type LabelSet } from './labels.ts';
import type { MetricValue } from './metric-value.ts';
import type { OffsetMap } from './offsets.ts';

export interface Span {
  id: string;
  docId: string;
  start: number;
  end: number;
  label: string;
  /** The text between start and end when the span was made: checked before every export. */
  text: string;
  /** How the span came to be, so that exports and statistics can tell them apart (absent: manual). */
  source?: SpanSource;
  /** A METRIC's value as corrected by the user; absent: what readMetric makes of `text`. */
  value?: MetricValue;
  /** Attribute values by attribute id (see Label.attributes), e.g. `{deadline: '全年'}`. */
  attributes?: Record<string, string>;
  /** Whose layer the span belongs to (core/layers.ts); absent: the unnamed layer. */
  layer?: string;
  /** Who made (or last changed) the span, and when. */
  by?: string;
  at?: number;
}

export type SpanSource = 'manual' | 'suggested' | 'imported';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Document order; of two spans starting together the longer (outer) one comes first; ids break ties. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end || cmp(a.label, b.label) || cmp(a.id, b.id);
}

/**
 * What changed from the spans `a` to the spans `b`, by extent and label (ids and other fields aside):
 * those of `a` that `b` lacks, and those of `b` that `a` lacks.
 */
export function spanDifference(a: readonly Span[], b: readonly Span[]): { before: Span[]; after: Span[] } {
  const key = (s: Span) => `${s.start}:${s.end}:${s.label}`;
  const inA = new Set(a.map(key));
  const inB = new Set(b.map(key));
  return { before: a.filter((s) => !inB.has(key(s))), after: b.filter((s) => !inA.has(key(s))) };
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: { start: number; end: number }, inner: { start: number; end: number }): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * Why `candidate` may not join `spans` under the nesting rules of `labels`, or null when it may.
 * A label may sit inside the labels it lists in `nestsIn` (METRIC inside TARGET); any other overlap,
 * and any crossing (partial) overlap, is refused, as is an exact duplicate.
 */
export function placementProblem(
  spans: Iterable<Span>,
  candidate: Pick<Span, 'id' | 'start' | 'end' | 'label'>,
  labels: LabelSet,
): string | null {
  if (candidate.end <= candidate.start) return 'a span needs at least one character';
  const name = (id: string) => {
    const l = labelById(labels, id);
    return l ? `${l.zh} ${l.id}` : id;
  };
  for (const other of spans) {
    if (other.id === candidate.id || !overlaps(other, candidate)) continue;
    if (other.start === candidate.start && other.end === candidate.end && other.label === candidate.label) {
      return `this text is already tagged ${name(other.label)}`;
    }
    const insideOther = contains(other, candidate) && mayNest(labels, candidate.label, other.label);
    const aroundOther = contains(candidate, other) && mayNest(labels, other.label, candidate.label);
    if (!insideOther && !aroundOther) {
      return `${name(candidate.label)} cannot overlap ${name(other.label)} 「${other.text}」`;
    }
  }
  return null;
}

// Edge characters a span never starts or ends with (docs/guide.md): white space and punctuation,
// except the signs that belong to a quantity.
const EDGE = /^[\s\p{P}]$/u;
const KEEP = new Set(['%', '‰', '%']);
// Quotes (and book-title marks) may open a name that goes on after them; brackets never open a span.
const OPENERS: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', '《': '》', "'": "'", '‘': '’' };

function isEdge(ch: string): boolean {
  return EDGE.test(ch) && !KEEP.has(ch);
}

/**
 * Shrinks [start, end) past white space and punctuation at its edges. An opening quote or bracket is
 * kept when its partner closes inside the span and the name goes on after it (`"十链百企共生"专项行动`),
 * as the guidelines ask. Returns null when nothing is left.
 */
export function trimToContent(text: OffsetMap, start: number, end: number): { start: number; end: number } | null {
  const chars = Array.from(text.slice(start, end));
  let lo = 0;
  let hi = chars.length;
  // The end first: whether an opening quote is kept depends on what is left after its partner once
  // trailing punctuation is gone (`"五链融合",` must lose both quotes, not keep a dangling opener).
  while (hi > lo && isEdge(chars[hi - 1]!)) hi--;
  while (lo < hi && isEdge(chars[lo]!)) {
    const closer = OPENERS[chars[lo]!];
    if (closer !== undefined) {
      const close = chars.indexOf(closer, lo + 1);
      if (close > lo + 1 && close < hi - 1) break;
    }
    lo++;
  }
  if (hi <= lo) return null;
  return { start: start + lo, end: start + hi };
}

/** Spans whose stored text no longer equals the document text between their offsets. */
export function mismatchedSpans(text: OffsetMap, spans: Iterable<Span>): Span[] {
  const bad: Span[] = [];
  for (const s of spans) {
    // Non-integer offsets (1.5, NaN, null from loose JSON) name no text at all; slicing would truncate
    // or clamp them into a plausible range, so they are mismatched by definition.
    if (
      !Number.isInteger(s.start) ||
      !Number.isInteger(s.end) ||
      s.start < 0 ||
      s.end > text.length ||
      s.end <= s.start ||
      text.slice(s.start, s.end) !== s.text
    ) {
      bad.push(s);
    }
  }
  return bad;
}

/**
 * Of many candidate spans (tag every search result), those that may join `spans` under the nesting
 * rules, each checked against the spans already there and the candidates accepted before it; blank
 * candidates (white space only) never do.
 */
export function placeMany(spans: readonly Span[], candidates: readonly Span[], labels: LabelSet): { accepted: Span[]; refused: Span[] } {
  const accepted: Span[] = [];
  const refused: Span[] = [];
  const all = [...spans];
  for (const c of candidates) {
    const near = all.filter((s) => overlaps(s, c));
    if (c.text.trim() !== '' && placementProblem(near, c, labels) === null) {
      accepted.push(c);
      all.push(c);
    } else refused.push(c);
  }
  return { accepted, refused };
}
