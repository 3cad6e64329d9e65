/**
 * One open document: its text, words and selection, its spans and relations as shown (queried through
 * ShownAnnotations, which this builds on), and every edit made to it. An edit is
 * decided on what is shown, shown at once and stored behind the screen (write-behind.ts); if the store
 * refuses one, the document is read back as stored, so that once edits settle the screen shows what a
 * reload restores. Edits take effect in the order they are asked for: a key pressed while the previous
 * edit is still being stored acts on the result of that edit.
 */
import {
  DEFAULT_RELATION_TYPES,
  History,
  UNNAMED_LAYER,
  OffsetMap,
  RelationIndex,
  attributeSetting,
  checkPlacement,
  clickedSpan,
  neighbourSpan,
  nextSentence,
  proposeEdge,
  proposeRange,
  linking,
  unlinking,
  valueSetting,
  creation,
  moving,
  newSpan,
  outline,
  placeMany,
  relabeling,
  removal,
  sentences,
  splitParagraphs,
  stepWord,
  type Built,
  type EditContext,
  type Doc,
  type Heading,
  type LabelSet,
  type LinkOption,
  type MetricValue,
  type Project,
  type Relation,
  type Sentence,
  type Span,
  type SpanChange,
  type SpanSource,
} from '../core/index.ts';
import type { Store } from '../db/index.ts';
import type { Segmenter } from '../segment/index.ts';
import type { LinkMode } from './link-mode.svelte.ts';
import { loadWords } from './words.ts';
import { ShownAnnotations } from './shown-annotations.svelte.ts';
import { WriteBehind } from './write-behind.ts';

export interface Range {
  start: number;
  end: number;
}

export type Notify = (kind: 'info' | 'warning' | 'error', text: string) => void;

/** What the session tells its owner: messages, and each change shown (an edit, or one taken back). */
export interface SessionEvents {
  notify: Notify;
  changed?: (change: SpanChange) => void;
  /** An edit's write landed. */
  stored?: (change: SpanChange) => void;
}

interface SelectionState {
  pending: Range | null;
  selectedId: string | null;
}

/** What was selected before an edit and what the edit selected: the first is given back if the store refuses the edit. */
interface EditSelection {
  before: SelectionState;
  after: SelectionState;
}

/** What a document opens with: the spans of one layer and the relations between them. */
export interface Annotations {
  spans: Span[];
  relations?: Relation[];
  /** The layer shown and edited (core/layers.ts); absent: the unnamed layer. */
  layer?: string;
  /** Who edits: new spans and relations record it. */
  by?: string;
}

export class DocumentSession extends ShownAnnotations {
  readonly doc: Doc;
  readonly labels: LabelSet;
  /** The layer shown and edited. */
  readonly layer: string;
  readonly offsets: OffsetMap;
  /** Section headings, for the outline. */
  readonly headings: Heading[];

  /** Word boundaries once segmentation is done (code points). */
  boundaries = $state.raw<Uint32Array | null>(null);
  segmenting = $state.raw<{ done: number; total: number } | null>(null);
  selectedId = $state<string | null>(null);
  /** A selection waiting for a label (after snapping to words). */
  pending = $state.raw<Range | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Edits shown and not yet stored. */
  saving = $state(0);
  /** Set when a write failed (the document was read back as stored), until the next one lands. */
  saveFailed = $state(false);
  /** Where the last undo or redo changed the text, to scroll there. */
  lastChanged = $state.raw<Range | null>(null);
  /** Set while the user picks the other end of a relation (see LinkMode). */
  linkMode = $state.raw<LinkMode | null>(null);

  readonly #store: Store;
  readonly #notify: Notify;
  readonly #changed: (change: SpanChange) => void;
  readonly #ctx: EditContext;
  readonly #history = new History();
  readonly #writes: WriteBehind<EditSelection>;
  #sentences: Sentence[] | null = null;

