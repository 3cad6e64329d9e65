/**
 * Suggestions for the open document and their review: shown apart from spans, stepped through with the
 * keyboard, accepted (one, or every one of a label) or rejected. A rejected suggestion does not come
 * back for the same text; a suggestion never duplicates or overlaps a span the user made.
 */
import type { LabelSet } from '../core/index.ts';
import type { Suggester } from '../suggest/client.ts';
import { withoutExisting } from '../suggest/filter.ts';
import type { Suggestion } from '../suggest/types.ts';
import type { DocumentSession } from './document-session.svelte.ts';

export function rejectionKey(s: { label: string; text: string }): string {
  return `${s.label}|${s.text}`;
}

export class SuggestionReview {
  list = $state.raw<Suggestion[]>([]);
  /** Index into `list` of the suggestion under review, or -1. */
  current = $state(-1);
  busy = $state(false);

  readonly #session: DocumentSession;
  readonly #suggester: Suggester;
  readonly #reject: (key: string) => Promise<void>;
  #all: Suggestion[] = [];
  #rejected: ReadonlySet<string>;

  constructor(session: DocumentSession, suggester: Suggester, rejected: ReadonlySet<string>, reject: (key: string) => Promise<void>) {
    this.#session = session;
    this.#suggester = suggester;
    this.#rejected = rejected;
    this.#reject = reject;
  }

  get selected(): Suggestion | undefined {
    return this.list[this.current];
  }

  /** Counts per label of what is waiting for review. */
  counts(labels: LabelSet): { label: string; count: number }[] {
    return labels.map((l) => ({ label: l.id, count: this.list.filter((s) => s.label === l.id).length })).filter((c) => c.count > 0);
  }

  /** Computes the suggestions for the document (in the worker). */
  async run(): Promise<void> {
    this.busy = true;
    try {
      this.#all = await this.#suggester.suggest(this.#session.doc.text);
      this.refilter();
    } finally {
      this.busy = false;
    }
  }

  /**
   * Drops what the user has tagged or rejected since. After an edit only the suggestions around the
   * spans it changed are checked again (`around`); a long document has thousands of them.
   */
  refilter(around?: readonly { start: number; end: number }[]): void {
    const before = this.selected;
    if (!around) this.list = withoutExisting(this.#all, this.#session.spans(), this.#rejected);
    else {
      const touches = (s: { start: number; end: number }) => around.some((r) => s.start < r.end && r.start < s.end);
      const candidates = this.#all.filter(touches);
      const near = [...new Set(candidates.flatMap((c) => this.#session.spansOverlapping(c)))];
      const again = withoutExisting(candidates, near, this.#rejected);
      this.list = [...this.list.filter((s) => !touches(s)), ...again].sort((a, b) => a.start - b.start || b.end - a.end);
    }
    const i = before ? this.list.findIndex((s) => s.start === before.start && s.end === before.end && s.label === before.label) : -1;
    this.current = i >= 0 ? i : Math.min(this.current, this.list.length - 1);
  }

  /** The suggestion at code point `cp`, made current; false when there is none. */
  pickAt(cp: number): boolean {
    const i = this.list.findIndex((s) => s.start <= cp && cp < s.end);
    if (i < 0) return false;
    this.current = i;
    return true;
  }

  step(dir: 1 | -1): Suggestion | undefined {
    if (this.list.length === 0) return undefined;
    this.current = this.current < 0 ? (dir === 1 ? 0 : this.list.length - 1) : (this.current + dir + this.list.length) % this.list.length;
    return this.selected;
  }

  /** Accepts a suggestion; the next one waiting comes under review (not the new span: keys stay on review). */
  async accept(s = this.selected): Promise<boolean> {
    if (!s) return false;
    const at = this.current;
    const r = await this.#session.createMany([s], s.label, 'suggested');
    this.#session.select(null);
    this.refilter();
    this.current = Math.min(Math.max(at, 0), this.list.length - 1);
    return r.created > 0;
  }

  /** Accepts every waiting suggestion of `label` as one edit (one undo step). */
  async acceptAll(label: string): Promise<number> {
    const of = this.list.filter((s) => s.label === label);
    const r = await this.#session.createMany(of, label, 'suggested');
    this.refilter();
    return r.created;
  }

  async reject(s = this.selected): Promise<void> {
    if (!s) return;
    const at = this.current;
    const key = rejectionKey(s);
    await this.#reject(key);
    this.#rejected = new Set([...this.#rejected, key]);
    this.refilter();
    this.current = Math.min(Math.max(at, 0), this.list.length - 1);
  }
}
