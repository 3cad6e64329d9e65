/**
 * Label Studio JSON (https://labelstud.io), text spans: the "labels" results of a <Labels> tag on a <Text>.
 *
 * OFFSET RULE: `value.start` / `value.end` count CODE POINTS, end EXCLUSIVE: '𠀀利安隆' tags 利安隆 as
 * start 1, end 4. `value.text`, when present, must equal the text between the offsets; a difference is
 * an error, never silently trusted or "repaired" (Label Studio issues #1347 and #4988 were code point /
 * UTF-16 mix-ups that show up exactly this way).
 *
 * RELATION RULE: a result `{"type": "relation", "from_id", "to_id", "direction", "labels"}` joins the
 * "labels" regions whose result `id`s are from_id and to_id, in the same annotation. `direction`
 * "right" (or absent) runs from→to, "left" to→from; "bi" (both ways) is read as "right", with a note.
 * One relation per label in `labels`; a relation with no labels (a config without <Relations>) gets
 * the type `related`, with a note. A region with several labels (or an id shared by several "labels"
 * results) gives several spans: its relations use the FIRST of them.
 *
 * Export: one pretty-printed JSON array of tasks,
 *   [{"id", "data": {"text", "title"}, "annotations": [{"result": [
 *      {"id", "from_name": "label", "to_name": "text", "type": "labels",
 *       "value": {"start", "end", "text", "labels": ["LABEL"]}}, …,
 *      {"from_id", "to_id", "type": "relation", "direction": "right", "labels": ["TYPE"]}, …]}]}]
 * span results in compareSpans order, each with its span id as region id, nested and overlapping spans
 * all kept (Label Studio holds them); then the relations, sorted by (from, to, type). A relation that
 * cannot be written (an end that is not a span of the document, ...) is left out and reported (see
 * relation-ends.ts). `from_name`/`to_name` fit the labelling config `<Labels name="label"
 * toName="text">` (the project's labels inside) with `<Text name="text" value="$text"/>`: the tag names
 * of Label Studio's Named Entity Recognition template, whose Text value must then read `$text` (some
 * versions ship `$ner`); Label Studio shows relation types listed in `<Relations><Relation
 * value="measures"/></Relations>`. Label Studio replaces task ids by its own on import; `data.title`
 * survives.
 *
 * Import accepts:
 *  - a JSON array of tasks (Label Studio's "JSON" export, or a task list to import), and a single task
 *    object (the examples' annotations/1.json is one);
 *  - per task, the spans of the FIRST annotation that was not cancelled (`was_cancelled`), read from
 *    `annotations`, else `completions` (Label Studio before 1.0), else `predictions` when the task has
 *    no annotations at all. Further annotations of the same task (other annotators) are ignored;
 *  - a bare annotation `{"result": […]}` only when it carries its task (`"task": {"data": …}`, as the API
 *    returns it); without the task there is no text to import, which is reported as an error;
 *  - result items of type "labels", one span per label in `value.labels`, and of type "relation" (the
 *    relation rule above). A from_id/to_id that names no "labels" result of the annotation is an error
 *    naming the field; a relation from a span to itself, or given twice, is left out with a note.
 *    Results of other types (choices, textarea, rating) are ignored; other "…labels" regions
 *    (hypertextlabels, paragraphlabels, rectanglelabels) are not spans of the text and are reported as
 *    errors.
 * The task text is `data.text`; failing that the data key named by a result's `source` ("$key"), or
 * the only string in `data` other than `title`. Title: `data.title`, else the task id, else
 * `<file name> #<line>`.
 */
import { z } from 'zod';
import { OffsetMap } from '../core/offsets.ts';
import { compareSpans } from '../core/spans.ts';
import { describeValue, fieldError, fieldPath, isPlainObject, issuePath, missingOr, parseLocatedJson, stripBom, type JsonPath } from './json-source.ts';
import { exportRelations, RelationCollector } from './relation-ends.ts';
import { readEach, type DatasetDocument, type DatasetSpan, type ExportDocument, type Format, type FormatError, type ParseResult } from './types.ts';
import { verifyForExport } from './verify.ts';

// ---------------------------------------------------------------------------------------------------
// Schema

const offset = z.int({ error: missingOr('a whole number of code points') }).min(0, { error: 'must not be negative' });
const labelName = z.string({ error: missingOr('a label name (string)') }).min(1, { error: 'label name is empty' });

