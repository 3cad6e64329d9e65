/**
 * Relations: typed, directed links between two spans of one document (a METRIC `measures` a TARGET).
 * A relation type lists the labels its ends may have; an empty list allows any label (types that came
 * with an import and were never configured).
 */
import { contains, type Span } from './spans.ts';

export type RelationSource = 'manual' | 'suggested' | 'imported';

export interface Relation {
  id: string;
  docId: string;
  type: string;
  /** Span ids: the relation reads "from <type> to", e.g. METRIC measures TARGET. */
  fromId: string;
  toId: string;
  source?: RelationSource;
  /** The layer of its spans (core/layers.ts); absent: the unnamed layer. */
  layer?: string;
  by?: string;
  at?: number;
}

export interface RelationType {
  /** Stable identifier written into exports, e.g. `measures`. */
  id: string;
  zh: string;
  en: string;
  /** Labels the `from` end may have; empty: any. */
  from: readonly string[];
  /** Labels the `to` end may have; empty: any. */
  to: readonly string[];
}

export type RelationTypeSet = readonly RelationType[];

export const DEFAULT_RELATION_TYPES: RelationTypeSet = [
  { id: 'measures', zh: '衡量', en: 'measures', from: ['METRIC'], to: ['TARGET'] },
  { id: 'carries_out', zh: '实施', en: 'carries out', from: ['ORG'], to: ['PROJECT'] },
  { id: 'part_of', zh: '属于', en: 'part of', from: ['PROJECT'], to: ['TARGET'] },
];

export function relationTypeById(types: RelationTypeSet, id: string): RelationType | undefined {
  return types.find((t) => t.id === id);
}

/** Whether `type` may run from a span labelled `from` to one labelled `to`. */
export function allows(type: RelationType, from: string, to: string): boolean {
  return (type.from.length === 0 || type.from.includes(from)) && (type.to.length === 0 || type.to.includes(to));
}

/** A relation that may be made between two spans, oriented as its type wants. */
export interface LinkOption {
  type: string;
  fromId: string;
  toId: string;
}

/**
 * The relations two spans allow, in the direction each type wants: picking a TARGET and then its METRIC
 * still gives METRIC measures TARGET. Types allowing any label are offered from `a` to `b` only.
 */
export function linkOptions(types: RelationTypeSet, a: Pick<Span, 'id' | 'label'>, b: Pick<Span, 'id' | 'label'>): LinkOption[] {
  if (a.id === b.id) return [];
  const out: LinkOption[] = [];
  for (const t of types) {
    if (allows(t, a.label, b.label)) out.push({ type: t.id, fromId: a.id, toId: b.id });
    else if (t.from.length > 0 && t.to.length > 0 && allows(t, b.label, a.label)) out.push({ type: t.id, fromId: b.id, toId: a.id });
  }
  return out;
}

/** Why `candidate` may not join `relations`, or null when it may. `spanById` finds the document's spans. */
export function relationProblem(
  relations: Iterable<Relation>,
  candidate: Pick<Relation, 'id' | 'type' | 'fromId' | 'toId'>,
  spanById: (id: string) => Span | undefined,
  types: RelationTypeSet,
): string | null {
  const from = spanById(candidate.fromId);
  const to = spanById(candidate.toId);
  if (!from || !to) return '关系的两端必须是本文档的标注 Both ends of a relation must be spans of this document';
  if (from.id === to.id) return '标注不能与自身关联 A span cannot be related to itself';
  const type = relationTypeById(types, candidate.type);
  if (!type) return `没有关系类型 No relation type ${JSON.stringify(candidate.type)}`;
  if (!allows(type, from.label, to.label)) {
    return `${type.zh} ${type.id} 不能从 ${from.label} 指向 ${to.label} (${type.id} cannot run from ${from.label} to ${to.label})`;
  }
  for (const r of relations) {
    if (r.id !== candidate.id && r.type === candidate.type && r.fromId === candidate.fromId && r.toId === candidate.toId) {
      return `这两个标注已有此关系 These spans are already linked by ${type.id}`;
    }
  }
  return null;
}

/** Relations with `spanId` at either end. */
export function relationsTouching(relations: Iterable<Relation>, spanIds: ReadonlySet<string>): Relation[] {
  const out: Relation[] = [];
  for (const r of relations) if (spanIds.has(r.fromId) || spanIds.has(r.toId)) out.push(r);
  return out;
}

/**
 * Relations that would break if `span` took a new label: their type no longer allows its ends.
 * `spanById` gives the other ends.
 */
export function relationsBrokenByLabel(
  relations: Iterable<Relation>,
  span: Span,
  label: string,
  spanById: (id: string) => Span | undefined,
  types: RelationTypeSet,
): Relation[] {
  return relationsTouching(relations, new Set([span.id])).filter((r) => {
    const type = relationTypeById(types, r.type);
    if (!type) return false;
    const fromLabel = r.fromId === span.id ? label : spanById(r.fromId)?.label;
    const toLabel = r.toId === span.id ? label : spanById(r.toId)?.label;
    return fromLabel === undefined || toLabel === undefined || !allows(type, fromLabel, toLabel);
  });
}

/**
 * Relations worth proposing: a METRIC inside a TARGET `measures` it, unless the pair is linked already
 * (in either direction, by any type). Works on any type whose ends nest: the default set has one.
 */
export function nestedProposals(spans: readonly Span[], relations: Iterable<Relation>, types: RelationTypeSet): LinkOption[] {
  const linked = new Set<string>();
  for (const r of relations) {
    linked.add(`${r.fromId}\u0000${r.toId}`);
    linked.add(`${r.toId}\u0000${r.fromId}`);
  }
  const nestTypes = types.filter((t) => t.id === 'measures' || (t.from.length > 0 && t.to.length > 0 && t.from.includes('METRIC')));
  if (nestTypes.length === 0) return [];
  const out: LinkOption[] = [];
  // Spans sorted by start (outer first): an inner span starts at or after its outer one, and before it
  // ends. Callers usually pass them in that order already (compareSpans); sorting again per edit cost
  // milliseconds in a long document.
  const sorted = inDocumentOrder(spans) ? spans : [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const open: Span[] = [];
  for (const s of sorted) {
    while (open.length > 0 && open.at(-1)!.end <= s.start) open.pop();
    for (const outer of open) {
      if (!contains(outer, s) || outer.id === s.id) continue;
      for (const t of nestTypes) {
        if (allows(t, s.label, outer.label) && !linked.has(`${s.id}\u0000${outer.id}`)) {
          out.push({ type: t.id, fromId: s.id, toId: outer.id });
          break;
        }
      }
    }
    open.push(s);
  }
  return out;
}

function inDocumentOrder(spans: readonly Span[]): boolean {
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1]!;
    const b = spans[i]!;
    if (a.start > b.start || (a.start === b.start && a.end < b.end)) return false;
  }
  return true;
}
