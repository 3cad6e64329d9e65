/**
 * CoNLL over words (export only): one jieba word a line, `word<TAB>TAG`, tags per `options.scheme`
 * (default `bio`) over WORDS, for word-level taggers.
 *
 * Words come from `options.words`: per document id, the ascending code-point boundaries of its
 * segmentation (core Boundaries, 0 … text length), as the segmenter gives them. A document without
 * them, or with boundaries that do not fit its text, is an Error naming the document (segment it
 * first): this format never guesses words.
 *
 * Layout as in conll.ts: `-DOCSTART-<TAB>O` and a blank line before every document, a blank line
 * after every paragraph (each "\n" ends one, and is a word boundary whatever the boundaries say),
 * characters that cannot stand on a line written `<U+XXXX>` inside the word. Words of white space
 * only (spaces, U+3000, "\r" of CRLF) are not written.
 *
 * Spans: a span whose start or end is not a word boundary cannot be given to whole words. It is
 * DROPPED, never stretched or shrunk to the words, and a report line names it and the word it cuts:
 * `"报告": dropped METRIC [213,219) 「980亩以上」: does not start on a word boundary (word 「1980」)`.
 * So is a span holding a "\n" (a sentence break) or only white space. The spans left are then
 * flattened by `options.nested` as in conll.ts (report lines for every span dropped), `split` giving
 * one file per label. Files: `<base>.conll` or `<base>.<LABEL>.conll`.
 */
import { OffsetMap } from '../core/offsets.ts';
import { compareSpans, type Span } from '../core/spans.ts';
import { spansToTags, type TaggedSpan } from '../core/tagging.ts';
import {
  conllDocument,
  droppedLine,
  escapeToken,
  exportParts,
  lineLabel,
  renamedLabels,
  settingsOf,
  type ConllItem,
} from './conll.ts';
import type { DataFile, ExportDocument, ExportOptions, ExportResult, Format } from './types.ts';
import { verifyForExport } from './verify.ts';

interface Word {
  start: number;
  end: number;
  text: string;
  /** Index among the written words, or -1 for a "\n" or a word of white space only. */
  index: number;
}

function docName(doc: ExportDocument): string {
  return `document ${JSON.stringify(doc.title)} (id ${doc.id})`;
}

/** The words of a document: the boundaries, plus both sides of every "\n". */
function wordsOf(doc: ExportDocument, map: OffsetMap, boundaries: Uint32Array | undefined): Word[] {
  if (boundaries === undefined) {
    throw new Error(`conll-words: no word boundaries for ${docName(doc)}: segment it before exporting`);
  }
  const n = map.length;
  const ok =
    boundaries.length >= 1 &&
    boundaries[0] === 0 &&
    boundaries[boundaries.length - 1] === n &&
    boundaries.every((b, i) => i === 0 || b > boundaries[i - 1]!);
  if (!ok) {
    throw new Error(
      `conll-words: the word boundaries of ${docName(doc)} do not fit its text of ${n} code points ` +
        `(they must rise from 0 to ${n}); segment it again`,
    );
  }
  const cuts = new Set<number>(boundaries);
  const chars = Array.from(map.text);
  chars.forEach((ch, i) => {
    if (ch === '\n') cuts.add(i).add(i + 1);
  });
  const sorted = [...cuts].sort((a, b) => a - b);
  const words: Word[] = [];
  let index = 0;
  for (let k = 0; k + 1 < sorted.length; k++) {
    const start = sorted[k]!;
    const end = sorted[k + 1]!;
    const text = chars.slice(start, end).join('');
    const written = text !== '\n' && !/^\s+$/u.test(text);
    words.push({ start, end, text, index: written ? index++ : -1 });
  }
  return words;
}

/** Index in `words` of the word holding code point `cp`. */
function wordAt(words: readonly Word[], cp: number): number {
  let lo = 0;
  let hi = words.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (words[mid]!.start <= cp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Why a span cannot be given to whole written words, or its written-word range. */
function placeOnWords(words: readonly Word[], s: Span): { why: string } | { start: number; end: number } {
  const first = wordAt(words, s.start);
  const last = wordAt(words, s.end - 1);
  const inside = words.slice(first, last + 1);
  if (inside.some((w) => w.text === '\n')) return { why: 'contains a line break, which ends a CoNLL sentence' };
  const badStart = words[first]!.start !== s.start;
  const badEnd = words[last]!.end !== s.end;
  const q = (w: Word) => `「${w.text}」`;
  if (badStart && badEnd) {
    return first === last
      ? { why: `does not start or end on a word boundary (word ${q(words[first]!)})` }
      : { why: `does not start or end on a word boundary (words ${q(words[first]!)} and ${q(words[last]!)})` };
  }
  if (badStart) return { why: `does not start on a word boundary (word ${q(words[first]!)})` };
  if (badEnd) return { why: `does not end on a word boundary (word ${q(words[last]!)})` };
  const written = inside.filter((w) => w.index >= 0);
  if (written.length === 0) return { why: 'holds only white space, which is not written' };
  return { start: written[0]!.index, end: written[written.length - 1]!.index + 1 };
}

export function writeConllWords(docs: ExportDocument[], options?: ExportOptions): ExportResult {
  verifyForExport(docs);
  const { scheme, nested, baseName } = settingsOf(options);
  const report: string[] = [];
  const prepared = new Map<ExportDocument, { words: Word[]; spans: Span[]; place: Map<Span, { start: number; end: number }> }>();
  for (const doc of docs) {
    const words = wordsOf(doc, new OffsetMap(doc.text), options?.words?.get(doc.id));
    const spans: Span[] = [];
    const place = new Map<Span, { start: number; end: number }>();
    for (const s of [...doc.spans].sort(compareSpans)) {
      const p = placeOnWords(words, s);
      if ('why' in p) report.push(droppedLine(doc, s, p.why));
      else {
        spans.push(s);
        place.set(s, p);
      }
    }
    prepared.set(doc, { words, spans, place });
  }
  report.push(...renamedLabels(docs));

  const files: DataFile[] = [];
  for (const part of exportParts(docs, nested, (d) => prepared.get(d)!.spans)) {
    let content = '';
    for (const doc of docs) {
      const { words, place } = prepared.get(doc)!;
      const onWords: TaggedSpan[] = part.pick(doc, report).map((s) => ({ ...place.get(s)!, label: lineLabel(s.label) }));
      const count = words.reduce((n, w) => (w.index >= 0 ? n + 1 : n), 0);
      const tags = spansToTags(count, onWords, scheme);
      const items: ConllItem[] = [];
      for (const w of words) {
        if (w.text === '\n') items.push(null);
        else if (w.index >= 0) items.push({ token: escapeToken(w.text), tag: tags[w.index]! });
      }
      content += conllDocument(items);
    }
    files.push({ name: `${baseName}${part.suffix}.conll`, content });
  }
  return { files, report };
}

export const conllWords: Format = {
  id: 'conll-words',
  name: 'CoNLL (one jieba word a line)',
  extension: 'conll',
  nesting: false,
  relations: false,
  write: writeConllWords,
};
