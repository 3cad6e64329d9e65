/**
 * Word boundaries of a whole text from a tokenizer that only ever sees short pieces of it.
 *
 * The text is cut into paragraphs (splitParagraphs: every "\n"), and paragraphs longer than `maxChunk`
 * code points are cut further, preferably right after sentence punctuation (。！？；), so that no single
 * tokenizer call takes long and progress can be reported. jieba already treats punctuation as a
 * separator, so cutting there does not change its result; a hard cut (a run of `maxChunk` code points
 * with no punctuation or space at all) adds one boundary that jieba might not have made.
 *
 * The tokenizer may answer with tokens (code-point offsets), with the words themselves in order (jieba's
 * `cut`), or with just their code-point lengths in order (jieba-lengths.ts): the edges are then the
 * running sum of the lengths. `cut` is what the worker and the Node segmenter use: jieba-wasm builds one
 * JS object per token for `tokenize` (about twice the time of `cut`), and jieba-rs computes
 * `tokenize`'s offsets from the very same words, so all three give the same boundaries (tests/segment
 * check this on the seed and on random text). Words or lengths that do not add up to the piece (a
 * tokenizer that drops or changes text) are ignored: the piece then only has its own edges.
 *
 * Pure: no jieba import here, the tokenizer is passed in (the worker passes jieba-wasm/web, the CLI and
 * tests jieba-wasm/node or a fake).
 */
import { splitParagraphs } from '../core/document.ts';
import type { Token } from '../core/tokens.ts';

/**
 * Tokenizes one piece of text: either tokens, whose offsets are code points of that piece (end
 * exclusive), or the piece's words in order, which together make up the piece (jieba's `cut`), or the
 * code-point lengths of those words in order.
 */
export type Tokenize = (text: string) => readonly Token[] | readonly string[] | readonly number[];

export type ProgressCallback = (done: number, total: number) => void;

export interface SegmentOptions {
  /** Longest piece, in code points, handed to one tokenize call. */
  maxChunk?: number;
  /** Report progress each time at least this many more code points are done. */
  progressEvery?: number;
}

export const DEFAULT_MAX_CHUNK = 4096;
export const DEFAULT_PROGRESS_EVERY = 20_000;

/** Cut right after these: the end of a sentence or clause. None of them is part of a jieba word. */
const SENTENCE_END = new Set([0x3002 /* 。 */, 0xff01 /* ！ */, 0xff1f /* ？ */, 0xff1b /* ； */, 0x21, 0x3f, 0x3b]);
/** Second choice: commas, colons, spaces. */
const SOFT_BREAK = new Set([0xff0c /* ， */, 0x3001 /* 、 */, 0xff1a /* ： */, 0x2c, 0x3a, 0x20, 0x09, 0x3000, 0x0d]);

/**
 * Ascending code-point boundaries (core Boundaries) of `text`, from 0 to its code-point length: every paragraph's edges
 * and every token's edges, shifted from the piece they were found in to the whole text.
 */
export function segmentBoundaries(
  text: string,
  tokenize: Tokenize,
  onProgress?: ProgressCallback,
  options: SegmentOptions = {},
): Uint32Array<ArrayBuffer> {
  const maxChunk = Math.max(1, Math.floor(options.maxChunk ?? DEFAULT_MAX_CHUNK));
  const progressEvery = Math.max(1, options.progressEvery ?? DEFAULT_PROGRESS_EVERY);
  const paragraphs = splitParagraphs(text);
  const total = paragraphs[paragraphs.length - 1]!.end;

  // At most one boundary per code point, plus 0: filled in place, copied out once at the end.
  const out = new Uint32Array(total + 1);
  let n = 1;
  let last = 0;
  const push = (b: number): void => {
    if (b > last) {
      out[n++] = b;
      last = b;
    }
  };
  let reported = 0;

  for (const p of paragraphs) {
    push(p.start);
    const paragraph = text.slice(p.unitStart, p.unitEnd);
    const length = p.end - p.start;
    // Most paragraphs are one piece: no need to look for a place to cut them.
    const parts = length === 0 ? [] : length <= maxChunk ? [{ text: paragraph, start: 0, length }] : pieces(paragraph, maxChunk);
    for (const piece of parts) {
      const base = p.start + piece.start;
      const answer = tokenize(piece.text);
      const first = answer[0];
      if (typeof first === 'number') lengthEdges(answer as readonly number[], piece, base, push);
      else if (typeof first === 'string') wordEdges(answer as readonly string[], piece, base, push);
      else for (const b of pieceBoundaries(answer as readonly Token[], piece.length)) push(base + b);
      push(base + piece.length);
      const done = base + piece.length;
      if (onProgress && done - reported >= progressEvery && done < total) {
        reported = done;
        onProgress(done, total);
      }
    }
  }
  push(total);
  onProgress?.(total, total);
  return out.slice(0, n);
}

