/**
 * Text helpers shared by the rule suggesters. The rules work on the JavaScript string (UTF-16 units),
 * where regular expressions and indexOf live; every offset they produce is converted to code points once,
 * at the end, through core's OffsetMap (the identity for texts without astral characters, so nearly free).
 *
 * Structure used by the rules:
 *  - clauses: the text between `，,；;。！？!?：:` and line ends, not split inside a short bracket
 *    (`确保新增规上工业企业(含小升规)15家以上` is one clause); each knows its sentence;
 *  - quotes: ASCII `"` paired left to right within a clause, and the typographic pairs “” ‘’ 「」 『』;
 *  - pieces: a clause cut at list separators (、 等 和 与 及 以及) outside quotes, for the name rules.
 */
import { OffsetMap } from '../core/offsets.ts';
import { matchHeading } from '../core/structure.ts';
import { alternation, NAME_LEAD } from './lexicon.ts';
import type { Suggestion } from './types.ts';

/** A proposal in UTF-16 units, before conversion. */
export interface Raw {
  start: number;
  end: number;
  label: string;
  rule: string;
}

export function toSuggestions(text: string, raws: readonly Raw[], map: OffsetMap = new OffsetMap(text)): Suggestion[] {
  return raws.map((r) => ({
    start: map.toCodePoint(r.start),
    end: map.toCodePoint(r.end),
    label: r.label,
    text: text.slice(r.start, r.end),
    rule: r.rule,
  }));
}

/** Suggestions (code points) back to UTF-16 ranges of the same text. */
export function toRaws(suggestions: readonly Suggestion[], map: OffsetMap): Raw[] {
  if (map.isIdentity) return suggestions.map((s) => ({ start: s.start, end: s.end, label: s.label, rule: s.rule }));
  return suggestions.map((s) => ({ start: map.toUtf16(s.start), end: map.toUtf16(s.end), label: s.label, rule: s.rule }));
}

export interface Clause {
  start: number;
  end: number;
  /** Index of the sentence (text between 。！？；!?; and line ends) holding the clause. */
  sentence: number;
  /** Index of the line holding the clause. */
  line: number;
  /** The character that ends the clause (`，` `。` …), '' at a line or text end. */
  brk: string;
}

const CLAUSE_BREAK = new Set(['，', ',', '；', ';', '。', '！', '？', '!', '?', '：', ':']);
const SENTENCE_BREAK = new Set(['。', '！', '？', '!', '?', '；', ';']);
const OPEN_BRACKET = new Set(['(', '（']);
const CLOSE_BRACKET = new Set([')', '）']);
/** A bracket longer than this does not hold its clause together (a stray `(` must not swallow a paragraph). */
const BRACKET_MAX = 40;

export function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u3000' || ch === '\u00a0' || ch === '\r' || ch === '\n';
}

/**
 * Clauses of the text, trimmed of white space, in order; empty ones are left out. A heading marker at a
 * line start (`(二)`, `一、`, `3.`, `--`) belongs to no clause.
 */
export function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  let from = skipMarker(text, 0);
  let sentence = 0;
  let line = 0;
  let closeAt = -1;
  const push = (s: number, e: number, brk: string) => {
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e, sentence, line, brk });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') {
      push(from, i, '');
      from = skipMarker(text, i + 1);
      closeAt = -1;
      sentence++;
      if (ch === '\n') line++;
      continue;
    }
    if (closeAt >= 0) {
      if (i >= closeAt) closeAt = -1;
      continue;
    }
    if (OPEN_BRACKET.has(ch)) {
      for (let j = i + 1; j < text.length && j <= i + BRACKET_MAX; j++) {
        const c = text[j]!;
        if (c === '\n' || c === '\r' || OPEN_BRACKET.has(c)) break;
        if (CLOSE_BRACKET.has(c)) {
          closeAt = j;
          break;
        }
      }
      continue;
    }
    if (CLAUSE_BREAK.has(ch)) {
      push(from, i, ch);
      from = i + 1;
      if (SENTENCE_BREAK.has(ch)) sentence++;
    }
  }
  push(from, text.length, '');
  return out;
}

/** Past the heading marker (and the space before it) of the line starting at `at`. */
function skipMarker(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  const line = text.slice(at, Math.min(nl < 0 ? text.length : nl, at + 24));
  const m = matchHeading(line);
  return m ? at + m.end : at;
}

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』' };

export const QUOTE_CHARS = new Set(['"', '“', '”', '‘', '’', '「', '」', '『', '』']);

/** Quote pairs of one clause; pairs never nest, so lookups are binary searches. */
export class Quotes {
  readonly #close = new Map<number, number>();
  /** Opening positions, ascending. */
  readonly #opens: number[] = [];

  add(open: number, close: number): void {
    this.#close.set(open, close);
    this.#opens.push(open);
  }

  /** The closing quote of the opening quote at `open`. */
  get(open: number): number | undefined {
    return this.#close.get(open);
  }

