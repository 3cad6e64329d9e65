/**
 * Relations in the formats that hold them (doccano, brat, Label Studio): their ends as INDEXES into a
 * document's spans, the one rule all three share.
 *
 * Import: each format finds the spans a relation names in its own way, then hands the pair to a
 * `RelationCollector`, which keeps it unless Zhengbiao cannot hold it: a relation from a span to itself,
 * or the same (type, from, to) given twice, is left out and noted (the file is valid, the import goes on).
 * A document's `relations` is set only when it has one.
 *
 * Export: `exportRelations` gives a document's relations as indexes into its spans in compareSpans order
 * (the order every format writes spans in), sorted by (from, to, type) so that an export does not
 * depend on the order relations were stored in. A relation whose end is not among the document's spans,
 * from a span to itself, with an empty type, or given twice, is left out and reported.
 */
import type { Relation } from '../core/relations.ts';
import type { Span } from '../core/spans.ts';
import type { DatasetRelation, DatasetSpan, ExportDocument } from './types.ts';

function quote(s: string, max = 20): string {
  const cps = Array.from(s);
  return JSON.stringify(cps.length > max ? cps.slice(0, max).join('') + '…' : s);
}

/** `ORG [0, 6) "Google"` */
export function spanText(s: Pick<DatasetSpan, 'start' | 'end' | 'label' | 'text'>): string {
  return `${s.label} [${s.start}, ${s.end}) ${quote(s.text)}`;
}

/** The relations of one document as read. */
export class RelationCollector {
  readonly relations: DatasetRelation[] = [];
  readonly #seen = new Set<string>();
  readonly #spans: readonly DatasetSpan[];

  constructor(spans: readonly DatasetSpan[]) {
    this.#spans = spans;
  }

  /** Keeps `type` from span `from` to span `to` (indexes), or says through `note` why it is left out. */
  add(type: string, from: number, to: number, note: (message: string) => void): void {
    const a = this.#spans[from];
    const b = this.#spans[to];
    if (a === undefined || b === undefined) throw new RangeError(`relation end ${a === undefined ? from : to} is not a span index`);
    if (from === to) {
      note(`relation ${type} from ${spanText(a)} to itself not imported: a span cannot be related to itself`);
      return;
    }
    const key = `${type}\u0000${from}\u0000${to}`;
    if (this.#seen.has(key)) {
      note(`relation ${type} from ${spanText(a)} to ${spanText(b)} given twice: imported once`);
      return;
    }
    this.#seen.add(key);
    this.relations.push({ type, from, to });
  }

  /** `{relations}` when there is one, else nothing: spread it into the DatasetDocument. */
  get field(): { relations?: DatasetRelation[] } {
    return this.relations.length > 0 ? { relations: this.relations } : {};
  }
}

/** A relation of an export, its ends indexes into `sorted`; `relation` is the one it came from. */
export interface IndexedRelation extends DatasetRelation {
  relation: Relation;
}

/**
 * The relations of `doc` as indexes into `sorted` (its spans in compareSpans order), sorted by
 * (from, to, type); those that cannot be written are left out, each with a line in `report`.
 */
export function exportRelations(doc: ExportDocument, sorted: readonly Span[], report: string[]): IndexedRelation[] {
  if (!doc.relations || doc.relations.length === 0) return [];
  const index = new Map<string, number>();
  sorted.forEach((s, k) => index.set(s.id, k));
  const out: IndexedRelation[] = [];
  const seen = new Set<string>();
  for (const r of doc.relations) {
    const from = index.get(r.fromId);
    const to = index.get(r.toId);
    const left = (why: string) => report.push(`document "${doc.title}" (id ${doc.id}): relation ${r.type} (id ${r.id}) left out: ${why}`);
    if (from === undefined || to === undefined) {
      left(`its ${from === undefined ? 'from' : 'to'} span (id ${from === undefined ? r.fromId : r.toId}) is not among the document's spans`);
    } else if (from === to) {
      left('it runs from a span to itself');
    } else if (r.type === '') {
      left('its type is empty');
    } else {
      const key = `${r.type}\u0000${from}\u0000${to}`;
      if (seen.has(key)) left('the same relation is given twice');
      else {
        seen.add(key);
        out.push({ type: r.type, from, to, relation: r });
      }
    }
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}
