/**
 * spaCy training data (https://spacy.io/api/data-formats).
 *
 * OFFSET RULE: character offsets are Python string indices, i.e. CODE POINTS, end EXCLUSIVE, which is
 * what `doc.char_span(start, end, label)` takes in spaCy v3 training scripts. '𠀀利安隆' tags 利安隆 as
 * [1, 4, "ORG"].
 *
 * Export: JSON lines, one per document, `{"text", "entities": [[start, end, "LABEL"], …]}`, entities in
 * document order; id and title are not written (spaCy's scripts read only text and entities).
 * spaCy entities cannot overlap (`doc.ents` refuses it), so ExportOptions.nested applies:
 *  - `outer` (default): spans in compareSpans order, each kept unless it overlaps one kept before it:
 *    an enclosing span beats what it encloses, and of two crossing spans the earlier one wins;
 *  - `inner`: the same, shortest spans first: innermost spans win, of crossing ones the shorter;
 *  - `split`: one file per label, `<baseName>.<LABEL>.jsonl`, each holding every document with that
 *    label's spans only (labels in code-unit order; characters that cannot be in a file name become
 *    `_`); overlapping spans of the same label are flattened as `outer`. With no span at all, a single
 *    `<baseName>.jsonl`.
 * Every dropped span gets one report line: `doc "T": dropped METRIC [3,7) inside TARGET [0,9)` (the
 * relation is `inside`, `containing`, `same range as` or `crossing`; under `split` followed by
 * ` in <file name>`). The flattening is a private helper here, with the semantics of core/nesting.ts's
 * `flatten`, which may replace it.
 *
 * Import reads, told apart by content (and the `.iob`/`.conll` file name extensions):
 *  1. that JSON lines form (`id` and `title` read when present, other keys ignored);
 *  2. spaCy v2's JSON training format, `[{id, paragraphs: [{raw?, sentences: [{tokens: [{orth, ner, …}]}]}]}]`
 *     (or one such object): one document per paragraph, as spaCy makes one example per paragraph.
 *     The text is `raw` when given (tokens are found in it in order, white space between them
 *     skipped); else the tokens' `orth`, each followed by its `space` (v3's docs_to_json) or
 *     `whitespace`, or by one space when the token says nothing (no space after the last token).
 *     Entities come from the BILUO `ner` tags (B-, I-, L-, U-, O; `-` and a missing tag count as O),
 *     checked strictly: an I-/L- without its B-, a B- left open, a label changing mid-entity are
 *     errors naming the token. Paragraph-level `entities`, `cats`, `links` and `brackets` are ignored.
 *     Document id: the doc's id, `<id>#<n>` for the n-th paragraph of a doc with several;
 *  3. IOB text as `spacy convert` reads it, detected as spaCy does from the first 20 lines:
 *     - token per line ("ner" converter, CoNLL-2003 style, as ner-token-per-line.iob): `word TAG` or
 *       `word POS … TAG` (white space separated, the tag last), blank lines between sentences,
 *       `-DOCSTART-` lines between documents; without any `-DOCSTART-` every sentence is a document;
 *     - sentence per line ("iob" converter): `word|TAG` or `word|POS|TAG` tokens separated by white
 *       space; each line is a document.
 *     Tags are IOB1 or IOB2 (B-X, I-X, O; an I-X after O or another label starts an entity), entities
 *     end with their sentence. The text is the words joined by single spaces, as spaCy's
 *     Doc(words=…) makes it; titles are `<file name> #<line of the first token>`.
 * spaCy v3's binary `.spacy` (DocBin) files are not read.
 */
import { z } from 'zod';
import { codePointLength, OffsetMap } from '../core/offsets.ts';
import { type Span } from '../core/spans.ts';
import { describeDropped, flatten } from '../core/nesting.ts';
import { describeValue, fieldError, isPlainObject, issuePath, missingOr, parseLocatedJson, readJsonLines, stripBom, type JsonPath } from './json-source.ts';
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
import { verifyForExport } from './verify.ts';

// ---------------------------------------------------------------------------------------------------
// Schemas

const offset = z.int({ error: missingOr('a whole number of code points') }).min(0, { error: 'must not be negative' });
const labelName = z.string({ error: missingOr('a label name (string)') }).min(1, { error: 'label name is empty' });

