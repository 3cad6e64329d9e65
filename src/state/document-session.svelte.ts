/**
 * One open document: its text, spans, words and selection, and every edit made to it. Each edit is
 * written to the store first and shown only once stored, so what the screen shows is what a reload
 * restores. Edits run one after another in the order they were asked for.
 */
import {
  History,
  OffsetMap,
  applyChange,
  compareSpans,
  newId,
  overlaps,
  paragraphAt,
  placementProblem,
  snapToWords,
  splitParagraphs,
  stepWord,
  trimToContent,
  type Doc,
  type LabelSet,
  type Paragraph,
  type Span,
  type SpanChange,
} from '../core/index.ts';
import type { Store } from '../db/index.ts';
import type { Segmenter } from '../segment/index.ts';

export interface Range {
  start: number;
  end: number;
}

export type Notify = (kind: 'info' | 'error', text: string) => void;

export class DocumentSession {
  readonly doc: Doc;
  readonly labels: LabelSet;
  readonly offsets: OffsetMap;
  readonly paragraphs: Paragraph[];

  /** Spans of each paragraph; only entries touched by an edit are replaced, so only they re-render. */
  byParagraph = $state.raw<Span[][]>([]);
  counts = $state.raw<Record<string, number>>({});
  /** Word boundaries once segmentation is done (code points). */
  boundaries = $state.raw<Uint32Array | null>(null);
  segmenting = $state.raw<{ done: number; total: number } | null>(null);
  selectedId = $state<string | null>(null);
  /** A selection waiting for a label (after snapping to words). */
  pending = $state.raw<Range | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Edits asked for and not yet stored. */
  saving = $state(0);
  /** Set when the last write failed (nothing of it was applied). */
  saveFailed = $state(false);
  /** Bumped on every change of the span set, for views that list spans. */
  version = $state(0);

