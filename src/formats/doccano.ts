/**
 * doccano JSONL (https://github.com/doccano/doccano), sequence labelling and relation extraction.
 *
 * OFFSET RULE: offsets count CODE POINTS (Python's len, which is what doccano's backend counts), end
 * EXCLUSIVE: a span [start, end) is `Array.from(text).slice(start, end).join('')`. '𠀀利安隆' tags 利安隆
 * as [1, 4] (in UTF-16 units it would be [2, 5]). All conversion goes through core's OffsetMap.
 *
 * RELATION RULE: a relation `{id, from_id, to_id, type}` runs from the entity whose `id` is `from_id` to
 * the one whose `id` is `to_id` (doccano's relation-extraction form; ids compared as strings, so 0 and
 * "0" are the same entity).
 *
 * Export: one line per document, spans in compareSpans order (document order, outer before inner),
 * nested spans all kept:
 *  - a document without relations: `{"id", "title", "text", "label": [[start, end, "LABEL"], ...]}`;
 *  - a document with relations: `{"id", "title", "text", "entities": [{id, start_offset, end_offset,
 *    label}, ...], "relations": [{id, from_id, to_id, type}, ...]}`, entity ids 0, 1, ... in span order
 *    (doccano uses whole numbers), relation ids 0, 1, ... sorted by (from, to, type). A relation that
 *    cannot be written (an end that is not a span of the document, ...) is left out and reported
 *    (see relation-ends.ts).
 *
 * Import accepts, per record:
 *  - the `label` form: `{"text", "label": [[start, end, "LABEL"], ...]}` (as exported here, and doccano's
 *    sequence-labelling export);
 *  - the `entities` form: `{"text", "entities": [{id, start_offset, end_offset, label}], "relations":
 *    [{id, from_id, to_id, type}]}` (doccano's relation-extraction export). Errors: a from_id/to_id that
 *    names no entity, or several (entity ids must then be unique), and relations in a record without
 *    `entities` (nothing for them to name). A relation from an entity to itself, or one given twice, is
 *    left out with a note;
 *  - a record with neither key: a document without spans (doccano imports plain text this way).
 * Records may carry other keys (doccano adds `id`, `Comments`, metadata); they are ignored.
 * The file is either JSON lines (blank lines skipped, CRLF line ends fine), or one JSON object or array
 * of objects spread over several lines (doccano's relation-extraction example is one pretty-printed
 * object). Title of a document: its `title`, else its `id`, else `<file name> #<line>`.
 */
import { z } from 'zod';
import { OffsetMap } from '../core/offsets.ts';
import { compareSpans } from '../core/spans.ts';
import { readEach, type DatasetDocument, type DatasetSpan, type ExportDocument, type Format, type FormatError, type ParseResult } from './types.ts';
import { errorText, fieldError, fieldPath, issuePath, parseLocatedJson } from './json-source.ts';
import { exportRelations, RelationCollector } from './relation-ends.ts';

export { fieldPath };
import { utf8File, Utf8Writer } from './utf8.ts';
import { verifyForExport } from './verify.ts';

// ---------------------------------------------------------------------------------------------------
// Schema

const missingOr = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `missing; must be ${what}` : `must be ${what}, not ${describe(iss.input)}`;

const offset = z.int({ error: missingOr('a whole number of code points') }).min(0, { error: 'must not be negative' });
const labelName = z.string({ error: missingOr('a label name (string)') }).min(1, { error: 'label name is empty' });

/** `[start, end, "LABEL"]` */
const labelEntry = z.tuple([offset, offset, labelName], {
  error: (iss) => `must be [start, end, "LABEL"], not ${describe(iss.input)}`,
});

const entityId = z.union([z.int(), z.string()], { error: missingOr('an entity id (a whole number or string)') });

const entity = z.object(
  {
    id: entityId.optional(),
    start_offset: offset,
    end_offset: offset,
    label: labelName,
  },
  { error: (iss) => `must be an object {id, start_offset, end_offset, label}, not ${describe(iss.input)}` },
);

/** `{id, from_id, to_id, type}`: from the entity whose id is from_id to the one whose id is to_id. */
const relation = z.object(
  {
    id: z.union([z.int(), z.string()], { error: missingOr('a number or string') }).nullish(),
    from_id: entityId,
    to_id: entityId,
    type: z.string({ error: missingOr('a relation type (string)') }).min(1, { error: 'relation type is empty' }),
  },
  { error: (iss) => `must be an object {id, from_id, to_id, type}, not ${describe(iss.input)}` },
);

