/**
 * CoNLL, one character per line: `char<TAB>TAG`, a blank line between sentences (MSRA, People's Daily,
 * Weibo NER and most Chinese NER sets look like this).
 *
 * OFFSET RULE: one line per CODE POINT (never per UTF-16 unit): 𠀀 and 😀 are one line each and no
 * surrogate pair is ever split. A METRIC 1980亩以上 is `1 B-METRIC`, then 980亩以上 as six `I-METRIC`.
 *
 * Export (`writeConll`):
 *  - Every document starts with `-DOCSTART-<TAB>O` and a blank line (the CoNLL 2003 convention, which
 *    Hugging Face's conll2003 reader and most others skip), then its paragraphs: the text is cut at
 *    every "\n", each paragraph's characters are written one a line, and each paragraph (an empty one
 *    too) is followed by one blank line. A "\n" is never written as a character line; it IS the blank
 *    line. Nothing else cuts sentences (not 。！？): one paragraph is one sentence of the file, so the
 *    import below gives the text back exactly.
 *  - Characters that cannot stand on a line of their own, because readers split or trim at them, are
 *    written as `<U+XXXX>` (four to six upper-case hex digits): white space of JavaScript's `\s` or
 *    Python's `str.isspace` (space, TAB, U+3000, NBSP, U+2028, BOM, ...), control characters (so "\r"
 *    of CRLF text is `<U+000D>`), and lone surrogates, which UTF-8 cannot hold. A full-width space
 *    inside a span is `<U+3000><TAB>I-X`.
 *  - Tags per `options.scheme` (default `bio`, see core/tagging). CoNLL holds one tag per character, so
 *    nested and overlapping spans are flattened by `options.nested` (core/nesting): `outer` (default)
 *    or `inner`, or `split`: one file per label, `<base>.<LABEL>.conll`, each with every document and
 *    that label's spans (flattened `outer` within the label); with no spans at all, one `<base>.conll`.
 *    Every dropped span is a line of the report. So is every span that contains a "\n": a sentence
 *    break cannot sit inside a span, so such a span is dropped (not cut in two).
 *  - A label with white space would break the line: it is written with `_` instead (reported).
 *  - Document titles and ids are not written (CoNLL has no place for them).
 *
 * Import (`parseConll`, `readConll`):
 *  - A line is `TOKEN<TAB>...<TAB>TAG` (TAB-separated when the line has a TAB, else separated by
 *    spaces); the token is the first field and the tag the last, so four-column CoNLL 2003 reads too.
 *    `<U+XXXX>` in a token is the character it names. CR LF line ends and a byte-order mark are fine.
 *    Lines of white space only are blank lines.
 *  - With `-DOCSTART-` lines (first field): a document runs from one to the next; the blank line right
 *    after the marker is skipped, every further blank line ends a paragraph, and paragraphs join with
 *    "\n" (so a file written above comes back document for document). Tokens before the first marker,
 *    if any, are a document too.
 *  - Without them (MSRA and most Chinese sets): every sentence, a run of token lines between blank
 *    lines, is a document of its own.
 *  - Documents are titled `<file> #<n>` (n counts documents from 1).
 *  - Characters or words: when every token of the FILE is one character (one code point, or one
 *    grapheme such as 👍🏽), the text is the tokens joined as they are (character CoNLL). When any token
 *    is longer (word CoNLL, e.g. English `JAPAN<TAB>B-LOC`), the text joins each sentence's tokens with
 *    one space, and a span covers its tokens and the spaces between them (`Nadim Ladki` [0,11)).
 *  - The scheme is detected from all the tags of the file (core/tagging detectScheme); tags are read
 *    tolerantly (I- without B- begins a span, BILUO's L-/U- read, `B-PER.NAM` is label PER.NAM). Those
 *    oddities are not errors: they are the result's `notes` (`file:line: message`).
 *  - Errors (every one listed, nothing imported): a line with a token and no tag, a line with no
 *    token before its TAB, a tag that is not `O` or a prefix B/I/M/E/L/S/U with "-" and a label
 *    (`X-PER`), and a `<U+XXXX>` that names no code point.
 */
