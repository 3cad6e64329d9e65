/**
 * Flattening nested and overlapping spans for formats that hold one label per character (CoNLL, the
 * Hugging Face token files): which spans to keep, which to drop, and a report line for every drop, so
 * that nothing disappears without a word (issue #4).
 *
 * Policies (src/formats NestingPolicy):
 *  - `outer`: spans in document order, of two starting together the longer first (compareSpans); a span
 *    is kept unless it overlaps one kept before it. So an enclosing span beats what it encloses, and of
 *    two crossing spans the earlier-starting one wins.
 *  - `inner`: spans shortest first, then earlier first (then label, id); a span is kept unless it
 *    overlaps one kept before it. So the innermost spans win, and of two crossing spans the shorter one
 *    (of equal lengths the earlier) wins.
 *  - `split` is not flattening: byLabel gives each label's spans, for one file per label.
 * Exact duplicates (same range) overlap like any other pair: one of them is dropped.
 */
import { firstStartingAt } from './sorted.ts';
import { compareSpans, contains, overlaps, type Span } from './spans.ts';

export interface DroppedSpan {
  span: Span;
  /** The kept span that it overlaps. */
  because: Span;
}

export interface Flattened {
  /** Spans that do not overlap one another, in compareSpans order. */
  kept: Span[];
  /** Every other input span, with the kept span that pushed it out, in compareSpans order of `span`. */
  dropped: DroppedSpan[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Shortest first, then document order; label and id break ties (deterministic). */
function compareInner(a: Span, b: Span): number {
  return a.end - a.start - (b.end - b.start) || a.start - b.start || cmp(a.label, b.label) || cmp(a.id, b.id);
}

/** A set of non-overlapping spans that checks a candidate in O(log n). */
class Disjoint {
  /** Ascending by start; since none overlap, ascending by end as well. */
  readonly spans: Span[] = [];

  /** The leftmost kept span overlapping `s`, or null. */
  blocker(s: Span): Span | null {
    const i = firstStartingAt(this.spans, s.start);
    // The kept span starting before s may reach into it; otherwise the first starting at or after s.start.
    const before = this.spans[i - 1];
    if (before && overlaps(before, s)) return before;
    const at = this.spans[i];
    if (at && overlaps(at, s)) return at;
    return null;
  }

  add(s: Span): void {
    this.spans.splice(firstStartingAt(this.spans, s.start), 0, s);
  }
}

/** A non-overlapping selection of `spans` under `policy`, and what was dropped for which kept span. */
export function flatten(spans: readonly Span[], policy: 'outer' | 'inner'): Flattened {
  const order = [...spans].sort(policy === 'outer' ? compareSpans : compareInner);
  const kept = new Disjoint();
  // Zero-length or inverted spans name no characters and overlap nothing: kept as given
  // (verifyForExport refuses them before any format gets here).
  const empty: Span[] = [];
  const dropped: DroppedSpan[] = [];
  for (const s of order) {
    if (s.end <= s.start) {
      empty.push(s);
      continue;
    }
    const because = kept.blocker(s);
    if (because) dropped.push({ span: s, because });
    else kept.add(s);
  }
  dropped.sort((a, b) => compareSpans(a.span, b.span));
  return { kept: [...kept.spans, ...empty].sort(compareSpans), dropped };
}

/** Each label's spans in compareSpans order; labels in code-unit order (the `split` policy's files). */
export function byLabel(spans: readonly Span[]): Map<string, Span[]> {
  const sorted = [...spans].sort(compareSpans);
  const labels = [...new Set(sorted.map((s) => s.label))].sort(cmp);
  const out = new Map<string, Span[]>(labels.map((l) => [l, []]));
  for (const s of sorted) out.get(s.label)!.push(s);
  return out;
}

/** How `span` relates to `other`: `inside`, `containing`, `same range as` or `crossing`. */
export function spanRelation(span: { start: number; end: number }, other: { start: number; end: number }): string {
  const inside = contains(other, span);
  const around = contains(span, other);
  if (inside && around) return 'same range as';
  if (inside) return 'inside';
  if (around) return 'containing';
  return 'crossing';
}

/**
 * One report line per dropped span, e.g.
 * `"报告": dropped METRIC [212,219) 「1980亩以上」 inside TARGET [206,219)`.
 */
export function describeDropped(docTitle: string, dropped: readonly DroppedSpan[]): string[] {
  return dropped.map(
    ({ span, because }) =>
      `${JSON.stringify(docTitle)}: dropped ${span.label} [${span.start},${span.end}) 「${span.text}」 ` +
      `${spanRelation(span, because)} ${because.label} [${because.start},${because.end})`,
  );
}
