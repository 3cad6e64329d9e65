/**
 * Suggestions for the open document and their review: shown apart from spans, stepped through with the
 * keyboard, accepted (one, or every one of a label) or rejected. A rejected suggestion does not come
 * back for the same text; a suggestion never duplicates or overlaps a span the user made.
 */
import { firstStartingAt, type LabelSet } from '../core/index.ts';
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
  /** Every suggestion of the document, in document order. */
  #all: Suggestion[] = [];
  /** The longest suggestion's length: how far before a range a suggestion touching it can start. */
  #longest = 0;
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
    const list = this.list;
    // Several panels ask after each edit; the list has thousands of entries in a long document.
    if (this.#counted?.list !== list) {
      const n = new Map<string, number>();
      for (const s of list) n.set(s.label, (n.get(s.label) ?? 0) + 1);
      this.#counted = { list, n };
    }
    const n = this.#counted.n;
    return labels.map((l) => ({ label: l.id, count: n.get(l.id) ?? 0 })).filter((c) => c.count > 0);
  }

  #counted: { list: Suggestion[]; n: Map<string, number> } | null = null;

  /** Computes the suggestions for the document (in the worker). */
  async run(): Promise<void> {
    this.busy = true;
    try {
      this.#all = byStart(await this.#suggester.suggest(this.#session.doc.text));
      this.#longest = this.#all.reduce((m, x) => Math.max(m, x.end - x.start), 0);
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
    if (!around) this.list = byStart(withoutExisting(this.#all, this.#session.spans(), this.#rejected));
    else if (around.length > 0) {
      // Both lists are in document order: the suggestions near the edit are found by binary search and
      // replaced in place, so an edit costs the same in a document with 20 suggestions or 20,000.
      const from = Math.min(...around.map((r) => r.start));
      const to = Math.max(...around.map((r) => r.end));
      const touches = (s: { start: number; end: number }) => around.some((r) => s.start < r.end && r.start < s.end);
      const window = (list: Suggestion[]) => [firstStartingAt(list, from - this.#longest), firstStartingAt(list, to)] as const;
      const [a0, a1] = window(this.#all);
      const candidates = this.#all.slice(a0, a1).filter(touches);
      const near = [...new Set(candidates.flatMap((c) => this.#session.spansOverlapping(c)))];
      const again = withoutExisting(candidates, near, this.#rejected);
      const [l0, l1] = window(this.list);
      const kept = this.list.slice(l0, l1).filter((s) => !touches(s));
      this.list = [...this.list.slice(0, l0), ...byStart([...kept, ...again]), ...this.list.slice(l1)];
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

function byStart(list: Suggestion[]): Suggestion[] {
  return list.sort((a, b) => a.start - b.start || b.end - a.end);
}