  /** Index of the last opening quote before `i`, or -1. */
  #lastBefore(i: number): number {
    let lo = 0;
    let hi = this.#opens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#opens[mid]! < i) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The pair with open < i < close, or null. */
  enclosing(i: number): [number, number] | null {
    const k = this.#lastBefore(i);
    if (k < 0) return null;
    const o = this.#opens[k]!;
    const c = this.#close.get(o)!;
    return c > i ? [o, c] : null;
  }

  /** The first pair opening at or after `s`, or null. */
  firstFrom(s: number): [number, number] | null {
    const o = this.#opens[this.#lastBefore(s) + 1];
    return o === undefined ? null : [o, this.#close.get(o)!];
  }
}

/**
 * Quote pairs within [s, e). ASCII `"` pair left to right (an odd one out stays unpaired); typographic
 * pairs “” ‘’ 「」 『』 are read outside ASCII quotes, so that no two pairs nest.
 */
export function quotePairs(text: string, s: number, e: number): Quotes {
  const out = new Quotes();
  let ascii = -1;
  for (let i = s; i < e; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      if (ascii < 0) ascii = i;
      else {
        out.add(ascii, i);
        ascii = -1;
      }
      continue;
    }
    const close = ascii < 0 ? PAIRS[ch] : undefined;
    if (close !== undefined) {
      const j = text.indexOf(close, i + 1);
      if (j > i && j < e) {
        out.add(i, j);
        i = j;
      }
    }
  }
  return out;
}

export interface Piece {
  start: number;
  end: number;
  /** The separator that ends the piece ('' at the clause end). */
  sep: string;
  /** The separator before the piece ('' at the clause start). */
  before: string;
}

/**
 * List separators: 、 always; 等 (not in 高等, 平等, 等级 …); 和 与 及 以及 as conjunctions (not in 参与,
 * 和美, 和谐, 普及, 以及 counts once).
 */
export const LIST_SEP = /、|(?<![高平同对均初中上优次])等(?![级同待候额])|以及|(?<![平温缓柔饱调总暖祥亲])和(?![美谐平睦])|(?<![参给赋])与(?![会])|(?<![普以波涉危企触顾])及(?![时早])/y;

/** The clause [s, e) cut at `sep` (a sticky expression) outside quotes. */
export function pieces(text: string, s: number, e: number, sep: RegExp = LIST_SEP, quotes: Quotes = quotePairs(text, s, e)): Piece[] {
  const out: Piece[] = [];
  let from = s;
  let before = '';
  let i = s;
  while (i < e) {
    const close = quotes.get(i);
    if (close !== undefined) {
      i = close + 1;
      continue;
    }
    sep.lastIndex = i;
    const m = sep.exec(text);
    // A conjunction after a single character is part of a name (大和三期, 祥和).
    if (m && m[0].length > 0 && i + m[0].length <= e && !(m[0] !== '、' && m[0] !== '等' && i - from < 2)) {
      out.push({ start: from, end: i, sep: m[0], before });
      before = m[0];
      i += m[0].length;
      from = i;
      continue;
    }
    i++;
  }
  out.push({ start: from, end: e, sep: '', before });
  return out;
}

const LEAD_RE = new RegExp(`(?:${alternation(NAME_LEAD)})`, 'y');

/**
 * Where a name starts in [s, limit): past the adverbs, verbs and prepositions at the front (repeatedly:
 * `深化开展`, `建成运营`, `加快建设`). Nothing that ends after `limit` (the head noun) is stripped.
 */
export function stripLead(text: string, s: number, limit: number, re: RegExp = LEAD_RE): number {
  let p = s;
  for (let k = 0; k < 8; k++) {
    re.lastIndex = p;
    const m = re.exec(text);
    if (!m || m[0].length === 0 || p + m[0].length > limit) break;
    p += m[0].length;
  }
  return p;
}

/** Does the text have a Han character at i? */
export function isHan(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xd840 && c <= 0xd87e) || (c >= 0xf900 && c <= 0xfaff);
}

/** Code units of the text that are punctuation or space (the edge characters no span may start or end with). */
const EDGE = /[\s\p{P}]/u;
const KEEP = new Set(['%', '％', '‰']);

export function isEdge(ch: string | undefined): boolean {
  return ch !== undefined && EDGE.test(ch) && !KEEP.has(ch);
}

/**
 * [s, e) shrunk past edge characters; an opening quote at the front is kept when its partner closes
 * inside and the name goes on after it (`"十链百企共生"专项行动`), as core's trimToContent does.
 */
export function trim(text: string, s: number, e: number): [number, number] | null {
  while (e > s && isEdge(text[e - 1])) e--;
  while (s < e && isEdge(text[s])) {
    const ch = text[s]!;
    const close = ch === '"' ? '"' : PAIRS[ch];
    if (close !== undefined) {
      const j = text.indexOf(close, s + 1);
      if (j > s + 1 && j < e - 1) break;
    }
    s++;
  }
  return e > s ? [s, e] : null;
}