/** One record (line) of a doccano JSONL file. Unknown keys are allowed and dropped. */
export const doccanoRecordSchema = z.object(
  {
    id: z.union([z.string(), z.number()], { error: missingOr('a string or number') }).nullish(),
    title: z.string({ error: missingOr('a string') }).nullish(),
    text: z.string({ error: missingOr('the document text (string)') }),
    label: z.array(labelEntry, { error: missingOr('a list of [start, end, "LABEL"]') }).optional(),
    entities: z.array(entity, { error: missingOr('a list of {id, start_offset, end_offset, label}') }).optional(),
    relations: z.array(relation, { error: missingOr('a list of {id, from_id, to_id, type}') }).optional(),
  },
  { error: (iss) => `a record must be a JSON object, not ${describe(iss.input)}` },
);

export type DoccanoRecord = z.infer<typeof doccanoRecordSchema>;

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)}`;
  if (typeof v === 'number') return Number.isFinite(v) ? `${v}` : 'a non-finite number';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

// ---------------------------------------------------------------------------------------------------
// Reading the file into records

type Path = readonly (string | number)[];

interface RawRecord {
  value: unknown;
  /** Line where the record starts. */
  line: number;
  /** Line of the value at `path` inside the record (the record's line when unknown). */
  lineOf(path: Path): number;
}




/** Splits the file into records, or says why it cannot. */
function readRecords(content: string, file: string): { records: RawRecord[]; errors: FormatError[] } {
  const records: RawRecord[] = [];
  const errors: FormatError[] = [];
  const trimmed = content.trim();
  if (trimmed === '') return { records, errors };

  // One JSON value for the whole file: a (pretty-printed) object, or an array of objects.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const located = parseLocatedJson(content);
    if (located.ok) {
      const whole = located.value;
      if (Array.isArray(whole)) {
        whole.forEach((value, k) => records.push({ value, line: located.lineOf([k]), lineOf: (path) => located.lineOf([k, ...path]) }));
      } else {
        records.push({ value: whole, line: located.lineOf([]), lineOf: (path) => located.lineOf(path) });
      }
      return { records, errors };
    }
    // A JSONL record never spans lines, so a first line that is only "{" or "[" means one broken
    // JSON value: report its syntax error once rather than every line as broken JSON.
    const first = content.split('\n').find((l) => l.trim() !== '')!.trim();
    if (first === '{' || first === '[') {
      errors.push({ file, line: located.line, message: located.message });
      return { records, errors };
    }
  }

  // JSON lines.
  const lines = content.split('\n');
  lines.forEach((text, k) => {
    if (text.trim() === '') return;
    const line = k + 1;
    try {
      records.push({ value: JSON.parse(text) as unknown, line, lineOf: () => line });
    } catch (e) {
      errors.push({ file, line, message: `not valid JSON: ${errorText(e)}` });
    }
  });
  return { records, errors };
}

// ---------------------------------------------------------------------------------------------------
// Records into documents

function toDocument(raw: RawRecord, file: string, errors: FormatError[], notes: string[]): DatasetDocument | null {
  const err = (path: Path, message: string) =>
    errors.push(fieldError(file, raw.lineOf(path), path, message));

  const result = doccanoRecordSchema.safeParse(raw.value);
  if (!result.success) {
    for (const iss of result.error.issues) {
      err(issuePath(iss.path), iss.message);
    }
    return null;
  }
  const rec = result.data;
  if (rec.label !== undefined && rec.entities !== undefined) {
    err(['entities'], 'a record has either "label" or "entities", not both');
    return null;
  }

  const map = new OffsetMap(rec.text);
  const spans: DatasetSpan[] = [];
  let ok = true;
  const add = (start: number, end: number, label: string, startPath: Path, endPath: Path) => {
    if (end <= start) {
      err(endPath, `end ${end} is not after start ${start} (end is exclusive)`);
      ok = false;
    } else if (end > map.length) {
      err(
        start >= map.length ? startPath : endPath,
        `span [${start}, ${end}) goes beyond the text, which is ${map.length} code points long`,
      );
      ok = false;
    } else {
      spans.push({ start, end, label, text: map.slice(start, end) });
    }
  };
  rec.label?.forEach(([start, end, label], k) => add(start, end, label, ['label', k, 0], ['label', k, 1]));
  rec.entities?.forEach((e, k) =>
    add(e.start_offset, e.end_offset, e.label, ['entities', k, 'start_offset'], ['entities', k, 'end_offset']),
  );
  if (!ok) return null;

  const relations = new RelationCollector(spans);
  if (rec.relations !== undefined && rec.relations.length > 0) {
    if (rec.entities === undefined) {
      err(['relations'], 'relations need the "entities" form: their from_id and to_id name the ids of entities');
      return null;
    }
    // Entity k is span k: every entity became a span (any error above returned).
    const byId = new Map<string, number[]>();
    rec.entities.forEach((e, k) => {
      if (e.id === undefined) return;
      const key = String(e.id);
      const list = byId.get(key);
      if (list) list.push(k);
      else byId.set(key, [k]);
    });
    const found: { type: string; from: number; to: number; k: number }[] = [];
    rec.relations.forEach((r, k) => {
      const end = (key: 'from_id' | 'to_id'): number | undefined => {
        const at = byId.get(String(r[key]));
        if (at === undefined) err(['relations', k, key], `names no entity: no entity has the id ${JSON.stringify(r[key])}`);
        else if (at.length > 1) {
          err(
            ['relations', k, key],
            `the id ${JSON.stringify(r[key])} names ${at.length} entities (${at.map((i) => `entities[${i}]`).join(', ')}): entity ids must be unique`,
          );
        } else return at[0];
        return undefined;
      };
      const from = end('from_id');
      const to = end('to_id');
      if (from !== undefined && to !== undefined) found.push({ type: r.type, from, to, k });
    });
    if (found.length < rec.relations.length) return null;
    for (const r of found) {
      const path = ['relations', r.k];
      relations.add(r.type, r.from, r.to, (message) => notes.push(`${file}:${raw.lineOf(path)}: ${fieldPath(path)}: ${message}`));
    }
  }

  const id = rec.id === null || rec.id === undefined ? undefined : String(rec.id);
  const title = rec.title ? rec.title : (id ?? `${file} #${raw.line}`);
  return { ...(id !== undefined ? { id } : {}), title, text: rec.text, spans, ...relations.field };
}