import { OffsetMap, codePointLength } from '../core/offsets.ts';
import { byLabel, describeDropped, flatten } from '../core/nesting.ts';
import { compareSpans, type Span } from '../core/spans.ts';
import { detectScheme, parseTag, spansToTags, tagsToSpans, type TagScheme } from '../core/tagging.ts';
import { safeName } from './brat.ts';
import {
  readEach,
  type DataFile,
  type DatasetDocument,
  type DatasetSpan,
  type ExportDocument,
  type ExportOptions,
  type ExportResult,
  type Format,
  type FormatError,
  type ParseResult,
} from './types.ts';
import { encodeUtf8, utf8File, Utf8Writer } from './utf8.ts';
import { verifyForExport } from './verify.ts';

export const DOCSTART = '-DOCSTART-';

// ---------------------------------------------------------------------------------------------------
// Shared with conll-words and hf: escapes, labels, flattening, file names

/** A code point that may not stand as written on a CoNLL line. */
const NEEDS_ESCAPE = /^[\s\p{Cc}\p{Cs}\x1c-\x1f\x85]$/u;

/** `<U+XXXX>` for a code point that cannot be written as it is; the code point itself otherwise. */
export function escapeChar(ch: string): string {
  // Fast path for the common case, Chinese text: above U+00FF only a few white-space characters and
  // lone surrogates need escaping, and the regular expression costs more than the rest of the export.
  const c = ch.charCodeAt(0);
  if (c > 0xff && ch.length === 1 && plainUnit(c)) return ch;
  return NEEDS_ESCAPE.test(ch) ? `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>` : ch;
}

/** Escapes every code point of `token` that needs it (a word of conll-words). */
export function escapeToken(token: string): string {
  let out = '';
  for (const ch of token) out += escapeChar(ch);
  return out;
}

const ESCAPE = /<U\+([0-9A-Fa-f]{4,6})>/g;

/** The token with its `<U+XXXX>` escapes replaced, or null when one names no code point. */
export function unescapeToken(token: string): string | null {
  let bad = false;
  const out = token.replace(ESCAPE, (_, hex: string) => {
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) {
      bad = true;
      return '';
    }
    // Lone surrogates come back as the UTF-16 unit they were.
    return cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  });
  return bad ? null : out;
}

/** A label as it can stand in a tag of a whitespace-separated line. */
export function lineLabel(label: string): string {
  return label.replace(/[\s\p{Cc}\x1c-\x1f\x85]/gu, '_');
}

/** The labels of `docs` that `lineLabel` changes, one report line each. */
export function renamedLabels(docs: readonly ExportDocument[]): string[] {
  const renamed = new Map<string, string>();
  for (const d of docs) for (const s of d.spans) if (lineLabel(s.label) !== s.label) renamed.set(s.label, lineLabel(s.label));
  return [...renamed].map(([l, w]) => `label ${JSON.stringify(l)} written as ${JSON.stringify(w)}: a tag cannot contain white space`);
}

export interface ExportSettings {
  scheme: TagScheme;
  nested: 'outer' | 'inner' | 'split';
  baseName: string;
}

export function settingsOf(options: ExportOptions | undefined): ExportSettings {
  return { scheme: options?.scheme ?? 'bio', nested: options?.nested ?? 'outer', baseName: options?.baseName ?? 'dataset' };
}

/** One line of the report for a span the format cannot hold at all. */
export function droppedLine(doc: ExportDocument, s: Span, why: string): string {
  return `${JSON.stringify(doc.title)}: dropped ${s.label} [${s.start},${s.end}) 「${s.text}」: ${why}`;
}

/**
 * The parts of one export, each a file: `[{suffix: '', pick}]` for `outer`/`inner`, or one per label for
 * `split` (`suffix` `.LABEL`, made a safe and unique file name part). `pick` gives the spans of one
 * document that go into that part, flattened, and adds a report line for every span dropped.
 */