const regionId = z.union([z.string(), z.int()], { error: missingOr('a region id (string)') });

/** A result item of type "labels": one region of the text with its labels. Other keys are dropped. */
export const labelStudioRegionSchema = z.object(
  {
    id: regionId.nullish(),
    type: z.literal('labels'),
    value: z.object(
      {
        start: offset,
        end: offset,
        text: z.string({ error: missingOr('the text of the region (string)') }).optional(),
        labels: z.array(labelName, { error: missingOr('a list of label names') }).min(1, { error: 'lists no label' }),
      },
      { error: missingOr('an object {start, end, text, labels}') },
    ),
  },
  { error: (iss) => `a result item must be an object, not ${describeValue(iss.input)}` },
);

/** The type a relation without labels gets. */
export const UNLABELLED_RELATION = 'related';

/** A result item of type "relation": from the region whose id is from_id to the one of to_id. */
export const labelStudioRelationSchema = z.object({
  type: z.literal('relation'),
  from_id: regionId,
  to_id: regionId,
  direction: z.enum(['right', 'left', 'bi'], { error: (iss) => `must be "right", "left" or "bi", not ${describeValue(iss.input)}` }).nullish(),
  labels: z
    .array(z.string({ error: missingOr('a relation type (string)') }).min(1, { error: 'relation type is empty' }), {
      error: missingOr('a list of relation types'),
    })
    .nullish(),
});

const annotationSchema = z.object(
  {
    result: z.array(z.unknown(), { error: missingOr('a list of result items') }),
    was_cancelled: z.boolean({ error: missingOr('true or false') }).nullish(),
  },
  { error: (iss) => `an annotation must be an object {"result": […]}, not ${describeValue(iss.input)}` },
);

const annotationList = z.array(annotationSchema, { error: missingOr('a list of annotations') }).nullish();
const taskId = z.union([z.int(), z.string()], { error: missingOr('a number or string') }).nullish();
const taskData = z.record(z.string(), z.unknown(), { error: missingOr('an object holding the task text, e.g. {"text": "…"}') });

/** One task. Unknown keys (meta, created_at, …) are allowed and dropped. */
export const labelStudioTaskSchema = z.object(
  {
    id: taskId,
    data: taskData,
    annotations: annotationList,
    completions: annotationList,
    predictions: annotationList,
  },
  { error: (iss) => `a task must be a JSON object, not ${describeValue(iss.input)}` },
);

/** An annotation as the API returns it, with its task inside. */
const annotationWithTaskSchema = z.object({
  result: z.array(z.unknown(), { error: missingOr('a list of result items') }),
  task: z.object({ id: taskId, data: taskData }, { error: missingOr('the task object {id, data}') }),
});

// ---------------------------------------------------------------------------------------------------
// Tasks into documents

/** What a task contributes, whichever shape it came in; paths are relative to the record. */
interface TaskView {
  id: string | undefined;
  data: Record<string, unknown>;
  dataPath: JsonPath;
  /** The result items of the chosen annotation (empty when none), and where they are. */
  result: unknown[];
  resultPath: JsonPath;
}

type ErrorAt = (path: JsonPath, message: string) => void;

function viewOf(value: unknown, err: ErrorAt): TaskView | null {
  const report = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
    for (const iss of issues) err(issuePath(iss.path), iss.message);
  };
  if (isPlainObject(value) && !('data' in value) && 'result' in value) {
    if (!('task' in value)) {
      err([], 'a single annotation without its task: it holds no text to import; export the tasks (JSON) from Label Studio instead');
      return null;
    }
    const r = annotationWithTaskSchema.safeParse(value);
    if (!r.success) {
      report(r.error.issues);
      return null;
    }
    const id = r.data.task.id;
    return { id: id === null || id === undefined ? undefined : String(id), data: r.data.task.data, dataPath: ['task', 'data'], result: r.data.result, resultPath: ['result'] };
  }
  const r = labelStudioTaskSchema.safeParse(value);
  if (!r.success) {
    report(r.error.issues);
    return null;
  }
  const task = r.data;
  const id = task.id === null || task.id === undefined ? undefined : String(task.id);
  for (const key of ['annotations', 'completions', 'predictions'] as const) {
    const list = task[key];
    if (!list || list.length === 0) continue;
    const k = list.findIndex((a) => a.was_cancelled !== true);
    if (k < 0) break; // every annotation was cancelled (skipped): no spans, and no falling back to predictions
    return { id, data: task.data, dataPath: ['data'], result: list[k]!.result, resultPath: [key, k, 'result'] };
  }
  return { id, data: task.data, dataPath: ['data'], result: [], resultPath: [] };
}

