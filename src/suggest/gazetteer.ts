/**
 * A per-project dictionary (gazetteer): terms with their labels, matched across a text with an
 * Aho–Corasick automaton, so that thousands of terms cost one pass over the text (linear in its length plus
 * the number of matches), whatever their number.
 *
 * - Terms and texts are read as code points: `𠀀` is one step of the automaton, and every offset returned
 *   is a code point offset, end exclusive (docs/guide.md §3.6).
 * - A term has one label; adding it again with another label replaces the label. Empty terms are ignored.
 * - A term that starts (ends) with a Latin letter or digit does not match where the text goes on with one
 *   before (after) it, so `GDP` is not found inside `GDPR` and `5G` not inside `15G`; Chinese has no such
 *   boundaries and matches anywhere.
 * - `match` returns, for each label, the leftmost-longest non-overlapping occurrences: of overlapping
 *   matches the one starting first wins, and of those starting together the longest. Matches of different
 *   labels may overlap; suggest() settles those by the nesting rules.
 * - The automaton is built on the first match after a change (add/remove mark it stale).
 */
import type { Suggestion } from './types.ts';

interface Automaton {
  /** children[node]: code point → node. */
  children: Map<number, number>[];
  fail: Int32Array;
  /** Index into `terms` of the term ending at the node, or -1. */
  term: Int32Array;
  /** The nearest node on the failure chain (excluding the node itself) that ends a term, or 0. */
  dict: Int32Array;
  terms: { text: string; label: string; length: number; alnumStart: boolean; alnumEnd: boolean }[];
}

function isAlnum(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

export class Gazetteer {
  readonly #source: string;
  readonly #terms = new Map<string, string>();
  #automaton: Automaton | null = null;

  /** `source` names the rule of every suggestion (`gazetteer`, or `learned` for what learnFrom builds). */
  constructor(source = 'gazetteer') {
    this.#source = source;
  }

  add(term: string, label: string): void {
    if (term.length === 0) return;
    if (this.#terms.get(term) === label) return;
    this.#terms.set(term, label);
    this.#automaton = null;
  }

  remove(term: string): void {
    if (this.#terms.delete(term)) this.#automaton = null;
  }

  get size(): number {
    return this.#terms.size;
  }

  /** [term, label] in the order the terms were first added. */
  entries(): [string, string][] {
    return [...this.#terms.entries()];
  }

  match(text: string): Suggestion[] {
    if (this.#terms.size === 0 || text.length === 0) return [];
    const a = (this.#automaton ??= build(this.#terms));
    // All occurrences, per label: [start, end] in code points.
    const found = new Map<string, number[]>();
    let node = 0;
    let cpIndex = 0;
    const hits: { termIndex: number; end: number }[] = [];
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      cpIndex++;
      for (;;) {
        const next = a.children[node]!.get(cp);
        if (next !== undefined) {
          node = next;
          break;
        }
        if (node === 0) break;
        node = a.fail[node]!;
      }
      let n = a.term[node]! >= 0 ? node : a.dict[node]!;
      while (n > 0) {
        hits.push({ termIndex: a.term[n]!, end: cpIndex });
        n = a.dict[n]!;
      }
      if (hits.length > 0) {
        // Latin/digit boundaries need the code point after the match: checked once it is known.
        const nextCp = i < text.length ? text.codePointAt(i)! : -1;
        for (const h of hits) {
          const t = a.terms[h.termIndex]!;
          const start = h.end - t.length;
          if (t.alnumEnd && nextCp >= 0 && isAlnum(nextCp)) continue;
          if (t.alnumStart && start > 0 && isAlnum(cpBefore(text, i, t.length))) continue;
          let list = found.get(t.label);
          if (!list) found.set(t.label, (list = []));
          list.push(start, h.end);
        }
        hits.length = 0;
      }
    }
    const out: Suggestion[] = [];
    for (const [label, list] of found) {
      const order: number[] = [];
      for (let k = 0; k < list.length; k += 2) order.push(k);
      order.sort((x, y) => list[x]! - list[y]! || list[y + 1]! - list[x + 1]!);
      let lastEnd = -1;
      for (const k of order) {
        const start = list[k]!;
        const end = list[k + 1]!;
        if (start < lastEnd) continue;
        lastEnd = end;
        out.push({ start, end, label, text: '', rule: this.#source });
      }
    }
    fillTexts(text, out);
    out.sort((x, y) => x.start - y.start || y.end - x.end || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
    return out;
  }
}

function isLow(text: string, j: number): boolean {
  const c = text.charCodeAt(j);
  return c >= 0xdc00 && c <= 0xdfff;
}

function isHigh(text: string, j: number): boolean {
  const c = text.charCodeAt(j);
  return c >= 0xd800 && c <= 0xdbff;
}

/** The code point before the `length` code points that end at UTF-16 index `end`, or -1 at the text start. */
function cpBefore(text: string, end: number, length: number): number {
  let j = end;
  for (let k = 0; k < length; k++) j -= j >= 2 && isLow(text, j - 1) && isHigh(text, j - 2) ? 2 : 1;
  if (j <= 0) return -1;
  return j >= 2 && isLow(text, j - 1) && isHigh(text, j - 2) ? text.codePointAt(j - 2)! : text.charCodeAt(j - 1);
}

/** Sets each suggestion's text from code point offsets in one pass over the text. */
function fillTexts(text: string, out: Suggestion[]): void {
  if (out.length === 0) return;
  // Code point → UTF-16 offsets for the starts and ends needed.
  const wanted = new Set<number>();
  for (const s of out) {
    wanted.add(s.start);
    wanted.add(s.end);
  }
  const unit = new Map<number, number>();
  let cp = 0;
  let i = 0;
  for (;;) {
    if (wanted.has(cp)) unit.set(cp, i);
    if (i >= text.length) break;
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    cp++;
  }
  for (const s of out) s.text = text.slice(unit.get(s.start)!, unit.get(s.end)!);
}

function build(terms: ReadonlyMap<string, string>): Automaton {
  const children: Map<number, number>[] = [new Map()];
  const termAt: number[] = [-1];
  const list: Automaton['terms'] = [];
  for (const [text, label] of terms) {
    let node = 0;
    let length = 0;
    let first = -1;
    let last = -1;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (first < 0) first = cp;
      last = cp;
      length++;
      let next = children[node]!.get(cp);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        termAt.push(-1);
        children[node]!.set(cp, next);
      }
      node = next;
    }
    termAt[node] = list.length;
    list.push({ text, label, length, alnumStart: isAlnum(first), alnumEnd: isAlnum(last) });
  }
  const n = children.length;
  const fail = new Int32Array(n);
  const dict = new Int32Array(n);
  const term = Int32Array.from(termAt);
  // Breadth-first: a node's failure link points to the longest proper suffix of its path in the trie.
  const queue: number[] = [];
  for (const child of children[0]!.values()) queue.push(child);
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    for (const [cp, child] of children[node]!) {
      let f = fail[node]!;
      for (;;) {
        const next = children[f]!.get(cp);
        if (next !== undefined && next !== child) {
          fail[child] = next;
          break;
        }
        if (f === 0) {
          fail[child] = 0;
          break;
        }
        f = fail[f]!;
      }
      const fc = fail[child]!;
      dict[child] = term[fc]! >= 0 ? fc : dict[fc]!;
      queue.push(child);
    }
  }
  return { children, fail, term, dict, terms: list };
}