/**
 * Pushes the inner edges of `words`, the piece cut into words, shifted by `base`; nothing when the
 * words do not add up to the piece. Without astral characters in the piece (UTF-16 length equals
 * code-point length) a word's code-point length is its string length; jieba turns a lone surrogate
 * into U+FFFD, one unit for one, so that count holds for it too.
 */
function wordEdges(words: readonly string[], piece: Piece, base: number, push: (b: number) => void): void {
  let units = 0;
  for (let i = 0; i < words.length; i++) units += words[i]!.length;
  if (units !== piece.text.length) return;
  const bmp = piece.text.length === piece.length;
  let at = base;
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i]!;
    at += bmp ? w.length : codePoints(w);
    push(at);
  }
}

/** Pushes the inner edges of the words whose code-point lengths are `lengths`; nothing when they do not add up to the piece. */
function lengthEdges(lengths: readonly number[], piece: Piece, base: number, push: (b: number) => void): void {
  let sum = 0;
  for (let i = 0; i < lengths.length; i++) {
    const n = lengths[i]!;
    if (!(Number.isInteger(n) && n >= 0)) return;
    sum += n;
  }
  if (sum !== piece.length) return;
  let at = base;
  for (let i = 0; i < lengths.length - 1; i++) {
    at += lengths[i]!;
    push(at);
  }
}

/** Code points of `s`, a lone surrogate counting one. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

/** A token list's edges inside [0, length], ascending and unique; anything else the tokenizer says is ignored. */
function pieceBoundaries(tokens: readonly Token[], length: number): number[] {
  const edges: number[] = [];
  for (const t of tokens) {
    for (const b of [t.start, t.end]) {
      if (Number.isInteger(b) && b > 0 && b < length) edges.push(b);
    }
  }
  let sorted = true;
  for (let i = 1; i < edges.length; i++) {
    if (edges[i]! < edges[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (!sorted) edges.sort((a, b) => a - b);
  return edges;
}

export interface Piece {
  text: string;
  /** Code-point offset of the piece inside the paragraph. */
  start: number;
  /** Code-point length of the piece. */
  length: number;
}

function isHigh(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}

function isLow(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}

/**
 * Cuts one paragraph (no "\n" in it) into pieces of at most `maxChunk` code points; never inside a
 * surrogate pair. Prefers a cut after sentence punctuation in the second half of the piece, then after a
 * comma or space there, then the last such cut anywhere, then a hard cut at `maxChunk`.
 */
export function* pieces(paragraph: string, maxChunk: number): Generator<Piece> {
  let unitStart = 0; // UTF-16 start of the current piece
  let cpStart = 0; // code-point start of the current piece
  let cp = 0; // code points in the current piece so far
  let sentence = { unit: -1, cp: 0 };
  let soft = { unit: -1, cp: 0 };
  let i = 0;
  while (i < paragraph.length) {
    if (cp === maxChunk) {
      const half = maxChunk / 2;
      let cut: { unit: number; cp: number };
      if (sentence.unit > 0 && sentence.cp >= half) cut = sentence;
      else if (soft.unit > 0 && soft.cp >= half) cut = soft;
      else if (sentence.unit > 0 || soft.unit > 0) cut = sentence.cp >= soft.cp ? sentence : soft;
      else cut = { unit: i, cp };
      yield { text: paragraph.slice(unitStart, cut.unit), start: cpStart, length: cut.cp };
      unitStart = cut.unit;
      cpStart += cut.cp;
      cp -= cut.cp;
      // A candidate after the cut stays one, counted from the new piece's start.
      const shift = (c: { unit: number; cp: number }) => (c.unit > cut.unit ? { unit: c.unit, cp: c.cp - cut.cp } : { unit: -1, cp: 0 });
      sentence = shift(sentence);
      soft = shift(soft);
    }
    const u = paragraph.charCodeAt(i);
    i += isHigh(u) && isLow(paragraph.charCodeAt(i + 1)) ? 2 : 1;
    cp++;
    if (SENTENCE_END.has(u)) sentence = { unit: i, cp };
    else if (SOFT_BREAK.has(u)) soft = { unit: i, cp };
  }
  if (unitStart < paragraph.length) yield { text: paragraph.slice(unitStart), start: cpStart, length: cp };
}