export function exportParts(
  docs: readonly ExportDocument[],
  nested: 'outer' | 'inner' | 'split',
  candidates: (doc: ExportDocument) => readonly Span[],
): { suffix: string; pick: (doc: ExportDocument, report: string[]) => Span[] }[] {
  if (nested !== 'split') {
    return [
      {
        suffix: '',
        pick: (doc, report) => {
          const { kept, dropped } = flatten(candidates(doc), nested);
          report.push(...describeDropped(doc.title, dropped));
          return kept;
        },
      },
    ];
  }
  const labels = new Set<string>();
  for (const d of docs) for (const s of candidates(d)) labels.add(s.label);
  if (labels.size === 0) return [{ suffix: '', pick: () => [] }];
  const used = new Set<string>();
  return [...labels].sort().map((label) => {
    const base = safeName(label);
    let part = base;
    for (let n = 2; used.has(part.toLowerCase()); n++) part = `${base}-${n}`;
    used.add(part.toLowerCase());
    return {
      suffix: `.${part}`,
      pick: (doc, report) => {
        const { kept, dropped } = flatten(byLabel(candidates(doc)).get(label) ?? [], 'outer');
        report.push(...describeDropped(doc.title, dropped).map((l) => `${label} file: ${l}`));
        return kept;
      },
    };
  });
}

/** Code-point positions of "\n" in a text. */
export function newlinePositions(text: string): number[] {
  const out: number[] = [];
  let cp = 0;
  for (const ch of text) {
    if (ch === '\n') out.push(cp);
    cp++;
  }
  return out;
}

/** Whether [start, end) holds one of the ascending `positions`. */
export function holdsAny(positions: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < positions.length && positions[lo]! < end;
}

/** A line of a CoNLL document: a token with its tag, or the end of a paragraph. */
export type ConllItem = { token: string; tag: string } | null;

/** `-DOCSTART-<TAB>O`, a blank line, then the items; every paragraph (the last too) ends in a blank line. */
export function conllDocument(items: Iterable<ConllItem>): string {
  let out = `${DOCSTART}\tO\n\n`;
  for (const item of items) out += item === null ? '\n' : `${item.token}\t${item.tag}\n`;
  return out + '\n';
}

// ---------------------------------------------------------------------------------------------------
// Export

/**
 * One document as conllDocument writes it, a line per character, into `out`. A dataset has millions of
 * characters, so nothing is made per character: each tag's `<TAB>tag<LF>` is encoded once, and a
 * character is its UTF-8 bytes followed by those; line breaks and characters that need an escape are
 * written as conllDocument would.
 */
export function writeCharacterDocument(out: Utf8Writer, text: string, tags: readonly string[], lineEnds: LineEnds): void {
  out.raw(lineEnds.docstart);
  let i = 0; // code point index
  let tag: string | undefined;
  let end = lineEnds.blank;
  for (let u = 0; u < text.length; i++) {
    const c = text.charCodeAt(u);
    if (c === 0x0a) {
      out.raw(lineEnds.blank);
      u++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length && isLow(text.charCodeAt(u + 1))) {
      out.codePoint(text.codePointAt(u)!);
      u += 2;
    } else {
      if (plainUnit(c)) out.codePoint(c);
      else out.text(escapeChar(text[u]!));
      u++;
    }
    if (tags[i] !== tag) end = lineEnds.of((tag = tags[i]!));
    out.raw(end);
  }
  out.raw(lineEnds.blank);
}

/** The encoded line ends of a file: `<TAB>tag<LF>` per tag, made once each. */
export class LineEnds {
  readonly docstart = encodeUtf8(`${DOCSTART}\tO\n\n`);
  readonly blank = encodeUtf8('\n');
  readonly #tags = new Map<string, Uint8Array>();

  of(tag: string): Uint8Array {
    let bytes = this.#tags.get(tag);
    if (!bytes) this.#tags.set(tag, (bytes = encodeUtf8(`\t${tag}\n`)));
    return bytes;
  }
}