/** One line of spaCy JSONL. Unknown keys are allowed and dropped. */
export const spacyRecordSchema = z.object(
  {
    id: z.union([z.string(), z.number()], { error: missingOr('a string or number') }).nullish(),
    title: z.string({ error: missingOr('a string') }).nullish(),
    text: z.string({ error: missingOr('the document text (string)') }),
    entities: z
      .array(
        z.tuple([offset, offset, labelName], { error: (iss) => `must be [start, end, "LABEL"], not ${describeValue(iss.input)}` }),
        { error: missingOr('a list of [start, end, "LABEL"]') },
      )
      .optional(),
  },
  { error: (iss) => `a record must be a JSON object, not ${describeValue(iss.input)}` },
);

const spaceAfter = z
  .union([z.string().regex(/^\s*$/, { error: 'must be white space' }), z.boolean()], {
    error: missingOr('the white space after the token (string)'),
  })
  .nullish();

const v2Token = z.object(
  {
    orth: z.string({ error: missingOr('the token text (string)') }).min(1, { error: 'token text is empty' }),
    ner: z.string({ error: missingOr('a BILUO tag (string)') }).nullish(),
    space: spaceAfter,
    whitespace: spaceAfter,
  },
  { error: (iss) => `a token must be an object {orth, ner, …}, not ${describeValue(iss.input)}` },
);

const v2Paragraph = z.object(
  {
    raw: z.string({ error: missingOr('the paragraph text (string)') }).nullish(),
    sentences: z.array(
      z.object(
        { tokens: z.array(v2Token, { error: missingOr('a list of tokens') }) },
        { error: (iss) => `a sentence must be an object {tokens}, not ${describeValue(iss.input)}` },
      ),
      { error: missingOr('a list of sentences') },
    ),
  },
  { error: (iss) => `a paragraph must be an object {raw, sentences}, not ${describeValue(iss.input)}` },
);

/** One document of spaCy v2's JSON training format; its paragraphs are checked one by one (v2Paragraph). */
export const spacyJsonDocSchema = z.object(
  {
    id: z.union([z.int(), z.string()], { error: missingOr('a number or string') }).nullish(),
    paragraphs: z.array(z.unknown(), { error: missingOr('a list of paragraphs') }),
  },
  { error: (iss) => `a document must be an object {id, paragraphs}, not ${describeValue(iss.input)}` },
);

type V2Paragraph = z.infer<typeof v2Paragraph>;

// ---------------------------------------------------------------------------------------------------
// Import: JSON lines

function jsonlDocument(value: unknown, line: number, file: string, errors: FormatError[]): DatasetDocument | null {
  const err = (path: JsonPath, message: string) =>
    errors.push(fieldError(file, line, path, message));
  const result = spacyRecordSchema.safeParse(value);
  if (!result.success) {
    for (const iss of result.error.issues) err(issuePath(iss.path), iss.message);
    return null;
  }
  const rec = result.data;
  const map = new OffsetMap(rec.text);
  const spans: DatasetSpan[] = [];
  let ok = true;
  rec.entities?.forEach(([start, end, label], k) => {
    if (end <= start) {
      err(['entities', k, 1], `end ${end} is not after start ${start} (end is exclusive)`);
      ok = false;
    } else if (end > map.length) {
      err(['entities', k, start >= map.length ? 0 : 1], `span [${start}, ${end}) goes beyond the text, which is ${map.length} code points long`);
      ok = false;
    } else {
      spans.push({ start, end, label, text: map.slice(start, end) });
    }
  });
  if (!ok) return null;
  const id = rec.id === null || rec.id === undefined ? undefined : String(rec.id);
  return { ...(id !== undefined ? { id } : {}), title: rec.title ? rec.title : (id ?? `${file} #${line}`), text: rec.text, spans };
}

function parseJsonl(content: string, file: string): ParseResult {
  const errors: FormatError[] = [];
  const documents: DatasetDocument[] = [];
  for (const { value, line } of readJsonLines(content, file, errors)) {
    const doc = jsonlDocument(value, line, file, errors);
    if (doc) documents.push(doc);
  }
  return finish(documents, errors);
}

function finish(documents: DatasetDocument[], errors: FormatError[]): ParseResult {
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line); // stable: keeps the order within a line
    return { ok: false, errors };
  }
  return { ok: true, documents };
}

// ---------------------------------------------------------------------------------------------------
// Import: spaCy v2 JSON

type ErrorAt = (path: JsonPath, message: string) => void;

