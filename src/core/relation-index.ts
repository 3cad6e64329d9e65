/** The relations of one document, by id and by the spans at their ends. */
import type { SpanChange } from './history.ts';
import type { Relation } from './relations.ts';

export class RelationIndex {
  readonly #byId = new Map<string, Relation>();
  readonly #bySpan = new Map<string, Set<Relation>>();

  constructor(relations: Iterable<Relation> = []) {
    this.reset(relations);
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): Relation | undefined {
    return this.#byId.get(id);
  }

  all(): Relation[] {
    return [...this.#byId.values()];
  }

  /** Relations with span `spanId` at either end. */
  of(spanId: string): Relation[] {
    return [...(this.#bySpan.get(spanId) ?? [])];
  }

  reset(relations: Iterable<Relation>): void {
    this.#byId.clear();
    this.#bySpan.clear();
    for (const r of relations) this.#add(r);
  }

  apply(change: SpanChange): void {
    if (!change.relations) return;
    for (const r of change.relations.before) this.#remove(r.id);
    for (const r of change.relations.after) this.#add(r);
  }

  #add(r: Relation): void {
    this.#remove(r.id);
    this.#byId.set(r.id, r);
    for (const end of [r.fromId, r.toId]) {
      let set = this.#bySpan.get(end);
      if (!set) this.#bySpan.set(end, (set = new Set()));
      set.add(r);
    }
  }

  #remove(id: string): void {
    const old = this.#byId.get(id);
    if (!old) return;
    this.#byId.delete(id);
    for (const end of [old.fromId, old.toId]) {
      const set = this.#bySpan.get(end);
      set?.delete(old);
      if (set?.size === 0) this.#bySpan.delete(end);
    }
  }
}
