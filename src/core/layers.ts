/**
 * Layers: each annotator's spans and relations over the same documents are a layer of their own, named
 * after the annotator; the reviewer's decisions build the gold layer. Spans record who made them and
 * when, so that every figure of agreement and progress can be traced to a person.
 */

/** The layer the reviewer's decisions build. Annotator names cannot start with `@`, so it never clashes. */
export const GOLD_LAYER = '@gold';

/** The layer of spans made before annotators had names (and of files imported as plain datasets). */
export const UNNAMED_LAYER = '';

/** Who made something and when (ms since 1970): spans, relations, comments and decisions carry it. */
export interface Authored {
  /** The annotator's name; absent on records made before names were asked. */
  by?: string;
  at?: number;
}

/**
 * Layer, author and time for a new span or relation: the fields left out when unknown (the unnamed
 * layer, no name given yet), so that records made before names existed look the same as before.
 */
export function authorship(who: { layer?: string; by?: string }, at: number): { layer?: string; by?: string; at: number } {
  return { ...(who.layer ? { layer: who.layer } : {}), ...(who.by ? { by: who.by } : {}), at };
}

export function layerOf(x: { layer?: string }): string {
  return x.layer ?? UNNAMED_LAYER;
}

export function layerName(layer: string): string {
  if (layer === GOLD_LAYER) return '金标准 Gold';
  return layer === UNNAMED_LAYER ? '未署名 Unnamed' : layer;
}

/** Why `name` cannot be an annotator's name, or null. */
export function annotatorNameProblem(name: string): string | null {
  const n = name.trim();
  if (n === '') return '请输入名字 A name is needed';
  if (n.startsWith('@')) return '名字不能以 @ 开头 A name cannot start with @';
  if ([...n].length > 40) return '名字最多 40 个字 A name has at most 40 characters';
  if (/[\u0000-\u001f]/u.test(n)) return '名字不能含控制字符 A name cannot hold control characters';
  return null;
}

/** A note on a span, shown to everyone who receives the layer. */
export interface Comment extends Authored {
  id: string;
  docId: string;
  spanId: string;
  /** The layer of the span commented on. */
  layer?: string;
  text: string;
}

/** What the reviewer decided for one disagreement: whose spans the gold layer took there. */
export type DecisionChoice = { take: string } | { both: true } | { neither: true } | { edited: true } | { agreed: true };

export interface Decision extends Authored {
  id: string;
  docId: string;
  /** The stretch of text the disagreement covers (code points, end exclusive). */
  start: number;
  end: number;
  choice: DecisionChoice;
}
