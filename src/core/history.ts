/**
 * Edits as reversible changes. Every edit — create, relabel, move an edge, delete — is one SpanChange:
 * the spans it removes (`before`) and the spans it writes (`after`, same id for a modified span).
 * Undo applies the inverse, which is the same shape with the two sides swapped, so storage and screen
 * handle one kind of operation.
 */
import type { Relation } from './relations.ts';
import type { Span } from './spans.ts';

export interface SpanChange {
  docId: string;
  before: Span[];
  after: Span[];
  /**
   * Relations removed and written by the same edit, e.g. those of a deleted span: they go and come
   * back with it, in one undo step. Absent: the edit touches no relation.
   */
  relations?: { before: Relation[]; after: Relation[] };
}

export function invert(change: SpanChange): SpanChange {
  const inverse: SpanChange = { docId: change.docId, before: change.after, after: change.before };
  if (change.relations) inverse.relations = { before: change.relations.after, after: change.relations.before };
  return inverse;
}

/** Applies a change to a map of spans by id, in place. */
export function applyChange(spans: Map<string, Span>, change: SpanChange): void {
  for (const s of change.before) spans.delete(s.id);
  for (const s of change.after) spans.set(s.id, s);
}

/** Undo and redo stacks of one document. */
export class History {
  #undo: SpanChange[] = [];
  #redo: SpanChange[] = [];
  readonly limit: number;

  constructor(limit = 1000) {
    this.limit = limit;
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  record(change: SpanChange): void {
    this.#undo.push(change);
    if (this.#undo.length > this.limit) this.#undo.shift();
    this.#redo = [];
  }

  /** The change that undoes the last edit; call `confirmUndo` once it is stored. */
  peekUndo(): SpanChange | undefined {
    const last = this.#undo.at(-1);
    return last && invert(last);
  }

  confirmUndo(): void {
    const c = this.#undo.pop();
    if (c) this.#redo.push(c);
  }

  peekRedo(): SpanChange | undefined {
    return this.#redo.at(-1);
  }

  confirmRedo(): void {
    const c = this.#redo.pop();
    if (c) this.#undo.push(c);
  }

  clear(): void {
    this.#undo = [];
    this.#redo = [];
  }
}