/** The data key holding the text, or null (reported) when there is none. */
function textKey(view: TaskView, err: ErrorAt): string | null {
  const { data } = view;
  if ('text' in data) {
    if (typeof data.text === 'string') return 'text';
    err([...view.dataPath, 'text'], `must be the document text (string), not ${describeValue(data.text)}`);
    return null;
  }
  for (const item of view.result) {
    const source = isPlainObject(item) ? item.source : undefined;
    if (typeof source === 'string' && source.startsWith('$') && typeof data[source.slice(1)] === 'string') return source.slice(1);
  }
  // `title` is the document title (as written here), never the text.
  const strings = Object.keys(data).filter((k) => typeof data[k] === 'string' && k !== 'title');
  if (strings.length === 1) return strings[0]!;
  const keys = Object.keys(data);
  err(
    view.dataPath,
    `no text to import: "data" has no "text"${keys.length > 0 ? ` (it has ${keys.map((k) => JSON.stringify(k)).join(', ')})` : ''}`,
  );
  return null;
}

type NoteAt = (path: JsonPath, message: string) => void;

function toDocument(value: unknown, line: () => number, file: string, err: ErrorAt, note: NoteAt): DatasetDocument | null {
  const view = viewOf(value, err);
  if (!view) return null;
  const key = textKey(view, err);
  if (key === null) return null;
  const text = view.data[key] as string;
  const map = new OffsetMap(text);
  const spans: DatasetSpan[] = [];
  let ok = true;
  /** Region id → index of its first span. */
  const regions = new Map<string, number>();
  /** Ids of every "labels" result, also those with errors (a relation naming one adds no error). */
  const labelIds = new Set<string>();
  const relationItems: { path: JsonPath; relation: z.infer<typeof labelStudioRelationSchema> }[] = [];
  view.result.forEach((item, k) => {
    const path = [...view.resultPath, k];
    if (!isPlainObject(item)) {
      err(path, `a result item must be an object, not ${describeValue(item)}`);
      ok = false;
      return;
    }
    if (item.type === 'relation') {
      const r = labelStudioRelationSchema.safeParse(item);
      if (r.success) relationItems.push({ path, relation: r.data });
      else {
        for (const iss of r.error.issues) err([...path, ...issuePath(iss.path)], iss.message);
        ok = false;
      }
      return;
    }
    if (item.type === 'labels' && (typeof item.id === 'string' || typeof item.id === 'number')) labelIds.add(String(item.id));
    if (item.type !== 'labels') {
      if (typeof item.type === 'string' && item.type.endsWith('labels')) {
        err([...path, 'type'], `"${item.type}" regions are not spans of the text; only "labels" results can be imported`);
        ok = false;
      } else if (typeof item.type !== 'string') {
        err([...path, 'type'], item.type === undefined ? 'missing; must be the result type, e.g. "labels"' : `must be the result type, e.g. "labels", not ${describeValue(item.type)}`);
        ok = false;
      }
      return; // choices, textarea, rating, …: not spans
    }
    const r = labelStudioRegionSchema.safeParse(item);
    if (!r.success) {
      for (const iss of r.error.issues) err([...path, ...issuePath(iss.path)], iss.message);
      ok = false;
      return;
    }
    const { start, end, text: said, labels } = r.data.value;
    if (end <= start) {
      err([...path, 'value', 'end'], `end ${end} is not after start ${start} (end is exclusive)`);
      ok = false;
    } else if (end > map.length) {
      err([...path, 'value', start >= map.length ? 'start' : 'end'], `span [${start}, ${end}) goes beyond the text, which is ${map.length} code points long`);
      ok = false;
    } else {
      const actual = map.slice(start, end);
      if (said !== undefined && said !== actual) {
        err([...path, 'value', 'text'], `is ${JSON.stringify(said)}, but the text at [${start}, ${end}) is ${JSON.stringify(actual)}`);
        ok = false;
      } else {
        const id = r.data.id;
        if (id !== undefined && id !== null && !regions.has(String(id))) regions.set(String(id), spans.length);
        for (const label of labels) spans.push({ start, end, label, text: actual });
      }
    }
  });

  const relations = new RelationCollector(spans);
  const found: { path: JsonPath; type: string; from: number; to: number }[] = [];
  for (const { path, relation: r } of relationItems) {
    const end = (key: 'from_id' | 'to_id'): number | undefined => {
      const id = String(r[key]);
      const at = regions.get(id);
      if (at === undefined && !labelIds.has(id)) err([...path, key], `names no "labels" result of this annotation: none has the id ${JSON.stringify(r[key])}`);
      return at;
    };
    const a = end('from_id');
    const b = end('to_id');
    if (a === undefined || b === undefined) {
      ok = false;
      continue;
    }
    if (r.direction === 'bi') note(path, 'a relation both ways ("bi") is read as one from from_id to to_id ("right")');
    const [from, to] = r.direction === 'left' ? [b, a] : [a, b];
    if (r.labels && r.labels.length > 0) {
      for (const type of r.labels) found.push({ path, type, from, to });
    } else {
      note(path, `a relation without labels: imported as "${UNLABELLED_RELATION}"`);
      found.push({ path, type: UNLABELLED_RELATION, from, to });
    }
  }
  if (!ok) return null;
  for (const r of found) relations.add(r.type, r.from, r.to, (message) => note(r.path, message));
  const title = typeof view.data.title === 'string' && view.data.title !== '' && key !== 'title' ? view.data.title : (view.id ?? `${file} #${line()}`);
  return { ...(view.id !== undefined ? { id: view.id } : {}), title, text, spans, ...relations.field };
}