export function parseDoccano(content: string, fileName: string): ParseResult {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const { records, errors } = readRecords(text, fileName);
  const documents: DatasetDocument[] = [];
  const notes: string[] = [];
  for (const raw of records) {
    const doc = toDocument(raw, fileName, errors, notes);
    if (doc) documents.push(doc);
  }
  const withNotes = notes.length > 0 ? { notes } : {};
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line); // stable: keeps the order within a line
    return { ok: false, errors, ...withNotes };
  }
  return { ok: true, documents, ...withNotes };
}

/** The JSONL of `docs`; relations that cannot be written are left out, each with a line in `report`. */
export function serializeDoccano(docs: ExportDocument[], report: string[] = []): string {
  let out = '';
  writeLines(docs, report, (line) => (out += line));
  return out;
}

/** Each document's line, in order, to `write`. */
function writeLines(docs: ExportDocument[], report: string[], write: (line: string) => void): void {
  verifyForExport(docs);
  for (const d of docs) {
    const sorted = [...d.spans].sort(compareSpans);
    const relations = exportRelations(d, sorted, report);
    const record =
      relations.length === 0
        ? { id: d.id, title: d.title, text: d.text, label: sorted.map((s) => [s.start, s.end, s.label]) }
        : {
            id: d.id,
            title: d.title,
            text: d.text,
            entities: sorted.map((s, k) => ({ id: k, start_offset: s.start, end_offset: s.end, label: s.label })),
            relations: relations.map((r, k) => ({ id: k, from_id: r.from, to_id: r.to, type: r.type })),
          };
    write(JSON.stringify(record) + '\n');
  }
}

export const doccano: Format = {
  id: 'doccano',
  name: 'doccano JSONL',
  extension: 'jsonl',
  nesting: true,
  relations: true,
  read: (files) => readEach(files, parseDoccano),
  write: (docs, options) => {
    const report: string[] = [];
    // Written as bytes a line at a time: encoding a whole dataset's string at once costs more (utf8.ts).
    const out = new Utf8Writer(docs.reduce((n, d) => n + d.text.length, 0) * 4);
    writeLines(docs, report, (line) => out.text(line));
    return { files: [utf8File(`${options?.baseName ?? 'dataset'}.jsonl`, out.result())], report };
  },
};