/** The separator a v2 token declares after itself, or undefined when it says nothing. */
function declaredSpace(t: { space?: string | boolean | null; whitespace?: string | boolean | null }): string | undefined {
  const s = t.space ?? t.whitespace;
  if (s === null || s === undefined) return undefined;
  return typeof s === 'boolean' ? (s ? ' ' : '') : s;
}

function paragraphDocument(para: V2Paragraph, path: JsonPath, err: ErrorAt): { text: string; spans: DatasetSpan[] } | null {
  const tokens = para.sentences.flatMap((s, si) =>
    s.tokens.map((t, ti) => ({ t, path: [...path, 'sentences', si, 'tokens', ti] as JsonPath })),
  );
  // UTF-16 positions of every token in the text.
  const starts: number[] = [];
  const ends: number[] = [];
  let text: string;
  if (para.raw !== null && para.raw !== undefined) {
    text = para.raw;
    let at = 0;
    for (const { t, path: tp } of tokens) {
      let i = at;
      while (i < text.length && !text.startsWith(t.orth, i) && /\s/.test(text[i]!)) i++;
      if (!text.startsWith(t.orth, i)) {
        const cp = new OffsetMap(text).toCodePoint(at);
        err([...tp, 'orth'], `token ${JSON.stringify(t.orth)} does not come next in "raw" (at code point ${cp})`);
        return null;
      }
      starts.push(i);
      ends.push(i + t.orth.length);
      at = i + t.orth.length;
    }
  } else {
    text = '';
    tokens.forEach(({ t }, k) => {
      starts.push(text.length);
      text += t.orth;
      ends.push(text.length);
      text += declaredSpace(t) ?? (k < tokens.length - 1 ? ' ' : '');
    });
  }

  const map = new OffsetMap(text);
  const spans: DatasetSpan[] = [];
  const add = (first: number, last: number, label: string) => {
    const start = map.toCodePoint(starts[first]!);
    const end = map.toCodePoint(ends[last]!);
    spans.push({ start, end, label, text: map.slice(start, end) });
  };
  let ok = true;
  let open: { label: string; first: number } | null = null;
  for (let k = 0; k < tokens.length; k++) {
    const { t, path: tp } = tokens[k]!;
    const tag = t.ner ?? 'O';
    const nerPath = [...tp, 'ner'];
    const m = /^([BILU])-(.+)$/.exec(tag);
    if (!m && tag !== 'O' && tag !== '-' && tag !== '') {
      err(nerPath, `${JSON.stringify(tag)} is not a BILUO tag (O, or B-, I-, L-, U- and the label)`);
      ok = false;
      open = null;
      continue;
    }
    const kind = m?.[1];
    const label = m?.[2] ?? '';
    if (open !== null) {
      if ((kind === 'I' || kind === 'L') && label === open.label) {
        if (kind === 'L') {
          add(open.first, k, label);
          open = null;
        }
      } else {
        err(nerPath, `must be I-${open.label} or L-${open.label} (B-${open.label} is open), not ${JSON.stringify(tag)}`);
        ok = false;
        open = null;
      }
    } else if (kind === 'B') open = { label, first: k };
    else if (kind === 'U') add(k, k, label);
    else if (kind === 'I' || kind === 'L') {
      err(nerPath, `${tag} without B-${label} before it`);
      ok = false;
    }
  }
  if (open !== null) {
    err([...tokens[tokens.length - 1]!.path, 'ner'], `B-${open.label} is not closed by L-${open.label} before the paragraph ends`);
    ok = false;
  }
  return ok ? { text, spans } : null;
}

function parseJsonDocs(content: string, file: string): ParseResult {
  const parsed = parseLocatedJson(content);
  if (!parsed.ok) return { ok: false, errors: [{ file, line: parsed.line, message: parsed.message }] };
  const errors: FormatError[] = [];
  const documents: DatasetDocument[] = [];
  const records: { value: unknown; prefix: JsonPath }[] = Array.isArray(parsed.value)
    ? parsed.value.map((value, k) => ({ value, prefix: [k] }))
    : [{ value: parsed.value, prefix: [] }];
  for (const { value, prefix } of records) {
    const err: ErrorAt = (path, message) =>
      errors.push(fieldError(file, parsed.lineOf([...prefix, ...path]), path, message));
    const r = spacyJsonDocSchema.safeParse(value);
    if (!r.success) {
      for (const iss of r.error.issues) err(issuePath(iss.path), iss.message);
      continue;
    }
    const { id, paragraphs } = r.data;
    paragraphs.forEach((value, p) => {
      const path = ['paragraphs', p];
      const para = v2Paragraph.safeParse(value);
      if (!para.success) {
        for (const iss of para.error.issues) err([...path, ...issuePath(iss.path)], iss.message);
        return;
      }
      const got = paragraphDocument(para.data, path, err);
      if (!got) return;
      const docId = id === null || id === undefined ? undefined : paragraphs.length === 1 ? String(id) : `${id}#${p + 1}`;
      documents.push({
        ...(docId !== undefined ? { id: docId } : {}),
        title: docId ?? `${file} #${parsed.lineOf([...prefix, ...path])}`,
        text: got.text,
        spans: got.spans,
      });
    });
  }
  return finish(documents, errors);
}