export function parseLabelStudio(content: string, fileName: string): ParseResult {
  const src = stripBom(content);
  if (src.trim() === '') return { ok: true, documents: [] };
  const parsed = parseLocatedJson(src);
  if (!parsed.ok) return { ok: false, errors: [{ file: fileName, line: parsed.line, message: parsed.message }] };
  const errors: FormatError[] = [];
  const notes: string[] = [];
  const documents: DatasetDocument[] = [];
  if (!Array.isArray(parsed.value) && !isPlainObject(parsed.value)) {
    return { ok: false, errors: [{ file: fileName, line: 1, message: `must be a list of tasks or one task, not ${describeValue(parsed.value)}` }] };
  }
  const records: { value: unknown; prefix: JsonPath }[] = Array.isArray(parsed.value)
    ? parsed.value.map((value, k) => ({ value, prefix: [k] }))
    : [{ value: parsed.value, prefix: [] }];
  for (const { value, prefix } of records) {
    const err: ErrorAt = (path, message) =>
      errors.push(fieldError(fileName, parsed.lineOf([...prefix, ...path]), path, message));
    const note: NoteAt = (path, message) => {
      const line = parsed.lineOf([...prefix, ...path]);
      notes.push(`${fileName}:${line}: ${fieldPath(path)}: ${message}`);
    };
    const doc = toDocument(value, () => parsed.lineOf(prefix), fileName, err, note);
    if (doc) documents.push(doc);
  }
  const withNotes = notes.length > 0 ? { notes } : {};
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { ok: false, errors, ...withNotes };
  }
  return { ok: true, documents, ...withNotes };
}

// ---------------------------------------------------------------------------------------------------
// Export

/** The task list of `docs`; relations that cannot be written are left out, each with a line in `report`. */
export function serializeLabelStudio(docs: ExportDocument[], report: string[] = []): string {
  verifyForExport(docs);
  const tasks = docs.map((d) => {
    const sorted = [...d.spans].sort(compareSpans);
    const regions: object[] = sorted.map((s) => ({
      id: s.id,
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start: s.start, end: s.end, text: s.text, labels: [s.label] },
    }));
    const relations = exportRelations(d, sorted, report).map((r) => ({
      from_id: sorted[r.from]!.id,
      to_id: sorted[r.to]!.id,
      type: 'relation',
      direction: 'right',
      labels: [r.type],
    }));
    return { id: d.id, data: { text: d.text, title: d.title }, annotations: [{ result: [...regions, ...relations] }] };
  });
  return JSON.stringify(tasks, null, 2) + '\n';
}

export const labelStudio: Format = {
  id: 'label-studio',
  name: 'Label Studio JSON',
  extension: 'json',
  nesting: true,
  relations: true,
  read: (files) => readEach(files, parseLabelStudio),
  write: (docs, options) => {
    const report: string[] = [];
    const content = serializeLabelStudio(docs, report);
    return { files: [{ name: `${options?.baseName ?? 'dataset'}.json`, content }], report };
  },
};
