/**
 * Reviewing one document (issue #7, point 4): the annotators' layers cut into units
 * (core/adjudication.ts), stepping through the disagreements and deciding each one. Decisions build the
 * gold layer; agreed units go into it by themselves when the review opens. Once no undecided
 * disagreement is left, the document's status becomes 'reviewed'.
 *
 * Deciding again on a decided unit replaces its gold spans (and its decision). A decision is not undone
 * with Ctrl+Z: the editor's history is that of the open layer, and the review writes to the gold layer
 * behind it; deciding again (or neither) is the way back.
 */
import {
  DEFAULT_LABELS,
  GOLD_LAYER,
  compareSpans,
  layerOf,
  newId,
  overlaps,
  resolve,
  units as cutUnits,
  type Decision,
  type DecisionChoice,
  type Doc,
  type LabelSet,
  type Relation,
  type Span,
  type SpanChange,
  type Unit,
} from '../core/index.ts';
import type { Workspace } from './workspace.svelte.ts';

/** A unit the layers disagree on, with the decision made on it (null: undecided). */
export interface Disagreement {
  unit: Unit;
  decision: Decision | null;
}

/** What the reviewer can choose for the current disagreement from the review itself. */
export type Choice = Extract<DecisionChoice, { take: string } | { both: true } | { neither: true }>;

/** Two stretches are the same unit when they cover the same text (unit objects are rebuilt on every read). */
export function same(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start === b.start && a.end === b.end;
}

export class Review {
  readonly doc: Doc;
  readonly labels: LabelSet;
  /** Spans of every layer but the gold one, by layer. */
  spans = $state.raw<Record<string, Span[]>>({});
  /** Layers with spans here (the gold layer aside), by name. */
  available = $state.raw<string[]>([]);
  /** The layers compared, numbered from 1 in this order (the keys 1–9 take them). */
  layers = $state.raw<string[]>([]);
  gold = $state.raw<Span[]>([]);
  goldRelations = $state.raw<Relation[]>([]);
  decisions = $state.raw<Decision[]>([]);
  /** Index into `disagreements`. */
  current = $state(0);
  loading = $state(false);
  /** The first reading is done (until then there is nothing to say about the layers). */
  loaded = $state(false);
  /** A decision is being stored. */
  busy = $state(0);
  /** The stretch sent to the editor for editing in the gold layer, until markEdited records it. */
  editing = $state.raw<{ start: number; end: number } | null>(null);

  readonly #ws: Workspace;
  #queue: Promise<unknown> = Promise.resolve();

  /** A review of `doc` (the open document by default). */
  constructor(workspace: Workspace, doc: Doc | undefined = workspace.session?.doc) {
    if (!doc) throw new Error('No document is open');
    this.#ws = workspace;
    this.doc = doc;
    this.labels = workspace.project?.labels ?? DEFAULT_LABELS;
  }

  /** Why the layers cannot be compared, or null. */
  get problem(): string | null {
    if (this.available.length < 2) return '至少需要两个标注员的标注层 At least two annotators’ layers are needed to compare';
    return null;
  }

  readonly units: Unit[] = $derived(this.problem ? [] : cutUnits(Object.fromEntries(this.layers.map((l) => [l, this.spans[l] ?? []]))));

  /** The disagreements: undecided first, then decided ones, each in document order. */
  readonly disagreements: Disagreement[] = $derived.by(() => {
    const all = this.units.filter((u) => !u.agreed).map((unit) => ({ unit, decision: this.decisionOf(unit) }));
    return [...all.filter((d) => !d.decision), ...all.filter((d) => d.decision)];
  });

  /** Undecided disagreements. */
  get remaining(): number {
    return this.disagreements.filter((d) => !d.decision).length;
  }

  get currentItem(): Disagreement | undefined {
    return this.disagreements[this.current];
  }

  /**
   * The decision standing for `unit`: the latest one on exactly its stretch. A decision that agreed
   * units went into gold does not decide a disagreement found there later (a layer changed since).
   */
  decisionOf(unit: Unit): Decision | null {
    let found: Decision | null = null;
    for (const d of this.decisions) {
      if (d.start !== unit.start || d.end !== unit.end) continue;
      if (!unit.agreed && 'agreed' in d.choice) continue;
      if (!found || (d.at ?? 0) >= (found.at ?? 0)) found = d;
    }
    return found;
  }