/** One document's lines as text (writeCharacterDocument's output, decoded). */
export function characterDocument(text: string, tags: readonly string[]): string {
  const out = new Utf8Writer(text.length * 8);
  writeCharacterDocument(out, text, tags, new LineEnds());
  return new TextDecoder().decode(out.result());
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Latin-1 code units written as they are (not a line break, not escaped), by escapeChar's rule. */
const PLAIN_LATIN1 = Array.from({ length: 0x100 }, (_, c) => c !== 0x0a && escapeChar(String.fromCharCode(c)) === String.fromCharCode(c));

/** Whether a single UTF-16 unit (no surrogate pair) is written as it is: escapeChar's fast path. */
function plainUnit(c: number): boolean {
  if (c <= 0xff) return PLAIN_LATIN1[c]!;
  return c !== 0x1680 && !(c >= 0x2000 && c <= 0x200a) && c !== 0x2028 && c !== 0x2029 && c !== 0x202f && c !== 0x205f && c !== 0x3000 && c !== 0xfeff && !(c >= 0xd800 && c <= 0xdfff);
}

export function writeConll(docs: ExportDocument[], options?: ExportOptions): ExportResult {
  verifyForExport(docs);
  const { scheme, nested, baseName } = settingsOf(options);
  const report: string[] = [];
  // Spans holding a "\n" cannot be written (the newline is a sentence break): dropped first, so that
  // they push nothing else out when flattening.
  const representable = new Map<ExportDocument, Span[]>();
  for (const doc of docs) {
    const breaks = newlinePositions(doc.text);
    const ok: Span[] = [];
    for (const s of [...doc.spans].sort(compareSpans)) {
      if (holdsAny(breaks, s.start, s.end)) report.push(droppedLine(doc, s, 'contains a line break, which ends a CoNLL sentence'));
      else ok.push(s);
    }
    representable.set(doc, ok);
  }
  report.push(...renamedLabels(docs));
  const files: DataFile[] = [];
  const lineEnds = new LineEnds();
  const size = docs.reduce((n, d) => n + d.text.length, 0) * 6; // a CJK character with O; more grows the buffer
  for (const part of exportParts(docs, nested, (d) => representable.get(d)!)) {
    const out = new Utf8Writer(size);
    for (const doc of docs) {
      const length = new OffsetMap(doc.text).length;
      const spans = part.pick(doc, report).map((s) => ({ start: s.start, end: s.end, label: lineLabel(s.label) }));
      writeCharacterDocument(out, doc.text, spansToTags(length, spans, scheme), lineEnds);
    }
    files.push(utf8File(`${baseName}${part.suffix}.conll`, out.result()));
  }
  return { files, report };
}

// ---------------------------------------------------------------------------------------------------
// Import

type Line =
  | { kind: 'blank'; line: number }
  | { kind: 'docstart'; line: number }
  | { kind: 'token'; line: number; token: string; tag: string };

/** What `readConll` found: the documents or errors, and the tag oddities read anyway (`file:line: ...`). */
export interface ConllRead {
  result: ParseResult;
  notes: string[];
}

function readLines(content: string, file: string, errors: FormatError[]): Line[] {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const out: Line[] = [];
  raw.forEach((l, k) => {
    const line = k + 1;
    const s = l.endsWith('\r') ? l.slice(0, -1) : l;
    if (s.trim() === '') {
      out.push({ kind: 'blank', line });
      return;
    }
    // A TAB-separated token of white space only is that character (` <TAB>O`); any other token and
    // every tag lose the white space around them.
    const fields = s.includes('\t') ? s.split('\t').map((f, i) => (i === 0 && f.trim() === '' ? f : f.trim())) : s.trim().split(/ +/);
    if (fields[0] === DOCSTART) {
      out.push({ kind: 'docstart', line });
      return;
    }
    const rawToken = fields[0]!;
    const tag = fields.length > 1 ? fields[fields.length - 1]! : '';
    if (rawToken === '') {
      errors.push({ file, line, message: `no character before the tag ${JSON.stringify(tag)}` });
      return;
    }
    if (tag === '') {
      errors.push({ file, line, message: `${JSON.stringify(rawToken)} has no tag (a line is "character<TAB>TAG")` });
      return;
    }
    const token = unescapeToken(rawToken);
    if (token === null) {
      errors.push({ file, line, message: `${JSON.stringify(rawToken)}: <U+…> names no code point (at most U+10FFFF)` });
      return;
    }
    if (parseTag(tag) === null) {
      errors.push({ file, line, message: `unknown tag ${JSON.stringify(tag)}: a tag is O, or B/I/M/E/L/S/U, "-" and a label` });
      return;
    }
    out.push({ kind: 'token', line, token, tag });
  });
  return out;
}

type Token = Extract<Line, { kind: 'token' }>;

let graphemes: Intl.Segmenter | undefined;

/**
 * Whether the tokens of a file are words rather than characters: some token is more than one
 * character. A token of several code points that is ONE grapheme (👍🏽, 🇨🇳, e + combining accent), as
 * tools that cut text into user-perceived characters write, does not count.
 */
export function isWordFile(tokens: Iterable<string>): boolean {
  for (const t of tokens) {
    if (codePointLength(t) <= 1) continue;
    if (typeof Intl.Segmenter !== 'function') return true; // no grapheme data: several code points make a word
    graphemes ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
    let n = 0;
    for (const _ of graphemes.segment(t)) if (++n > 1) return true;
  }
  return false;
}

/** The documents of a file, each a list of paragraphs of tokens (see the header for the grammar). */
function documentsOf(lines: readonly Line[]): Token[][][] {
  const docs: Token[][][] = [];
  if (!lines.some((l) => l.kind === 'docstart')) {
    let sentence: Token[] = [];
    for (const l of lines) {
      if (l.kind === 'token') sentence.push(l);
      else if (sentence.length > 0) {
        docs.push([sentence]);
        sentence = [];
      }
    }
    if (sentence.length > 0) docs.push([sentence]);
    return docs;
  }
  let paragraphs: Token[][] = [];
  let current: Token[] = [];
  let started = false; // inside a document opened by a marker (else: tokens before the first marker)
  let skipBlank = false;
  const finish = () => {
    if (current.length > 0) paragraphs.push(current);
    if (started || paragraphs.length > 0) docs.push(paragraphs);
    paragraphs = [];
    current = [];
  };
  for (const l of lines) {
    if (l.kind === 'docstart') {
      finish();
      started = true;
      skipBlank = true;
    } else if (l.kind === 'blank') {
      if (skipBlank) skipBlank = false;
      else if (started || current.length > 0) {
        paragraphs.push(current);
        current = [];
      }
    } else {
      skipBlank = false;
      current.push(l);
    }
  }
  finish();
  return docs;
}

export function readConllFile(content: string, file: string): ConllRead {
  const errors: FormatError[] = [];
  const lines = readLines(content, file, errors);
  if (errors.length > 0) return { result: { ok: false, errors }, notes: [] };
  const tokens = lines.filter((l): l is Token => l.kind === 'token');
  const words = isWordFile(tokens.map((t) => t.token));
  const scheme = detectScheme(tokens.map((t) => t.tag));
  const notes: string[] = [];
  const documents: DatasetDocument[] = documentsOf(lines).map((paragraphs, d) => {
    const spans: DatasetSpan[] = [];
    const texts: string[] = [];
    let offset = 0; // code points of the document before this paragraph
    for (const p of paragraphs) {
      const starts: number[] = [];
      const ends: number[] = [];
      let cp = offset;
      p.forEach((t, k) => {
        if (words && k > 0) cp++;
        starts.push(cp);
        cp += codePointLength(t.token);
        ends.push(cp);
      });
      const text = p.map((t) => t.token).join(words ? ' ' : '');
      const { spans: found, problems } = tagsToSpans(
        p.map((t) => t.tag),
        scheme,
      );
      for (const pr of problems) notes.push(`${file}:${p[pr.index]!.line}: ${pr.message}`);
      const map = new OffsetMap(text);
      for (const s of found) {
        const start = starts[s.start]!;
        const end = ends[s.end - 1]!;
        spans.push({ start, end, label: s.label, text: map.slice(start - offset, end - offset) });
      }
      texts.push(text);
      offset = cp + 1; // the "\n"
    }
    return { title: `${file} #${d + 1}`, text: texts.join('\n'), spans };
  });
  return { result: { ok: true, documents }, notes };
}

/** One CoNLL file: its documents, or every error in it. */
export function parseConll(content: string, fileName: string): ParseResult {
  return readConllFile(content, fileName).result;
}

/** Reads CoNLL files; the result joins all files (all documents, or all errors), notes in file order. */
export function readConll(files: readonly DataFile[]): ConllRead {
  const notes: string[] = [];
  const result = readEach(files, (content, name) => {
    const r = readConllFile(content, name);
    notes.push(...r.notes);
    return r.result;
  });
  return { result, notes };
}

export const conll: Format = {
  id: 'conll',
  name: 'CoNLL (one character a line)',
  extension: 'conll',
  nesting: false,
  relations: false,
  read: (files) => {
    const { result, notes } = readConll(files);
    return notes.length > 0 ? { ...result, notes } : result;
  },
  write: writeConll,
};
