/**
 * doccano JSONL (https://github.com/doccano/doccano), sequence labelling and relation extraction.
 *
 * OFFSET RULE: offsets count CODE POINTS (Python's len, which is what doccano's backend counts), end
 * EXCLUSIVE: a span [start, end) is `Array.from(text).slice(start, end).join('')`. '𠀀利安隆' tags 利安隆
 * as [1, 4] (in UTF-16 units it would be [2, 5]). All conversion goes through core's OffsetMap.
 *
 * Export: one line per document, `{"id", "title", "text", "label": [[start, end, "LABEL"], ...]}`, spans
 * in compareSpans order (document order, outer before inner); nested spans are all kept.
 *
 * Import accepts, per record:
 *  - the `label` form: `{"text", "label": [[start, end, "LABEL"], ...]}` (as exported here, and doccano's
 *    sequence-labelling export);
 *  - the `entities` form: `{"text", "entities": [{id, start_offset, end_offset, label}], "relations": [...]}`
 *    (doccano's relation-extraction export). `relations` are accepted and IGNORED for now; relation
 *    support is a separate issue, which will have to read them here (their from_id/to_id refer to the
 *    entities' ids);
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

export { fieldPath };
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

const entity = z.object(
  {
    id: z.union([z.int(), z.string()], { error: missingOr('a number or string') }).optional(),
    start_offset: offset,
    end_offset: offset,
    label: labelName,
  },
  { error: (iss) => `must be an object {id, start_offset, end_offset, label}, not ${describe(iss.input)}` },
);

/** One record (line) of a doccano JSONL file. Unknown keys are allowed and dropped. */
export const doccanoRecordSchema = z.object(
  {
    id: z.union([z.string(), z.number()], { error: missingOr('a string or number') }).nullish(),
    title: z.string({ error: missingOr('a string') }).nullish(),
    text: z.string({ error: missingOr('the document text (string)') }),
    label: z.array(labelEntry, { error: missingOr('a list of [start, end, "LABEL"]') }).optional(),
    entities: z.array(entity, { error: missingOr('a list of {id, start_offset, end_offset, label}') }).optional(),
    // Ignored for now (see the header): accepted in any shape so relation files import their entities.
    relations: z.unknown().optional(),
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

function toDocument(raw: RawRecord, file: string, errors: FormatError[]): DatasetDocument | null {
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

  const id = rec.id === null || rec.id === undefined ? undefined : String(rec.id);
  const title = rec.title ? rec.title : (id ?? `${file} #${raw.line}`);
  return { ...(id !== undefined ? { id } : {}), title, text: rec.text, spans };
}

export function parseDoccano(content: string, fileName: string): ParseResult {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const { records, errors } = readRecords(text, fileName);
  const documents: DatasetDocument[] = [];
  for (const raw of records) {
    const doc = toDocument(raw, fileName, errors);
    if (doc) documents.push(doc);
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line); // stable: keeps the order within a line
    return { ok: false, errors };
  }
  return { ok: true, documents };
}

export function serializeDoccano(docs: ExportDocument[]): string {
  verifyForExport(docs);
  let out = '';
  for (const d of docs) {
    const label = [...d.spans].sort(compareSpans).map((s) => [s.start, s.end, s.label]);
    out += JSON.stringify({ id: d.id, title: d.title, text: d.text, label }) + '\n';
  }
  return out;
}

export const doccano: Format = {
  id: 'doccano',
  name: 'doccano JSONL',
  extension: 'jsonl',
  nesting: true,
  read: (files) => readEach(files, parseDoccano),
  write: (docs, options) => ({ files: [{ name: `${options?.baseName ?? 'dataset'}.jsonl`, content: serializeDoccano(docs) }], report: [] }),
};
