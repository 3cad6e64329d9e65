/**
 * Word boundaries of a whole text from a tokenizer that only ever sees short pieces of it.
 *
 * The text is cut into paragraphs (splitParagraphs: every "\n"), and paragraphs longer than `maxChunk`
 * code points are cut further, preferably right after sentence punctuation (。！？；), so that no single
 * tokenizer call takes long and progress can be reported. jieba already treats punctuation as a
 * separator, so cutting there does not change its result; a hard cut (a run of `maxChunk` code points
 * with no punctuation or space at all) adds one boundary that jieba might not have made.
 *
 * Pure: no jieba import here, the tokenizer is passed in (the worker passes jieba-wasm/web, the CLI and
 * tests jieba-wasm/node or a fake).
 */
import { splitParagraphs } from '../core/document.ts';
import type { Token } from '../core/tokens.ts';

/** Tokenizes one piece of text; offsets are code points of that piece, end exclusive. */
export type Tokenize = (text: string) => readonly Token[];

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

  const out: number[] = [0];
  let last = 0;
  const push = (b: number): void => {
    if (b > last) {
      out.push(b);
      last = b;
    }
  };
  let reported = 0;

  for (const p of paragraphs) {
    push(p.start);
    const paragraph = text.slice(p.unitStart, p.unitEnd);
    for (const piece of pieces(paragraph, maxChunk)) {
      const base = p.start + piece.start;
      for (const b of pieceBoundaries(tokenize(piece.text), piece.length)) push(base + b);
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
  return Uint32Array.from(out);
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
