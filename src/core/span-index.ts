/**
 * The spans of one document, indexed by id and by paragraph. A change replaces only the lists of the
 * paragraphs it touches (and the outer array), so a view keyed on those lists redraws only them.
 */
import { paragraphAt, type Paragraph } from './document.ts';
import { applyChange, type SpanChange } from './history.ts';
import { compareSpans, overlaps, type Span } from './spans.ts';

export class SpanIndex {
  readonly paragraphs: readonly Paragraph[];
  readonly #byId = new Map<string, Span>();
  byParagraph: Span[][] = [];
  counts: Record<string, number> = {};

  constructor(paragraphs: readonly Paragraph[], spans: Iterable<Span>) {
    this.paragraphs = paragraphs;
    this.reset(spans);
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): Span | undefined {
    return this.#byId.get(id);
  }

  /** All spans in document order (kept until the next change: callers must not modify it). */
  all(): Span[] {
    this.#all ??= [...this.#byId.values()].sort(compareSpans);
    return this.#all;
  }

  #all: Span[] | null = null;

  /** First and last paragraph a range falls in (a span ending on a newline stays in its paragraph). */
  paragraphsOf(r: { start: number; end: number }): [number, number] {
    return [paragraphAt(this.paragraphs, r.start), paragraphAt(this.paragraphs, Math.max(r.start, r.end - 1))];
  }

  /** Spans overlapping `r`, leaving out those with ids in `except`. */
  overlapping(r: { start: number; end: number }, except: ReadonlySet<string> = new Set()): Span[] {
    const [first, last] = this.paragraphsOf(r);
    const seen = new Set<Span>();
    for (let i = first; i <= last; i++) {
      for (const s of this.byParagraph[i] ?? []) if (!except.has(s.id) && overlaps(s, r)) seen.add(s);
    }
    return [...seen];
  }

  reset(spans: Iterable<Span>): void {
    this.#all = null;
    this.#byId.clear();
    const lists: Span[][] = this.paragraphs.map(() => []);
    const counts: Record<string, number> = {};
    for (const s of [...spans].sort(compareSpans)) {
      this.#byId.set(s.id, s);
      counts[s.label] = (counts[s.label] ?? 0) + 1;
      const [first, last] = this.paragraphsOf(s);
      for (let i = first; i <= last; i++) lists[i]!.push(s);
    }
    this.byParagraph = lists;
    this.counts = counts;
  }

  apply(change: SpanChange): void {
    applyChange(this.#byId, change);
    const next = this.byParagraph.slice();
    const gone = new Set(change.before.map((s) => s.id));
    // A new sorted list with the change's spans taken out and put in: sorting ten thousand spans again
    // after every edit cost milliseconds of each keystroke.
    if (this.#all) {
      const all = gone.size > 0 ? this.#all.filter((s) => !gone.has(s.id)) : this.#all.slice();
      for (const s of change.after) all.splice(firstAfter(all, s), 0, s);
      this.#all = all;
    }
    const touched = new Set<number>();
    for (const s of [...change.before, ...change.after]) {
      const [first, last] = this.paragraphsOf(s);
      for (let i = first; i <= last; i++) touched.add(i);
    }
    for (const i of touched) {
      const kept = (next[i] ?? []).filter((s) => !gone.has(s.id));
      for (const s of change.after) {
        const [first, last] = this.paragraphsOf(s);
        if (first <= i && i <= last) kept.push(s);
      }
      next[i] = kept.sort(compareSpans);
    }
    this.byParagraph = next;
    const counts = { ...this.counts };
    for (const s of change.before) counts[s.label] = (counts[s.label] ?? 1) - 1;
    for (const s of change.after) counts[s.label] = (counts[s.label] ?? 0) + 1;
    this.counts = counts;
  }
}

/** Where `s` goes in `sorted` (compareSpans order): after every span that does not come after it. */
function firstAfter(sorted: readonly Span[], s: Span): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSpans(sorted[mid]!, s) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