  readonly #store: Store;
  readonly #notify: Notify;
  readonly #spans = new Map<string, Span>();
  readonly #history = new History();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(store: Store, doc: Doc, labels: LabelSet, spans: Span[], notify: Notify) {
    this.#store = store;
    this.#notify = notify;
    this.doc = doc;
    this.labels = labels;
    this.offsets = new OffsetMap(doc.text);
    this.paragraphs = splitParagraphs(doc.text);
    this.#reset(spans);
  }

  get selected(): Span | undefined {
    void this.version;
    return this.selectedId ? this.#spans.get(this.selectedId) : undefined;
  }

  get spanCount(): number {
    void this.version;
    return this.#spans.size;
  }

  /** All spans in document order. */
  spans(): Span[] {
    void this.version;
    return [...this.#spans.values()].sort(compareSpans);
  }

  /** Spans covering code point `cp`, outermost first. */
  spansAt(cp: number): Span[] {
    const list = this.byParagraph[paragraphAt(this.paragraphs, cp)] ?? [];
    return list.filter((s) => s.start <= cp && cp < s.end).sort((a, b) => b.end - b.start - (a.end - a.start));
  }

  paragraphOf(cp: number): number {
    return paragraphAt(this.paragraphs, cp);
  }

  // ---- words ----------------------------------------------------------------------------------

  /** Loads cached words or segments the text in the worker, showing progress. */
  async segment(segmenter: Segmenter): Promise<void> {
    const cached = await this.#store.getBoundaries(this.doc.id, this.doc.textHash);
    if (cached) {
      this.boundaries = cached;
      return;
    }
    this.segmenting = { done: 0, total: this.offsets.length };
    try {
      const b = await segmenter.segment(this.doc.text, (done, total) => (this.segmenting = { done, total }));
      this.boundaries = b;
      await this.#store.putBoundaries(this.doc.id, this.doc.textHash, b);
    } catch (e) {
      this.#notify('error', `分词失败 Segmentation failed: ${(e as Error).message}`);
    } finally {
      this.segmenting = null;
    }
  }

  // ---- selection ------------------------------------------------------------------------------

  /** Turns a raw text selection into the range to tag: words snapped and edges trimmed unless exact. */
  propose(raw: Range, exact: boolean): Range | null {
    if (raw.end <= raw.start) return null;
    if (exact) return raw;
    const snapped = this.boundaries ? snapToWords(this.boundaries, raw.start, raw.end) : raw;
    return trimToContent(this.offsets, snapped.start, snapped.end);
  }

  setPending(range: Range | null): void {
    this.pending = range;
    if (range) this.selectedId = null;
  }

  select(id: string | null): void {
    this.selectedId = id;
    if (id) this.pending = null;
  }

  /**
   * A click on text covered by the spans `ids` (outermost first): selects the innermost, or the next
   * one outwards when one of them is already selected, so nested spans are each reachable.
   */
  cycle(ids: string[]): void {
    const here = ids.filter((id) => this.#spans.has(id)).reverse();
    if (here.length === 0) return this.select(null);
    const i = here.indexOf(this.selectedId ?? '');
    this.select(here[(i + 1) % here.length]!);
  }

  /** Selects the next (1) or previous (-1) span in document order. */
  selectNext(dir: 1 | -1): Span | undefined {
    const all = this.spans();
    if (all.length === 0) return undefined;
    const i = all.findIndex((s) => s.id === this.selectedId);
    const next = i < 0 ? (dir === 1 ? all[0] : all.at(-1)) : all[(i + dir + all.length) % all.length];
    this.select(next!.id);
    return next;
  }

  // ---- edits ----------------------------------------------------------------------------------

  // Each edit decides what to change when its turn in the queue comes, not when it is asked for: a key
  // pressed while the previous edit is still being stored acts on the result of that edit.

  /** Applies a label: creates a span from the pending selection, or relabels the selected span. */
  tag(label: string): Promise<boolean> {
    return this.#edit(() => {
      if (this.pending) return this.#creation(this.pending, label);
      if (this.selected) return this.#relabeling(this.selected.id, label);
      this.#notify('info', '先选中文字或标注 Select text or a span first');
      return null;
    });
  }

  create(range: Range, label: string): Promise<boolean> {
    return this.#edit(() => this.#creation(range, label));
  }

  relabel(id: string, label: string): Promise<boolean> {
    return this.#edit(() => this.#relabeling(id, label));
  }

  remove(id: string): Promise<boolean> {
    return this.#edit(() => {
      const old = this.#spans.get(id);
      return old ? { docId: this.doc.id, before: [old], after: [] } : null;
    });
  }

  /** Deletes the span selected when this edit's turn comes. */
  removeSelected(): Promise<boolean> {
    return this.#edit(() => {
      const old = this.selected;
      return old ? { docId: this.doc.id, before: [old], after: [] } : null;
    });
  }

  /** Moves one edge of a span to code point `to`. */
  moveEdge(id: string, edge: 'start' | 'end', to: number): Promise<boolean> {
    return this.#edit(() => this.#moving(id, edge, () => to));
  }

  /** Moves an edge of the selected span by one word (or one character) left or right. */
  stepEdge(edge: 'start' | 'end', dir: 1 | -1, byChar: boolean): Promise<boolean> {
    return this.#edit(() => {
      const s = this.selected;
      if (!s) return null;
      return this.#moving(s.id, edge, (from) => (byChar || !this.boundaries ? from + dir : stepWord(this.boundaries, from, dir)));
    });
  }

  #creation(range: Range, label: string): SpanChange | null {
    const span: Span = { id: newId(), docId: this.doc.id, label, start: range.start, end: range.end, text: this.offsets.slice(range.start, range.end) };
    return this.#allowed(span) ? { docId: this.doc.id, before: [], after: [span] } : null;
  }

  #relabeling(id: string, label: string): SpanChange | null {
    const old = this.#spans.get(id);
    if (!old || old.label === label) return null;
    const next = { ...old, label };
    return this.#allowed(next) ? { docId: this.doc.id, before: [old], after: [next] } : null;
  }

  #moving(id: string, edge: 'start' | 'end', target: (from: number) => number): SpanChange | null {
    const old = this.#spans.get(id);
    if (!old) return null;
    const to = target(old[edge]);
    const start = edge === 'start' ? to : old.start;
    const end = edge === 'end' ? to : old.end;
    if (start === old.start && end === old.end) return null;
    if (end <= start || start < 0 || end > this.offsets.length) {
      this.#notify('info', '标注至少要有一个字 A span needs at least one character');
      return null;
    }
    const next = { ...old, start, end, text: this.offsets.slice(start, end) };
    return this.#allowed(next) ? { docId: this.doc.id, before: [old], after: [next] } : null;
  }

  undo(): Promise<boolean> {
    return this.#replay(
      () => this.#history.peekUndo(),
      () => this.#history.confirmUndo(),
    );
  }

  redo(): Promise<boolean> {
    return this.#replay(
      () => this.#history.peekRedo(),
      () => this.#history.confirmRedo(),
    );
  }

  /**
   * Undo and redo re-check the nesting rules: another tab may have changed the document since, and
   * bringing a span back must not create an overlap the scheme forbids.
   */
  #replay(peek: () => SpanChange | undefined, confirm: () => void): Promise<boolean> {
    return this.#run(async () => {
      const change = peek();
      if (!change) return false;
      if (!change.after.every((s) => this.#allowed(s, change.before))) return false;
      await this.#store.applyChange(change);
      confirm();
      this.#apply(change);
      this.select(change.after[0]?.id ?? null);
      return true;
    });
  }

  /** Re-reads the spans from the store: another tab changed this document. */
  async reload(): Promise<void> {
    await this.#run(async () => {
      this.#reset(await this.#store.getSpans(this.doc.id));
      if (this.selectedId && !this.#spans.has(this.selectedId)) this.selectedId = null;
    });
  }

  /** Resolves once every edit asked for so far is stored and shown. */
  settled(): Promise<void> {
    return this.#queue.then(() => undefined);
  }

  /** Checks `span` against the spans around it, ignoring those in `leaving` (removed by the same edit). */
  #allowed(span: Span, leaving: Span[] = []): boolean {
    const gone = new Set(leaving.map((s) => s.id));
    const near = this.byParagraph
      .slice(this.paragraphOf(span.start), this.paragraphOf(Math.max(span.start, span.end - 1)) + 1)
      .flat()
      .filter((s) => !gone.has(s.id));
    const problem = placementProblem(near, span, this.labels);
    if (problem) this.#notify('error', problem);
    return problem === null;
  }

  #edit(build: () => SpanChange | null): Promise<boolean> {
    return this.#run(async () => {
      const change = build();
      if (!change) return false;
      const pending = this.pending;
      await this.#store.applyChange(change);
      this.#history.record(change);
      this.#apply(change);
      // Select what the edit made, unless the user has meanwhile selected new text to tag next.
      if (this.pending === pending) this.select(change.after[0]?.id ?? null);
      return true;
    });
  }

  #run<T>(task: () => Promise<T>): Promise<T | false> {
    this.saving++;
    const result = this.#queue
      .then(task)
      .then((r) => {
        this.saveFailed = false;
        return r;
      })
      .catch((e: unknown) => {
        this.saveFailed = true;
        this.#notify('error', `保存失败，未做更改 Not saved, nothing changed: ${(e as Error).message}`);
        return false as const;
      })
      .finally(() => this.saving--);
    this.#queue = result;
    return result;
  }

  #apply(change: SpanChange): void {
    applyChange(this.#spans, change);
    const touched = new Set<number>();
    for (const s of [...change.before, ...change.after]) {
      const last = this.paragraphOf(Math.max(s.start, s.end - 1));
      for (let i = this.paragraphOf(s.start); i <= last; i++) touched.add(i);
    }
    const next = this.byParagraph.slice();
    for (const i of touched) next[i] = this.#collect(this.paragraphs[i]!, next[i] ?? [], change);
    this.byParagraph = next;
    const counts = { ...this.counts };
    for (const s of change.before) counts[s.label] = (counts[s.label] ?? 1) - 1;
    for (const s of change.after) counts[s.label] = (counts[s.label] ?? 0) + 1;
    this.counts = counts;
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
    this.version++;
  }

  #collect(p: Paragraph, current: Span[], change: SpanChange): Span[] {
    const gone = new Set(change.before.map((s) => s.id));
    const kept = current.filter((s) => !gone.has(s.id));
    const range = { start: p.start, end: Math.max(p.end, p.start + 1) };
    for (const s of change.after) if (overlaps(s, range)) kept.push(s);
    return kept.sort(compareSpans);
  }

  #reset(spans: Span[]): void {
    this.#spans.clear();
    const lists: Span[][] = this.paragraphs.map(() => []);
    const counts: Record<string, number> = {};
    for (const s of [...spans].sort(compareSpans)) {
      this.#spans.set(s.id, s);
      counts[s.label] = (counts[s.label] ?? 0) + 1;
      const last = this.paragraphOf(Math.max(s.start, s.end - 1));
      for (let i = this.paragraphOf(s.start); i <= last; i++) lists[i]!.push(s);
    }
    this.byParagraph = lists;
    this.counts = counts;
    this.version++;
  }
}
