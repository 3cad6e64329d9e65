/**
 * The structure of a report for navigation: section headings (an outline) and sentences. Offsets are code
 * points, end exclusive, like everywhere else. A "line" here ends at "\r\n", "\r" or "\n" (the terminator
 * belongs to no heading and no sentence); `paragraph` is the index of the "\n"-line (splitParagraphs).
 */
import { codePointLength } from './offsets.ts';

export type HeadingLevel = 1 | 2 | 3;

export interface Heading {
  level: HeadingLevel;
  /** The marker as written: 一、 （一） (一) 1. 1、 （1） 第一章 第一部分 -- */
  marker: string;
  /**
   * The heading for display: the marker plus the text up to the first sentence end (。！？；!?;, not
   * included) or the line end, trimmed; longer than TITLE_MAX code points it is cut and ends in "…".
   */
  title: string;
  /** Code points of the whole (uncut) heading text: slice(start, end) is `title` without the cut. */
  start: number;
  end: number;
  /** Index of the paragraph ("\n"-line) holding the heading. */
  paragraph: number;
}

export interface Sentence {
  start: number;
  end: number;
}

/** A heading marker found at the start of one line; start/end are code points within that line. */
export interface HeadingMarker {
  level: HeadingLevel;
  marker: string;
  start: number;
  end: number;
}

/** Longest heading title before it is cut with "…" (the "…" included). */
export const TITLE_MAX = 40;

/** Characters that end a sentence. Half-width "." is not one: it is the decimal point of 3.5%. */
export const SENTENCE_END: ReadonlySet<string> = new Set(['。', '！', '？', '；', '!', '?', ';']);

/** Closing quotes and brackets that stay with the sentence they follow (”。 is rare, 。” common). */
export const CLOSERS: ReadonlySet<string> = new Set([
  '”', '’', '」', '』', '）', ')', '】', '》', '〉', '］', ']', '〕', '｝', '}', '»', '›',
]);

/** Chinese numerals 1–99: 一 … 九, 十, 十一 … 十九, 二十 … 九十九. */
const CN_NUM = '(?:[一二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)';
/** Arabic list numbers 1–99, ASCII or full width. */
const AR_NUM = '(?:[0-9]{1,2}|[０-９]{1,2})';
/** Indentation allowed before a marker. */
const LEAD = '^[ \\t\\u3000\\u00a0]*';
/** What follows an Arabic "1." marker: a letter or an opening quote/bracket (so 1.5% and 3.5%以上 are no headings). */
const TEXT_AFTER = '(?=[ \\t\\u3000]*[\\p{L}"“‘「『《〈（(【\\[])';

/** Marker patterns in the order they are tried; group 1 is the marker. */
const MARKERS: readonly { level: HeadingLevel; re: RegExp }[] = [
  { level: 1, re: new RegExp(`${LEAD}(第(?:${CN_NUM}|[0-9]{1,2})(?:章|部分))`, 'u') },
  { level: 1, re: new RegExp(`${LEAD}(${CN_NUM}、)`, 'u') },
  // The seed's scrape replaced the 一、 二、 of its sections by "--": "--聚焦发展引擎升级,全力打赢三场大会战。"
  { level: 1, re: new RegExp(`${LEAD}(-{2,})(?=[\\p{L}"“「《（(])`, 'u') },
  { level: 2, re: new RegExp(`${LEAD}([（(]${CN_NUM}[）)])`, 'u') },
  { level: 3, re: new RegExp(`${LEAD}(${AR_NUM}[.．])${TEXT_AFTER}`, 'u') },
  { level: 3, re: new RegExp(`${LEAD}(${AR_NUM}、)(?=[ \\t\\u3000]*[\\p{L}\\p{N}"“‘「『《〈（(【\\[])`, 'u') },
  { level: 3, re: new RegExp(`${LEAD}([（(]${AR_NUM}[）)])(?=[ \\t\\u3000]*\\S)`, 'u') },
];

/**
 * The heading marker at the start of `line` (one line, no terminator), or null. Markers and the
 * indentation before them are BMP characters, so their UTF-16 and code-point offsets agree.
 */
export function matchHeading(line: string): HeadingMarker | null {
  for (const { level, re } of MARKERS) {
    const m = re.exec(line);
    if (m && m[1] !== undefined) {
      const end = m[0].length;
      return { level, marker: m[1], start: end - m[1].length, end };
    }
  }
  return null;
}

/** One line of a text: its content (no terminator), first code point, and "\n"-paragraph index. */
export interface TextLine {
  content: string;
  start: number;
  paragraph: number;
}

/** The lines of a text, split at "\r\n", "\r" and "\n"; an empty text has one empty line. */
export function textLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  const re = /\r\n|\r|\n/g;
  let unit = 0;
  let cp = 0;
  let paragraph = 0;
  for (;;) {
    const m = re.exec(text);
    const end = m ? m.index : text.length;
    const content = text.slice(unit, end);
    out.push({ content, start: cp, paragraph });
    if (!m) return out;
    cp += codePointLength(content) + m[0].length;
    if (m[0] !== '\r') paragraph++;
    unit = end + m[0].length;
  }
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u3000' || ch === '\u00a0' || ch === '\f' || ch === '\v';
}

/** Section headings at line starts, in document order. */
export function outline(text: string): Heading[] {
  const out: Heading[] = [];
  for (const line of textLines(text)) {
    const m = matchHeading(line.content);
    if (!m) continue;
    const chars = Array.from(line.content);
    let end = m.end;
    while (end < chars.length && !SENTENCE_END.has(chars[end]!)) end++;
    while (end > m.end && isSpace(chars[end - 1]!)) end--;
    const whole = chars.slice(m.start, end);
    const title = whole.length > TITLE_MAX ? whole.slice(0, TITLE_MAX - 1).join('') + '…' : whole.join('');
    out.push({
      level: m.level,
      marker: m.marker,
      title,
      start: line.start + m.start,
      end: line.start + end,
      paragraph: line.paragraph,
    });
  }
  return out;
}

/**
 * Sentences: each line is cut after every run of sentence ends (。！？；!?;) together with the closing
 * quotes/brackets and spaces that follow it, and at the line end. The sentences tile the text minus its
 * line terminators: none is empty, none crosses a line end. An ASCII '"' after a sentence end stays with
 * the sentence only when it closes a quote (an odd number of '"' precede it on the line).
 */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const line of textLines(text)) {
    const chars = Array.from(line.content);
    let from = 0;
    let quotes = 0;
    let i = 0;
    while (i < chars.length) {
      const ch = chars[i++]!;
      if (ch === '"') quotes++;
      if (!SENTENCE_END.has(ch)) continue;
      while (i < chars.length) {
        const next = chars[i]!;
        if (SENTENCE_END.has(next) || CLOSERS.has(next)) i++;
        else if (next === '"' && quotes % 2 === 1) {
          quotes++;
          i++;
        } else break;
      }
      while (i < chars.length && isSpace(chars[i]!)) i++;
      out.push({ start: line.start + from, end: line.start + i });
      from = i;
    }
    if (from < chars.length) out.push({ start: line.start + from, end: line.start + chars.length });
  }
  return out;
}