// ---------------------------------------------------------------------------------------------------
// Import: IOB text

interface IobToken {
  word: string;
  tag: string;
  line: number;
}

const IOB_TAG = /^(?:O|[BI]-.+)$/;

/** spaCy's autodetect_ner_format: which converter the first 20 lines look like. */
function iobKind(lines: readonly string[]): 'token' | 'sentence' | null {
  let sentence = 0;
  let token = 0;
  for (const raw of lines.slice(0, 20)) {
    const line = raw.trim();
    if (/\S+\|(O|[IB]-\S+)/.test(line)) sentence++;
    if (/\S+\s+(O|[IB]-\S+)$/.test(line)) token++;
  }
  if (token > 0 && sentence === 0) return 'token';
  if (sentence > 0 && token === 0) return 'sentence';
  return null;
}

/** Words joined by single spaces; entities from IOB1/IOB2 tags, each sentence closing its entities. */
function iobDocument(sentences: readonly IobToken[][], title: string): DatasetDocument {
  let text = '';
  let cp = 0;
  const found: { label: string; start: number; end: number }[] = [];
  for (const sentence of sentences) {
    let open: { label: string; start: number; end: number } | null = null;
    for (const tok of sentence) {
      if (text !== '') {
        text += ' ';
        cp++;
      }
      const start = cp;
      text += tok.word;
      cp += codePointLength(tok.word);
      const kind = tok.tag[0];
      const label = tok.tag.slice(2);
      if (kind === 'I' && open !== null && open.label === label) open.end = cp;
      else if (kind === 'B' || kind === 'I') {
        open = { label, start, end: cp };
        found.push(open);
      } else open = null;
    }
  }
  const map = new OffsetMap(text);
  return { title, text, spans: found.map((f) => ({ start: f.start, end: f.end, label: f.label, text: map.slice(f.start, f.end) })) };
}

function parseIob(content: string, file: string): ParseResult {
  const lines = content.split('\n');
  const kind = iobKind(lines);
  if (kind === null) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          message: 'not spaCy JSON lines, spaCy JSON or IOB: IOB needs "word TAG" per line or "word|TAG word|TAG …" per sentence, tags O, B-LABEL, I-LABEL',
        },
      ],
    };
  }
  const errors: FormatError[] = [];
  const documents: DatasetDocument[] = [];
  const badTag = (tag: string) => `must be O, B-LABEL or I-LABEL, not ${JSON.stringify(tag)}`;

  if (kind === 'sentence') {
    lines.forEach((raw, k) => {
      const line = raw.trim();
      if (line === '') return;
      const tokens: IobToken[] = [];
      let ok = true;
      line.split(/\s+/).forEach((tok, t) => {
        const parts = tok.split('|');
        const tag = parts[parts.length - 1]!;
        if (parts.length !== 2 && parts.length !== 3) {
          errors.push({ file, line: k + 1, field: `tokens[${t}]`, message: `must be word|TAG or word|POS|TAG, not ${JSON.stringify(tok)}` });
          ok = false;
        } else if (!IOB_TAG.test(tag)) {
          errors.push({ file, line: k + 1, field: `tokens[${t}]`, message: badTag(tag) });
          ok = false;
        } else tokens.push({ word: parts[0]!, tag, line: k + 1 });
      });
      if (ok) documents.push(iobDocument([tokens], `${file} #${k + 1}`));
    });
    return finish(documents, errors);
  }

  // Token per line: sections between -DOCSTART- lines, sentences between blank lines.
  const sections: IobToken[][][] = [[[]]];
  let docStart = false;
  lines.forEach((raw, k) => {
    const line = raw.trim();
    const section = sections[sections.length - 1]!;
    if (line === '') {
      if (section[section.length - 1]!.length > 0) section.push([]);
      return;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      docStart = true;
      sections.push([[]]);
      return;
    }
    const tag = cols[cols.length - 1]!;
    if (cols.length < 2) {
      errors.push({ file, line: k + 1, message: 'a token line needs the word and its tag, separated by white space' });
    } else if (!IOB_TAG.test(tag)) {
      errors.push({ file, line: k + 1, field: 'tag', message: badTag(tag) });
    } else section[section.length - 1]!.push({ word: cols[0]!, tag, line: k + 1 });
  });
  const groups = docStart ? sections : sections.flat().map((s) => [s]);
  for (const group of groups) {
    const sentences = group.filter((s) => s.length > 0);
    if (sentences.length === 0) continue;
    documents.push(iobDocument(sentences, `${file} #${sentences[0]![0]!.line}`));
  }
  return finish(documents, errors);
}