  constructor(store: Store, doc: Doc, project: Pick<Project, 'labels' | 'relationTypes'>, annotations: Annotations, events: SessionEvents) {
    super(splitParagraphs(doc.text), project.relationTypes ?? DEFAULT_RELATION_TYPES, annotations.spans, annotations.relations ?? []);
    this.#store = store;
    this.#notify = events.notify;
    this.#changed = events.changed ?? (() => {});
    this.#writes = new WriteBehind<EditSelection>((change, stillWanted) => store.applyChange(change, stillWanted), {
      writing: (n) => (this.saving = n),
      stored: (change) => {
        this.saveFailed = false;
        events.stored?.(change);
      },
      failed: (failure, attempt) => this.#recover(failure, attempt),
    });
    this.doc = doc;
    this.labels = project.labels;
    this.offsets = new OffsetMap(doc.text);
    this.headings = outline(doc.text);
    this.layer = annotations.layer ?? UNNAMED_LAYER;
    this.#ctx = {
      docId: doc.id,
      index: this.index,
      offsets: this.offsets,
      labels: this.labels,
      relations: this.relationIndex,
      relationTypes: this.relationTypes,
      layer: this.layer,
      ...(annotations.by ? { by: annotations.by } : {}),
    };
  }

  get selected(): Span | undefined {
    void this.version;
    return this.selectedId ? this.index.get(this.selectedId) : undefined;
  }

  // ---- words ----------------------------------------------------------------------------------

  /**
   * Loads cached words or segments the text in the worker, showing progress. `dictionaryKey` names the
   * user dictionary in force: words cached under another dictionary are segmented again.
   */
  async segment(segmenter: Segmenter, dictionaryKey = ''): Promise<void> {
    try {
      this.boundaries = await loadWords(this.#store, segmenter, this.doc, dictionaryKey, (p) => (this.segmenting = p));
    } catch (e) {
      this.#notify('error', `分词失败 Segmentation failed: ${(e as Error).message}`);
    }
  }

  // ---- selection (core/selection.ts decides, the session applies) -------------------------------

  propose(raw: Range, exact: boolean): Range | null {
    return proposeRange(this.offsets, this.boundaries, raw, exact);
  }

  proposeEdge(span: Span, edge: 'start' | 'end', at: number, exact: boolean): Range | null {
    return proposeEdge(this.boundaries, span, edge, at, exact);
  }

  setPending(range: Range | null): void {
    this.pending = range;
    if (range) this.selectedId = null;
  }

  select(id: string | null): void {
    this.selectedId = id;
    if (id) this.pending = null;
  }

  /** A click on text covered by the spans `ids` (outermost first); see clickedSpan. */
  cycle(ids: string[]): void {
    this.select(clickedSpan(ids.filter((id) => this.index.get(id)), this.selectedId));
  }

  /** Selects the next (1) or previous (-1) span in document order. */
  selectNext(dir: 1 | -1): Span | undefined {
    const next = neighbourSpan(this.spans(), this.selectedId, dir);
    if (next) this.select(next.id);
    return next;
  }

  /** Makes the next (1) or previous (-1) sentence the selection to tag: keyboard-only tagging. */
  selectSentence(dir: 1 | -1): Range | null {
    this.#sentences ??= sentences(this.doc.text);
    const range = nextSentence(this.offsets, this.#sentences, this.pending ?? this.selected ?? null, dir);
    if (range) this.setPending(range);
    return range;
  }

  // ---- edits ----------------------------------------------------------------------------------

  /** Applies a label: creates a span from the pending selection, or relabels the selected span. */
  tag(label: string): Promise<boolean> {
    return this.#edit(() => {
      if (this.pending) return creation(this.#ctx, this.pending, label);
      if (this.selected) return relabeling(this.#ctx, this.selected.id, label);
      return { problem: '先选中文字或标注 Select text or a span first' };
    });
  }

  create(range: Range, label: string): Promise<boolean> {
    return this.#edit(() => creation(this.#ctx, range, label));
  }

  /**
   * Tags many ranges with one label as one edit (one undo step); ranges the nesting rules refuse, or
   * that are tagged already, are skipped and counted.
   */
  async createMany(ranges: Range[], label: string, source: SpanSource = 'manual'): Promise<{ created: number; skipped: number }> {
    let counts = { created: 0, skipped: 0 };
    await this.#edit(() => {
      const candidates = ranges.map((r) => ({ ...newSpan(this.#ctx, r, label), source }));
      const { accepted, refused } = placeMany(this.index.all(), candidates, this.labels);
      counts = { created: accepted.length, skipped: refused.length };
      return accepted.length > 0 ? { change: { docId: this.doc.id, before: [], after: accepted } } : null;
    });
    return counts;
  }

  relabel(id: string, label: string): Promise<boolean> {
    return this.#edit(() => relabeling(this.#ctx, id, label));
  }

  remove(id: string): Promise<boolean> {
    return this.#edit(() => removal(this.#ctx, this.index.get(id)));
  }

  /** Deletes the selected span. */
  removeSelected(): Promise<boolean> {
    return this.#edit(() => removal(this.#ctx, this.selected));
  }

  /** Moves one edge of a span to code point `to`. */
  moveEdge(id: string, edge: 'start' | 'end', to: number): Promise<boolean> {
    return this.#edit(() => moving(this.#ctx, id, edge, () => to));
  }

  /** Moves an edge of the selected span by one word (or one character) left or right. */
  stepEdge(edge: 'start' | 'end', dir: 1 | -1, byChar: boolean): Promise<boolean> {
    return this.#edit(() => {
      const s = this.selected;
      if (!s) return null;
      return moving(this.#ctx, s.id, edge, (from) => (byChar || !this.boundaries ? from + dir : stepWord(this.boundaries, from, dir)));
    });
  }

  /** Links two spans; selects nothing new (the span being worked on stays selected). */
  link(option: LinkOption, source: 'manual' | 'suggested' = 'manual'): Promise<boolean> {
    return this.#edit(() => linking(this.#ctx, option, source));
  }

  /** Makes every proposed relation at once (one undo step). */
  linkAll(options: LinkOption[]): Promise<boolean> {
    return this.#edit(() => {
      const made: Relation[] = [];
      for (const o of options) {
        const built = linking({ ...this.#ctx, relations: new RelationIndex([...this.relationIndex.all(), ...made]) }, o, 'suggested');
        if (built && 'change' in built) made.push(...(built.change.relations?.after ?? []));
      }
      return made.length > 0 ? { change: { docId: this.doc.id, before: [], after: [], relations: { before: [], after: made } } } : null;
    });
  }

  unlink(relationId: string): Promise<boolean> {
    return this.#edit(() => unlinking(this.#ctx, relationId));
  }

  /** Corrects a METRIC's value; `undefined` goes back to reading it from the text. */
  setValue(id: string, value: MetricValue | undefined): Promise<boolean> {
    return this.#edit(() => valueSetting(this.#ctx, id, value));
  }

  setAttribute(id: string, attribute: string, value: string | undefined): Promise<boolean> {
    return this.#edit(() => attributeSetting(this.#ctx, id, attribute, value));
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

  /** Re-reads the spans from the store: another tab changed this document. Not an edit of ours. */
  async reload(): Promise<void> {
    try {
      await this.#readBack();
    } catch (e) {
      this.#notify('error', `无法读取其他标签页的修改 Could not read another tab's changes: ${(e as Error).message}`);
    }
  }

  /** Resolves once every edit made so far is stored (or, refused, taken back) and shown. */
  settled(): Promise<void> {
    return this.#writes.settled();
  }

  // ---- running and applying ---------------------------------------------------------------------

  #edit(build: () => Built): Promise<boolean> {
    if (this.#refusedWhileRecovering()) return Promise.resolve(false);
    const built = build();
    if (!built) return Promise.resolve(false);
    if ('problem' in built) {
      this.#notify('warning', built.problem);
      return Promise.resolve(false);
    }
    const { change } = built;
    const before = this.#selection();
    this.#apply(change);
    this.#history.record(change);
    this.#showHistory();
    // Select what the edit made; an edit of relations only keeps the selection.
    if (change.after.length > 0 || change.before.length > 0) this.select(change.after[0]?.id ?? null);
    this.#writes.write(change, { before, after: this.#selection() });
    return Promise.resolve(true);
  }

  /**
   * Undo and redo re-check the nesting rules: another tab may have changed the document since, and
   * bringing a span back must not create an overlap the scheme forbids.
   */
  #replay(peek: () => SpanChange | undefined, confirm: () => void): Promise<boolean> {
    if (this.#refusedWhileRecovering()) return Promise.resolve(false);
    const change = peek();
    if (!change) return Promise.resolve(false);
    const problem =
      change.after.map((s) => checkPlacement(this.#ctx, s, change.before)).find((p) => p !== null) ??
      this.#relationReplayProblem(change);
    if (problem) {
      this.#notify('warning', problem);
      return Promise.resolve(false);
    }
    const before = this.#selection();
    this.#apply(change);
    confirm();
    this.#showHistory();
    const link = [...(change.relations?.after ?? []), ...(change.relations?.before ?? [])][0];
    const touched = [...change.after, ...change.before][0] ?? (link && this.index.get(link.fromId));
    this.select(change.after[0]?.id ?? (change.before.length === 0 && touched ? touched.id : null));
    this.lastChanged = touched ? { start: touched.start, end: touched.end } : null;
    this.#writes.write(change, { before, after: this.#selection() });
    return Promise.resolve(true);
  }

  #selection(): SelectionState {
    return { pending: this.pending, selectedId: this.selectedId };
  }

  /** Between a refused write and the document read back, what is shown may hold edits never stored. */
  #refusedWhileRecovering(): boolean {
    if (!this.#writes.recovering) return false;
    this.#notify('warning', '保存失败后正在重新读取文档，请稍候 Reading the document back after a failed save: try again in a moment');
    return true;
  }

  /** Relations an undo or redo brings back need both their ends, which another tab may have deleted. */
  #relationReplayProblem(change: SpanChange): string | undefined {
    const present = (id: string) => change.after.some((s) => s.id === id) || (this.index.get(id) && !change.before.some((s) => s.id === id));
    const lost = change.relations?.after.find((r) => !present(r.fromId) || !present(r.toId));
    return lost ? '关系的一端已被删除 One end of the relation has been deleted' : undefined;
  }

  /**
   * The store refused an edit, and with it the edits made on top of it (write-behind.ts): the document
   * is shown as stored, undo starts afresh (its steps may name edits that were never stored), and the
   * selection the refused edit replaced is given back, unless the user has selected something else since.
   */
  async #recover(failure: { error: Error; first: EditSelection; last: EditSelection }, attempt: number): Promise<void> {
    if (attempt === 0) {
      this.saveFailed = true;
      this.#notify('error', `保存失败，未做更改 Not saved, nothing changed: ${failure.error.message}`);
      this.#history.clear();
      this.#showHistory();
    }
    try {
      await this.#readBack(() => {
        // Untouched since the last edit: the user has not selected anything of their own meanwhile.
        const now = this.#selection();
        const { after } = failure.last;
        if (now.pending !== after.pending || now.selectedId !== after.selectedId) return;
        const { pending, selectedId } = failure.first.before;
        if (pending) this.setPending(pending);
        else this.select(selectedId && this.index.get(selectedId) ? selectedId : null);
      });
    } catch (e) {
      // Edits stay refused (what is shown may hold edits never stored); WriteBehind asks again.
      if (attempt === 0) this.#notify('error', `无法重新读取文档，稍后重试；也可重新加载页面 Could not read the document back; trying again (or reload the page): ${(e as Error).message}`);
      throw e;
    }
  }

  /**
   * Shows the document's spans and relations as stored, with the edits made while reading on top; then
   * runs `then` (before a selected span that is gone is let go).
   */
  #readBack(then?: () => void): Promise<void> {
    return this.#writes.read(
      () => this.#store.getAnnotations(this.doc.id, this.layer),
      ({ spans, relations }, since) => {
        const difference = this.showStored(spans, relations, since);
        if (difference.before.length + difference.after.length > 0) this.#changed({ docId: this.doc.id, ...difference });
        then?.();
        if (this.selectedId && !this.index.get(this.selectedId)) this.selectedId = null;
      },
    );
  }

  #apply(change: SpanChange): void {
    this.show(change);
    this.#changed(change);
  }

  #showHistory(): void {
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
  }
}
