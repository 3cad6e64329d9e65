/**
 * brat standoff (https://brat.nlplab.org/standoff.html): one `.txt` with the document text and one `.ann`
 * with its annotations per document, paired by name (`a/b/doc1.txt` goes with `a/b/doc1.ann`).
 *
 * OFFSET RULE: brat's offsets are indices into the .txt as a Python str: CODE POINTS, end EXCLUSIVE (the
 * fixtures in tests/fixtures/brat, whose Spanish text has non-ASCII characters, slice exactly so; UTF-8
 * byte offsets would not). '𠀀利安隆' tags 利安隆 as `T1\tORG 1 4\t利安隆`. The .txt is taken verbatim:
 * CR LF counts as two characters, as in brat (which reads it without newline translation).
 *
 * `.ann` lines are `ID<TAB>DATA[<TAB>TAIL]`; the first letter of the id says the kind (brat's
 * annotation.py):
 *  - `T1<TAB>Type start end<TAB>surface`: a text-bound annotation, imported as a span labelled Type. The
 *    surface must be the .txt between the offsets (brat's rule: text after the surface, separated by
 *    white space, is allowed and ignored; a missing surface is taken from the .txt, as brat does).
 *    Discontinuous `Type s1 e1;s2 e2` has fragments whose surfaces are joined by one space (brat's
 *    DISCONT_SEP). Zhengbiao spans are contiguous, so:
 *      - fragments separated only by line breaks are ONE span over the whole range, line breaks included.
 *        This is how this module writes a span that contains a line break (a surface cannot hold one),
 *        and how brat itself stores a selection across lines, so both come back as one span;
 *      - other discontinuous annotations become one span per fragment, same label, each listed in the
 *        notes; a zero-width annotation (or fragment) has no text to tag and is left out, with a note.
 *  - `R1<TAB>Type Arg1:T1 Arg2:T2`: a relation, imported from the span of Arg1 to the span of Arg2.
 *    RELATION RULE and what becomes of each argument (a T split or left out, an id of no line, which
 *    is an error): brat-relations.ts.
 *  - `E` events, `A`/`M` attributes, `N` normalisations, `#` notes, `*` equivalences: checked for form,
 *    NOT imported, and each listed in the notes with its file and line (a note on a relation too). An
 *    event's trigger is a T line and is imported as a span.
 * `readBrat` returns those notes beside the ParseResult (which has no channel for them); the Format's
 * `read` returns the ParseResult alone.
 *
 * Errors (the whole import is refused, every problem listed): a line that is not `ID<TAB>...` or whose
 * data does not fit its kind, an unknown kind, a duplicate id, offsets that are not `start end` pairs,
 * start after end, offsets past the end of the text, overlapping fragments, a surface that differs
 * from the .txt, a relation argument that names no line of its file, an .ann without its .txt, a file
 * given twice. A .txt without an .ann is a document without spans. Other files (annotation.conf,
 * visual.conf, ...) are not read and are named in the notes.
 * Documents come in the order of their .txt files; id = the .txt's path without `.txt`, title = its
 * name without folder and extension.
 *
 * Export: `annotation.conf` first, then `<name>.txt` and `<name>.ann` per document, all in one folder
 * (`options.baseName` when given). `<name>` is the title (else the id) made safe as a file name
 * (`safeName`) and unique ignoring case (`-2`, `-3`, ...). Spans are `T1`, `T2`, ... in compareSpans
 * order; nested and overlapping spans are all kept. A span containing line breaks (any character that
 * ends a line for Python's splitlines, which brat's reader uses: LF, CR, VT, FF, FS, GS, RS, NEL, LS, PS)
 * is written as fragments split at each run of them, with empty fragments where the span starts or
 * ends with one (`5 5;6 9` for a span that starts with a newline), so the import above gives it back
 * exactly. Relations follow as `R1`, `R2`, ... (`R1\tmeasures Arg1:T2 Arg2:T1`), sorted by (from, to,
 * type); one that cannot be written is left out and reported (relation-ends.ts). annotation.conf lists
 * the labels used under [entities]; under [relations] each relation type used with the labels seen at
 * each end (`measures\tArg1:METRIC, Arg2:TARGET`, several joined by `|`), and any overlap of entities
 * allowed (`<OVERLAP>` with `<ANY>`), without which brat flags every nested span; [events] and
 * [attributes] are empty.
 *
 * Limits:
 *  - A label or relation type with white space cannot be a brat type: it is written with `_` instead
 *    (reported).
 *  - brat maps type names in annotation.conf to [A-Za-z0-9_-] (other characters become `_`), so an
 *    unpatched brat shows Chinese labels as unconfigured types; the .ann keeps them verbatim (reported).
 *  - Titles that are not safe file names, or clash, come back under their file name (reported).
 *  - A .txt that began with a byte order mark: brat counts the mark as a character; a reader that drops
 *    it (as Zhengbiao's text decoding does) shifts every offset by one, and the surface check then
 *    refuses the import rather than mis-placing spans.
 *  - References of the lines not imported (an A on a missing T, ...) are not checked.
 */