// ---------------------------------------------------------------------------------------------------
// Import: dispatch

export function parseSpacy(content: string, fileName: string): ParseResult {
  const src = stripBom(content);
  const trimmed = src.trimStart();
  if (trimmed === '') return { ok: true, documents: [] };
  const lower = fileName.toLowerCase();
  const jsonName = lower.endsWith('.json') || lower.endsWith('.jsonl');
  if (lower.endsWith('.iob') || lower.endsWith('.conll') || (!jsonName && !trimmed.startsWith('{') && !trimmed.startsWith('['))) {
    return parseIob(src, fileName);
  }
  // v2 JSON is one value for the whole file: a list of docs, or one doc. Else JSON lines.
  if (trimmed.startsWith('[')) return parseJsonDocs(src, fileName);
  if (/^\{\s*$/.test(trimmed.split('\n')[0]!)) return parseJsonDocs(src, fileName); // a pretty-printed object
  try {
    const whole = JSON.parse(src) as unknown;
    if (isPlainObject(whole) && 'paragraphs' in whole) return parseJsonDocs(src, fileName);
  } catch {
    // several values: JSON lines
  }
  return parseJsonl(src, fileName);
}

// ---------------------------------------------------------------------------------------------------
// Export

function jsonLine(text: string, spans: readonly Span[]): string {
  return JSON.stringify({ text, entities: spans.map((s) => [s.start, s.end, s.label]) }) + '\n';
}

/** A label as part of a file name: no path separators, reserved or control characters. */
function fileLabel(label: string): string {
  return label.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').replace(/^\.+$/, (dots) => '_'.repeat(dots.length));
}

/** The JSONL file(s) of `docs` and the report of every span the nesting policy dropped. */
export function serializeSpacy(docs: ExportDocument[], options: ExportOptions = {}): ExportResult {
  verifyForExport(docs);
  const base = options.baseName ?? 'dataset';
  const policy = options.nested ?? 'outer';
  const report: string[] = [];
  if (policy !== 'split') {
    let content = '';
    for (const d of docs) {
      const { kept, dropped } = flatten(d.spans, policy);
      report.push(...describeDropped(d.title, dropped));
      content += jsonLine(d.text, kept);
    }
    return { files: [{ name: `${base}.jsonl`, content }], report };
  }

  const labels = [...new Set(docs.flatMap((d) => d.spans.map((s) => s.label)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (labels.length === 0) return { files: [{ name: `${base}.jsonl`, content: docs.map((d) => jsonLine(d.text, [])).join('') }], report };
  const files: DataFile[] = [];
  const taken = new Set<string>();
  for (const label of labels) {
    let name = `${base}.${fileLabel(label)}.jsonl`;
    for (let n = 2; taken.has(name); n++) name = `${base}.${fileLabel(label)}~${n}.jsonl`;
    taken.add(name);
    let content = '';
    for (const d of docs) {
      const { kept, dropped } = flatten(
        d.spans.filter((s) => s.label === label),
        'outer',
      );
      report.push(...describeDropped(d.title, dropped).map((line) => `${name}: ${line}`));
      content += jsonLine(d.text, kept);
    }
    files.push({ name, content });
  }
  return { files, report };
}

export const spacy: Format = {
  id: 'spacy',
  name: 'spaCy JSONL',
  extension: 'jsonl',
  nesting: false,
  relations: false,
  read: (files) => readEach(files, parseSpacy),
  write: (docs, options) => serializeSpacy(docs, options),
};
