/**
 * brat's relations (`R` lines of an .ann, the [relations] section of annotation.conf), read and written
 * for brat.ts, which holds the text-bound annotations and the files.
 *
 * RELATION RULE: `R1<TAB>Type Arg1:T3 Arg2:T5` runs from the span of T3 (Arg1) to the span of T5 (Arg2).
 * The roles are matched by name in either order (`Arg2:T5 Arg1:T3` is the same relation); other role
 * names (a conf may call them anything) are read in order, first = from, with a note.
 *
 * An argument may name a T line written after the R line. What becomes of an argument:
 *  - a T imported as one span: that span;
 *  - a T imported as several spans (discontinuous, see brat.ts): its first span, with a note;
 *  - a T left out with a note (zero width): the relation is left out too, with a note. The .ann is
 *    valid brat; refusing it would refuse a file brat itself shows;
 *  - a T whose line has an error: nothing more is said (that error already refuses the import);
 *  - an id of another kind (an event, another relation, ...): the relation is left out, with a note
 *    (Zhengbiao relations join spans);
 *  - an id that is in no line of the file: an ERROR, at the R line's file:line, field = the role.
 * A relation from a span to itself, or given twice, is left out with a note (relation-ends.ts).
 */
import type { DatasetRelation, DatasetSpan } from './types.ts';
import { RelationCollector, type IndexedRelation } from './relation-ends.ts';

/** An R line as read; its arguments are resolved once the whole file has been read. */
export interface RelationLine {
  id: string;
  line: number;
  type: string;
  from: { role: string; ref: string };
  to: { role: string; ref: string };
}

/** What a T line gave: `count` spans from index `first`; none when it was left out or `failed` (an error). */
export interface TextBoundSpans {
  first: number;
  count: number;
  failed: boolean;
}

/** The R line `id` whose data `words` are `Type Role:ID Role:ID` (the caller checked their form); `note` hears of roles read in order. */
export function relationLine(id: string, line: number, words: readonly string[], note: (message: string) => void): RelationLine {
  const [type, a, b] = words as [string, string, string];
  const arg = (w: string) => ({ role: w.slice(0, w.indexOf(':')), ref: w.slice(w.indexOf(':') + 1) });
  const first = arg(a);
  const second = arg(b);
  if (first.role === 'Arg2' && second.role === 'Arg1') return { id, line, type, from: second, to: first };
  if (!(first.role === 'Arg1' && second.role === 'Arg2')) {
    note(`${id} relation ${type}: roles ${first.role} and ${second.role} are not Arg1 and Arg2: read in order, from ${first.ref} to ${second.ref}`);
  }
  return { id, line, type, from: first, to: second };
}

/**
 * The relations of one .ann file. `textBound` has every T line that was read, `declared` every id of
 * the file (any kind); errors and notes name the R line (see the header for which is which).
 */
export function resolveRelations(
  lines: readonly RelationLine[],
  spans: readonly DatasetSpan[],
  textBound: ReadonlyMap<string, TextBoundSpans>,
  declared: ReadonlySet<string>,
  err: (line: number, message: string, field: string) => void,
  note: (line: number, message: string) => void,
): DatasetRelation[] {
  const relations = new RelationCollector(spans);
  for (const r of lines) {
    const what = `${r.id} relation ${r.type}`;
    const end = (arg: { role: string; ref: string }): number | null => {
      const t = textBound.get(arg.ref);
      if (t === undefined) {
        if (declared.has(arg.ref)) note(r.line, `${what} not imported: its ${arg.role} ${arg.ref} is not a text-bound annotation (T), and Zhengbiao relations join spans`);
        else err(r.line, `${arg.ref} is not an annotation of this file: no line has the id ${arg.ref}`, arg.role);
        return null;
      }
      if (t.failed) return null;
      if (t.count === 0) {
        note(r.line, `${what} not imported: its ${arg.role} ${arg.ref} was left out (see its line)`);
        return null;
      }
      return t.first;
    };
    const from = end(r.from);
    const to = end(r.to);
    if (from === null || to === null) continue;
    for (const arg of [r.from, r.to]) {
      const count = textBound.get(arg.ref)!.count;
      if (count > 1) note(r.line, `${what}: its ${arg.role} ${arg.ref} was imported as ${count} spans; the relation uses the first`);
    }
    relations.add(r.type, from, to, (message) => note(r.line, `${r.id} ${message}`));
  }
  return relations.relations;
}

// ---------------------------------------------------------------------------------------------------
// Export

/** The R lines of a document after its T lines: span k is `T<k+1>`; `type` maps a relation type to a brat type. */
export function relationLines(relations: readonly IndexedRelation[], type: (t: string) => string): string {
  return relations.map((r, k) => `R${k + 1}\t${type(r.type)} Arg1:T${r.from + 1} Arg2:T${r.to + 1}\n`).join('');
}

/** The brat types seen at each end of a relation type, gathered over an export. */
export type RelationEnds = Map<string, { from: Set<string>; to: Set<string> }>;

export function noteEnds(ends: RelationEnds, type: string, from: string, to: string): void {
  let e = ends.get(type);
  if (!e) ends.set(type, (e = { from: new Set(), to: new Set() }));
  e.from.add(from);
  e.to.add(to);
}

/**
 * The [relations] lines of annotation.conf: `measures<TAB>Arg1:METRIC, Arg2:TARGET`, several types at
 * one end joined by `|` (brat's alternatives), types sorted.
 */
export function relationConfLines(ends: RelationEnds): string {
  const alts = (s: Set<string>) => [...s].sort().join('|');
  return [...ends.keys()]
    .sort()
    .map((type) => {
      const e = ends.get(type)!;
      return `${type}\tArg1:${alts(e.from)}, Arg2:${alts(e.to)}\n`;
    })
    .join('');
}