import { OffsetMap } from '../core/offsets.ts';
import { compareSpans } from '../core/spans.ts';
import type { DataFile, DatasetDocument, DatasetRelation, DatasetSpan, ExportDocument, ExportOptions, ExportResult, Format, FormatError, ParseResult } from './types.ts';
import { noteEnds, relationConfLines, relationLine, relationLines, resolveRelations, type RelationEnds, type RelationLine, type TextBoundSpans } from './brat-relations.ts';
import { exportRelations } from './relation-ends.ts';
import { verifyForExport } from './verify.ts';

// ---------------------------------------------------------------------------------------------------
// Shared

/** Characters that end a line for Python's str.splitlines (brat reads .ann files with it). */
const LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/u;
const LINE_BREAKS_ONLY = /^[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*$/u;

/** brat's DISCONT_SEP: the surfaces of fragments are joined with one space. */
const DISCONT_SEP = ' ';

/** brat's annotation ids: `T1`, `#2`, `E10a`, or `*` (equivalences). */
const ID = /^(?:[A-Za-z]+|#[A-Za-z]*)[0-9]+/;

interface Fragment {
  start: number;
  end: number;
}

const fragmentText = (frags: readonly Fragment[]) => frags.map((f) => `${f.start} ${f.end}`).join(';');

function quote(s: string, max = 60): string {
  const cps = Array.from(s);
  return JSON.stringify(cps.length > max ? cps.slice(0, max).join('') + '…' : s);
}

// ---------------------------------------------------------------------------------------------------
// Import

/** What `readBrat` found: the documents or errors, and what was read but not turned into spans. */
export interface BratRead {
  result: ParseResult;
  /**
   * `file:line: ...` for every annotation line not imported as it stands (events, attributes,
   * normalisations, notes, equivalences, split or empty text-bound annotations, relations left out or
   * changed), and `file: ...` for every file not read. In file and line order.
   */
  notes: string[];
}

function splitName(name: string): { stem: string; ext: string } {
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  if (dot <= slash + 1) return { stem: name, ext: '' };
  return { stem: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() };
}

/** Reads brat .txt/.ann pairs; never throws for bad content. */
export function readBrat(files: readonly DataFile[]): BratRead {
  const errors: FormatError[] = [];
  const notes: string[] = [];
  const txts = new Map<string, DataFile>();
  const anns = new Map<string, DataFile>();
  const seen = new Set<string>();

  for (const f of files) {
    if (seen.has(f.name)) {
      errors.push({ file: f.name, line: 1, message: 'this file is given twice' });
      continue;
    }
    seen.add(f.name);
    const { stem, ext } = splitName(f.name);
    if (ext === 'txt') txts.set(stem, f);
    else if (ext === 'ann') anns.set(stem, f);
    else if (ext === 'conf') notes.push(`${f.name}: brat configuration, not read (the labels come from the .ann files)`);
    else notes.push(`${f.name}: not a .txt or .ann file, not read`);
  }
  for (const [stem, ann] of anns) {
    if (!txts.has(stem)) {
      errors.push({ file: ann.name, line: 1, message: `no ${stem}.txt: an .ann file needs the .txt it annotates, same name and folder` });
    }
  }

  const documents: DatasetDocument[] = [];
  for (const [stem, txt] of txts) {
    const ann = anns.get(stem);
    const { spans, relations } = ann ? readAnn(ann, new OffsetMap(txt.content), errors, notes) : { spans: [], relations: [] };
    documents.push({
      id: stem,
      title: stem.slice(stem.lastIndexOf('/') + 1),
      text: txt.content,
      spans,
      ...(relations.length > 0 ? { relations } : {}),
    });
  }

  const result: ParseResult = errors.length > 0 ? { ok: false, errors } : { ok: true, documents };
  return { result, notes };
}

/** The spans and relations of one .ann file; its problems go to `errors`, the lines not imported to `notes`. */
function readAnn(file: DataFile, text: OffsetMap, errors: FormatError[], notes: string[]): { spans: DatasetSpan[]; relations: DatasetRelation[] } {
  const firstError = errors.length;
  const spans: DatasetSpan[] = [];
  const ids = new Map<string, number>();
  const textBound = new Map<string, TextBoundSpans>();
  const relationList: RelationLine[] = [];
  const content = file.content.charCodeAt(0) === 0xfeff ? file.content.slice(1) : file.content;
  const lines = content.split('\n');
  // Relations are resolved after the last line: notes wait to be put in line order.
  const pending: { line: number; message: string }[] = [];
  const errorAt = (line: number, message: string, field?: string) =>
    errors.push({ file: file.name, line, ...(field !== undefined ? { field } : {}), message });
  const noteAt = (line: number, message: string) => pending.push({ line, message });

  lines.forEach((raw, k) => {
    const line = k + 1;
    const err = (message: string, field?: string) => errorAt(line, message, field);
    const note = (message: string) => noteAt(line, message);

    const rawLine = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (rawLine.trim() === '') return;
    const tab = rawLine.indexOf('\t');
    if (tab < 0) {
      err(`not a brat annotation line (ID<TAB>...): ${quote(rawLine)}`);
      return;
    }
    const id = rawLine.slice(0, tab);
    const rest = rawLine.slice(tab + 1);
    const tab2 = rest.indexOf('\t');
    const data = tab2 < 0 ? rest : rest.slice(0, tab2);
    // The surface keeps a CR that ended the line: brat allows white space after it, and a span may end in one.
    const tail = tab2 < 0 ? undefined : raw.slice(tab + 1 + tab2 + 1);

    if (id !== '*' && !ID.test(id)) {
      err(`${quote(id)} is not a brat id (a letter or #, then a number: T1, R2, #3)`, 'id');
      return;
    }
    if (id !== '*') {
      const first = ids.get(id);
      if (first !== undefined) {
        err(`duplicate id ${id} (first on line ${first})`, 'id');
        return;
      }
      ids.set(id, line);
    }

    const kind = id[0];
    const words = data.trim().split(/\s+/);
    const bad = (what: string) => err(`${what}, not ${quote(data)}`, 'data');
    const roleArg = (w: string | undefined) => w !== undefined && /^[^:\s]+:[^:\s]+$/.test(w);
    switch (kind) {
      case 'T': {
        const before = errors.length;
        const got = readTextBound(id, data, tail, text, err, note);
        textBound.set(id, { first: spans.length, count: got.length, failed: errors.length > before });
        spans.push(...got);
        return;
      }
      case 'R': {
        if (words.length !== 3 || !roleArg(words[1]) || !roleArg(words[2])) return bad('a relation is "Type Arg1:ID Arg2:ID"');
        relationList.push(relationLine(id, line, words, note));
        return;
      }
      case 'E': {
        const [typeTrigger, ...args] = words;
        if (typeTrigger === undefined || !roleArg(typeTrigger) || !args.every(roleArg)) return bad('an event is "Type:TriggerID Role:ID ..."');
        const trigger = typeTrigger.slice(typeTrigger.indexOf(':') + 1);
        const argText = args.length > 0 ? `; ${args.join(' ')}` : '';
        note(`${id} event ${typeTrigger.slice(0, typeTrigger.indexOf(':'))} (trigger ${trigger}${argText}) not imported: Zhengbiao has no events (the trigger's T line is a span)`);
        return;
      }
      case 'A':
      case 'M': {
        if (words.length !== 2 && !(kind === 'A' && words.length === 3)) return bad(kind === 'A' ? 'an attribute is "Type ID [Value]"' : 'a modifier is "Type ID"');
        const value = words[2] !== undefined ? ` = ${words[2]}` : '';
        note(`${id} attribute ${words[0]}${value} on ${words[1]} not imported: Zhengbiao has no attributes`);
        return;
      }
      case 'N': {
        if (words.length !== 3 || !/^\S+?:\S+$/.test(words[2]!)) return bad('a normalisation is "Type ID DB:Key"');
        const label = tail !== undefined && tail.trim() !== '' ? ` (${quote(tail.trim())})` : '';
        note(`${id} normalisation ${words[0]} of ${words[1]} → ${words[2]}${label} not imported: Zhengbiao has no normalisations`);
        return;
      }
      case '#': {
        if (words.length !== 2) return bad('a note is "Type ID<TAB>text"');
        const body = tail !== undefined && tail.trim() !== '' ? `: ${quote(tail.trim())}` : '';
        note(`${id} note ${words[0]} on ${words[1]} not imported${body}`);
        return;
      }
      case '*': {
        if (words.length < 3) return bad('an equivalence is "Type ID ID ..."');
        note(`* equivalence ${words[0]} of ${words.slice(1).join(' ')} not imported: Zhengbiao has no equivalences`);
        return;
      }
      default:
        err(`unknown kind of annotation ${quote(id)}: brat ids start with T, R, E, A, M, N, # or are *`, 'id');
    }
  });
  const relations = resolveRelations(relationList, spans, textBound, new Set(ids.keys()), errorAt, noteAt);
  // Stable sorts: the order within a line stays.
  errors.push(...errors.splice(firstError).sort((a, b) => a.line - b.line));
  pending.sort((a, b) => a.line - b.line);
  for (const p of pending) notes.push(`${file.name}:${p.line}: ${p.message}`);
  return { spans, relations };
}

/** One T line: its spans (none on errors). */
function readTextBound(
  id: string,
  data: string,
  tail: string | undefined,
  text: OffsetMap,
  err: (message: string, field?: string) => void,
  note: (message: string) => void,
): DatasetSpan[] {
  const space = data.indexOf(' ');
  const label = space < 0 ? data : data.slice(0, space);
  if (space <= 0) {
    err(`a text-bound annotation is "Type start end", not ${quote(data)}`, 'data');
    return [];
  }
  const frags: Fragment[] = [];
  for (const part of data.slice(space + 1).split(';')) {
    const m = /^(\d+) (\d+)\s*$/.exec(part);
    if (!m) {
      err(`offsets must be "start end" pairs of whole numbers separated by ";", not ${quote(data.slice(space + 1))}`, 'offsets');
      return [];
    }
    frags.push({ start: Number(m[1]), end: Number(m[2]) });
  }
  let ok = true;
  for (const f of frags) {
    if (f.start > f.end) {
      err(`start ${f.start} is after end ${f.end} (end is exclusive)`, 'offsets');
      ok = false;
    } else if (f.end > text.length) {
      err(`[${f.start}, ${f.end}) goes beyond the text, which is ${text.length} code points long`, 'offsets');
      ok = false;
    }
  }
  if (!ok) return [];
  for (let i = 0; i < frags.length; i++) {
    for (let j = i + 1; j < frags.length; j++) {
      const a = frags[i]!;
      const b = frags[j]!;
      if (a.start < b.end && b.start < a.end) {
        err(`fragments [${a.start}, ${a.end}) and [${b.start}, ${b.end}) overlap`, 'offsets');
        return [];
      }
    }
  }

  const pieces = frags.map((f) => text.slice(f.start, f.end));
  const ref = pieces.join(DISCONT_SEP);
  const fits = (s: string) => tail !== undefined && tail.startsWith(s) && (tail.length === s.length || /^\s/u.test(tail.slice(s.length)));
  if (fits(ref)) {
    const extra = tail!.slice(ref.length).trim();
    if (extra !== '') note(`${id}: text after the surface ignored: ${quote(extra)}`);
  } else if (tail === undefined || tail.trim() === '') {
    if (ref.trim() !== '') note(`${id}: no surface text; taken from the .txt: ${quote(ref)}`);
  } else if (!(frags.length > 1 && fits(pieces.join('')))) {
    // (Surfaces of fragments joined without a space: brat before 1.3, which brat itself still accepts.)
    err(
      `text ${quote(tail.replace(/\r$/, ''))} differs from the .txt at ${fragmentText(frags)}: ${quote(ref)}`,
      'text',
    );
    return [];
  }

  const span = (start: number, end: number): DatasetSpan => ({ start, end, label, text: text.slice(start, end) });
  const first = frags[0]!;
  const last = frags[frags.length - 1]!;
  const joinable = frags.every((f, i) => {
    const next = frags[i + 1];
    return next === undefined || (f.end <= next.start && LINE_BREAKS_ONLY.test(text.slice(f.end, next.start)));
  });
  if (joinable) {
    if (last.end > first.start) return [span(first.start, last.end)];
    note(`${id} ${label} [${first.start}, ${last.end}) is empty (zero characters): not imported`);
    return [];
  }
  const kept = frags.filter((f) => f.end > f.start);
  const dropped = frags.length - kept.length;
  note(
    `${id} ${label} ${fragmentText(frags)} is discontinuous: imported as ${kept.length} separate span${kept.length === 1 ? '' : 's'} ` +
      `(${kept.map((f) => quote(text.slice(f.start, f.end), 20)).join(', ')})` +
      (dropped > 0 ? `, ${dropped} empty fragment${dropped === 1 ? '' : 's'} left out` : ''),
  );
  return kept.map((f) => span(f.start, f.end));
}

// ---------------------------------------------------------------------------------------------------
// Export

const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const MAX_NAME = 80;

/**
 * A file name (without extension) for a title: characters that are not allowed in file names on
 * Windows, macOS or Linux (`/ \ : * ? " < > |`, control characters, line breaks, lone surrogates)
 * become `_`; white space at the ends, a leading dot and trailing dots go; at most 80 code points;
 * reserved Windows names get a trailing `_`; nothing left gives `document`.
 */
export function safeName(title: string): string {
  let s = title.replace(/[/\\:*?"<>|\p{Cc}\p{Cs}\u2028\u2029]/gu, '_').trim();
  s = Array.from(s).slice(0, MAX_NAME).join('').trim();
  s = s.replace(/^\.+/, (dots) => '_'.repeat(dots.length)).replace(/[.\s]+$/u, '');
  if (s === '') return 'document';
  if (WINDOWS_RESERVED.test(s)) return `${s}_`;
  return s;
}

/** Code-point fragments of [start, end) split at every run of line breaks (empty at a leading/trailing run). */
function fragmentsOf(text: OffsetMap, start: number, end: number): Fragment[] {
  const chars = Array.from(text.slice(start, end));
  const out: Fragment[] = [];
  let from = start;
  for (let i = 0; i < chars.length; ) {
    if (!LINE_BREAK.test(chars[i]!)) {
      i++;
      continue;
    }
    out.push({ start: from, end: start + i });
    while (i < chars.length && LINE_BREAK.test(chars[i]!)) i++;
    from = start + i;
  }
  out.push({ start: from, end });
  return out;
}

/** A label as a brat type: no white space or line break (they separate the fields of a line). */
const bratType = (label: string) => label.replace(/[\s\x1c-\x1e\x85]/gu, '_');

/**
 * The .ann file of one document (spans already verified): T lines, then R lines. The relation types
 * written, with the brat types at their ends, are added to `ends` when given (for annotation.conf).
 */
export function serializeBratAnn(doc: ExportDocument, report: string[] = [], ends?: RelationEnds): string {
  const text = new OffsetMap(doc.text);
  let out = '';
  const sorted = [...doc.spans].sort(compareSpans);
  sorted.forEach((s, k) => {
    const frags = fragmentsOf(text, s.start, s.end);
    if (frags.length > 1) {
      report.push(
        `document "${doc.title}": span ${s.label} [${s.start}, ${s.end}) ${quote(s.text, 20)} contains a line break: ` +
          `written as ${frags.length} fragments (${fragmentText(frags)}); Zhengbiao reads it back as one span`,
      );
    }
    const surface = frags.map((f) => text.slice(f.start, f.end)).join(DISCONT_SEP);
    out += `T${k + 1}\t${bratType(s.label)} ${fragmentText(frags)}\t${surface}\n`;
  });
  const relations = exportRelations(doc, sorted, report);
  if (ends) for (const r of relations) noteEnds(ends, bratType(r.type), bratType(sorted[r.from]!.label), bratType(sorted[r.to]!.label));
  return out + relationLines(relations, bratType);
}

/**
 * annotation.conf declaring `types` as entities, the relation types of `relations` with the entity
 * types seen at their ends, and any overlap between entities allowed.
 */
export function bratAnnotationConf(types: Iterable<string>, relations: RelationEnds = new Map()): string {
  const sorted = [...new Set(types)].sort();
  return (
    '# Written by Zhengbiao: the entity types (labels) of this export.\n' +
    '[entities]\n' +
    sorted.map((t) => `${t}\n`).join('') +
    '\n[relations]\n' +
    (relations.size > 0 ? '# The relation types of this export, with the entity types seen at each end.\n' + relationConfLines(relations) : '') +
    '# Zhengbiao spans may nest and overlap.\n' +
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n' +
    '\n[events]\n' +
    '\n[attributes]\n'
  );
}

export function writeBrat(docs: ExportDocument[], options?: ExportOptions): ExportResult {
  verifyForExport(docs);
  const folder = options?.baseName ? `${options.baseName}/` : '';
  const report: string[] = [];
  const files: DataFile[] = [];
  const used = new Set<string>();
  const types = new Set<string>();
  const renamed = new Map<string, string>();
  const ends: RelationEnds = new Map();
  const renamedRelations = new Map<string, string>();

  for (const doc of docs) {
    const wanted = doc.title !== '' ? doc.title : doc.id;
    const base = safeName(wanted);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    used.add(name.toLowerCase());
    if (name !== wanted) report.push(`document "${doc.title}" (id ${doc.id}): written as ${folder}${name}.txt/.ann`);

    for (const s of doc.spans) {
      const type = bratType(s.label);
      types.add(type);
      if (type !== s.label) renamed.set(s.label, type);
    }
    files.push({ name: `${folder}${name}.txt`, content: doc.text });
    files.push({ name: `${folder}${name}.ann`, content: serializeBratAnn(doc, report, ends) });
    for (const r of doc.relations ?? []) {
      const type = bratType(r.type);
      if (type !== r.type && ends.has(type)) renamedRelations.set(r.type, type);
    }
  }

  for (const [label, type] of renamed) {
    report.push(`label ${quote(label)} written as ${quote(type)}: brat types cannot contain white space`);
  }
  for (const [relation, type] of renamedRelations) {
    report.push(`relation type ${quote(relation)} written as ${quote(type)}: brat types cannot contain white space`);
  }
  const unconfigured = (what: string, type: string) =>
    report.push(
      `${what} ${quote(type)}: brat reads annotation.conf type names as [A-Za-z0-9_-] only, so an unpatched brat shows it as an unconfigured type (the .ann keeps it as it is)`,
    );
  for (const type of [...types].sort()) if (!/^[A-Za-z0-9_-]+$/.test(type)) unconfigured('label', type);
  for (const type of [...ends.keys()].sort()) if (!/^[A-Za-z0-9_-]+$/.test(type)) unconfigured('relation type', type);
  return { files: [{ name: `${folder}annotation.conf`, content: bratAnnotationConf(types, ends) }, ...files], report };
}

export const brat: Format = {
  id: 'brat',
  name: 'brat standoff (.txt + .ann)',
  extension: 'ann',
  nesting: true,
  relations: true,
  read: (files) => {
    const { result, notes } = readBrat(files);
    return notes.length > 0 ? { ...result, notes } : result;
  },
  write: writeBrat,
};