  /** Gold spans within a unit's stretch. */
  goldIn(unit: { start: number; end: number }): Span[] {
    return this.gold.filter((s) => overlaps(s, unit));
  }

  /** Reads everything, then puts the agreed units into gold (as each opening of the view does). */
  async open(): Promise<void> {
    try {
      if (this.#ws.session?.doc.id === this.doc.id) await this.#ws.session.settled();
      await this.load();
    } catch (e) {
      this.#ws.notify('error', `无法读取标注层 Could not read the layers: ${(e as Error).message}`);
      return;
    }
    if (!this.problem) await this.acceptAgreements();
  }

  /** Reads the layers, the gold layer and the decisions of the document again. */
  async load(): Promise<void> {
    this.loading = true;
    try {
      const store = this.#ws.store;
      const [spans, goldRelations, decisions] = await Promise.all([
        store.getSpans(this.doc.id),
        store.getRelations(this.doc.id, GOLD_LAYER),
        store.getDecisions(this.doc.id),
      ]);
      const byLayer: Record<string, Span[]> = {};
      const gold: Span[] = [];
      for (const s of spans) {
        const layer = layerOf(s);
        if (layer === GOLD_LAYER) gold.push(s);
        else (byLayer[layer] ??= []).push(s);
      }
      this.spans = byLayer;
      this.gold = gold;
      this.goldRelations = goldRelations;
      this.decisions = decisions;
      this.available = Object.keys(byLayer).sort((a, b) => a.localeCompare(b, 'zh'));
      const kept = this.layers.filter((l) => this.available.includes(l));
      this.layers = kept.length >= 2 ? kept : this.available;
      this.current = Math.min(this.current, Math.max(0, this.disagreements.length - 1));
      this.loaded = true;
    } finally {
      this.loading = false;
    }
  }

  /** Compares `layers` (at least two of those available) from now on. */
  async compare(layers: string[]): Promise<boolean> {
    const chosen = this.available.filter((l) => layers.includes(l));
    if (chosen.length < 2) {
      this.#ws.notify('warning', '请至少选择两个层 Choose at least two layers');
      return false;
    }
    this.layers = chosen;
    this.current = 0;
    await this.acceptAgreements();
    return true;
  }

  /** Moves to the next (1) or previous (-1) disagreement, round the list. */
  step(dir: 1 | -1): Disagreement | undefined {
    const n = this.disagreements.length;
    if (n === 0) return undefined;
    this.current = (((this.current + dir) % n) + n) % n;
    return this.currentItem;
  }

  /** Puts every agreed unit without a decision into gold, in one write; how many went. Idempotent. */
  acceptAgreements(): Promise<number> {
    return this.#run(async () => {
      const todo = this.units.filter((u) => u.agreed && !this.decisionOf(u));
      if (todo.length === 0) return 0;
      const at = Date.now();
      const before = new Map<string, Span>();
      const links = new Map<string, Relation>();
      const after: Span[] = [];
      const decisions: Decision[] = [];
      let refused = 0;
      for (const unit of todo) {
        const r = resolve(unit, { agreed: true }, this.gold, this.labels, { by: this.#ws.annotator, at }, this.goldRelations);
        if (typeof r === 'string') {
          refused++;
          continue;
        }
        for (const s of r.before) before.set(s.id, s);
        for (const l of r.relations?.before ?? []) links.set(l.id, l);
        after.push(...r.after);
        decisions.push(this.#decision(unit, { agreed: true }, at));
      }
      if (decisions.length === 0) return 0;
      const change: SpanChange = { docId: this.doc.id, before: [...before.values()], after };
      if (links.size > 0) change.relations = { before: [...links.values()], after: [] };
      const reviewed = refused === 0 && this.remaining === 0;
      await this.#store(change, decisions, reviewed);
      if (refused > 0) this.#ws.notify('warning', `${refused} 处一致的标注违反嵌套规则，未放入金标准 ${refused} agreed unit(s) break the nesting rules and were left out of gold`);
      return decisions.length;
    }, 0);
  }

  /** Decides the current disagreement: take one layer's spans, both (every layer's), or neither. */
  decide(choice: Choice): Promise<boolean> {
    return this.#run(async () => {
      const item = this.currentItem;
      if (!item) return false;
      const at = Date.now();
      const r = resolve(item.unit, choice, this.gold, this.labels, { by: this.#ws.annotator, at }, this.goldRelations);
      if (typeof r === 'string') {
        this.#ws.notify('warning', r);
        return false;
      }
      const reviewed = this.disagreements.every((d) => d.decision || same(d.unit, item.unit));
      await this.#store(r, [this.#decision(item.unit, choice, at)], reviewed);
      this.#moveOn(item.unit);
      return true;
    }, false);
  }

  /**
   * Edits the current disagreement by hand: the editor switches to the gold layer with the unit's gold
   * span selected (or its stretch, to tag). Returns the stretch, to scroll to; markEdited records it.
   */
  async edit(): Promise<{ start: number; end: number } | null> {
    const item = this.currentItem;
    if (!item) return null;
    const range = { start: item.unit.start, end: item.unit.end };
    this.editing = range;
    if (this.#ws.session?.doc.id !== this.doc.id) await this.#ws.openDocument(this.doc.id);
    await this.#ws.editOtherLayer(GOLD_LAYER);
    const session = this.#ws.session;
    if (session?.doc.id === this.doc.id) {
      const inside = session.spansOverlapping(range).sort(compareSpans)[0];
      if (inside) session.select(inside.id);
      else session.setPending(range);
    }
    return range;
  }

  /** Records the stretch edited by hand in the gold layer as decided ({edited: true}). */
  markEdited(): Promise<boolean> {
    return this.#run(async () => {
      const range = this.editing;
      if (!range) return false;
      if (this.#ws.session?.doc.id === this.doc.id) await this.#ws.session.settled();
      await this.load();
      const unit = this.units.find((u) => same(u, range)) ?? { ...range, byLayer: {}, agreed: false };
      const reviewed = this.disagreements.every((d) => d.decision || same(d.unit, range));
      await this.#store({ docId: this.doc.id, before: [], after: [] }, [this.#decision(unit, { edited: true }, Date.now())], reviewed);
      this.editing = null;
      this.#moveOn(unit);
      return true;
    }, false);
  }

  #decision(unit: { start: number; end: number }, choice: DecisionChoice, at: number): Decision {
    const by = this.#ws.annotator;
    return { id: newId(), docId: this.doc.id, start: unit.start, end: unit.end, choice, ...(by ? { by } : {}), at };
  }

  /** Stores decisions with their gold change, then shows them here, in the editor and in the list. */
  async #store(change: SpanChange, decisions: Decision[], reviewed: boolean): Promise<void> {
    const ws = this.#ws;
    await ws.store.decide(this.doc.id, change, decisions, reviewed);
    const removed = new Set(change.before.map((s) => s.id));
    this.gold = [...this.gold.filter((s) => !removed.has(s.id)), ...change.after].sort(compareSpans);
    const unlinked = new Set((change.relations?.before ?? []).map((r) => r.id));
    this.goldRelations = this.goldRelations.filter((r) => !unlinked.has(r.id));
    const replaced = (old: Decision) => decisions.some((d) => d.id !== old.id && overlaps(d, old));
    this.decisions = [...this.decisions.filter((d) => !replaced(d)), ...decisions];
    // The store tells other tabs, not this one: the gold layer open in the editor is re-read here.
    const session = ws.session;
    if (session?.doc.id === this.doc.id && session.layer === GOLD_LAYER) await session.reload();
    if (reviewed) {
      ws.notify('info', `「${this.doc.title}」已审定 Reviewed: no disagreement is left`);
      await ws.refreshDocuments();
    }
  }

  /** After deciding `unit`: the next undecided disagreement after it, else the first, else itself. */
  #moveOn(unit: { start: number; end: number }): void {
    const list = this.disagreements;
    let i = list.findIndex((d) => !d.decision && d.unit.start >= unit.start);
    if (i < 0) i = list.findIndex((d) => !d.decision);
    if (i < 0) i = list.findIndex((d) => same(d.unit, unit));
    this.current = Math.max(0, i);
  }

  /** Runs writes one after another; a failure is reported and changes nothing. */
  #run<T>(task: () => Promise<T>, failed: T): Promise<T> {
    this.busy++;
    const result = this.#queue
      .then(task)
      .catch((e: unknown) => {
        this.#ws.notify('error', `未能保存审定 The decision was not saved: ${(e as Error).message}`);
        return failed;
      })
      .finally(() => this.busy--);
    this.#queue = result;
    return result;
  }
}
