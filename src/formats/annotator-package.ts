/**
 * The annotator package: Zhengbiao's own exchange file (`<project>-<name>.zbpkg.json`), one annotator's
 * layer over a project's documents, sent to the reviewer who puts the layers side by side. It is not a
 * dataset format (not in the registry): only Zhengbiao writes and reads it.
 *
 *   {"zhengbiao": "annotator-package", "version": 1, "annotator": "<name>", "exportedAt": <ms>,
 *    "project": {"name", "labels": [Label…], "relationTypes": [RelationType…]},
 *    "documents": [{"title", "textHash", "text",
 *      "spans": [{id, start, end, label, text, source?, value?, attributes?, by?, at?}],
 *      "relations": [{id, fromId, toId, type, source?, by?, at?}],
 *      "comments": [{id, spanId, text, by?, at?, layer?}]}]}
 *
 * OFFSETS are code points, end exclusive (as everywhere in Zhengbiao): '𠀀利安隆' tags 利安隆 as [1, 4).
 * A span's `text` must equal the document text between its offsets. Ids are the exporter's own; they
 * only tie relations and comments to spans inside the file, and the importer gives everything new ids.
 *
 * Why the TEXT travels in the package: a reviewer who starts with an empty project can begin from the
 * package alone (its documents are created); and the offsets mean nothing without the exact text.
 * Why the HASH (hashText of the text): documents are matched to the reviewer's by content, not by id or
 * title (each browser has its own ids, and titles get renamed), and it proves the text was not edited
 * on the way: a package whose text and hash differ was edited or damaged, and is refused.
 *
 * `parsePackage` returns the package or every error, each with file, line and field; it stops early only
 * when the file is not a version-1 package at all (wrong `zhengbiao` or `version`), as nothing else in it
 * could be read then.
 */
import { z } from 'zod';
import { hashText } from '../core/document.ts';
import type { Label } from '../core/labels.ts';
import { annotatorNameProblem, GOLD_LAYER, type Comment } from '../core/layers.ts';
import { OffsetMap } from '../core/offsets.ts';
import type { Relation, RelationType } from '../core/relations.ts';
import type { Span } from '../core/spans.ts';
import { describeValue, fieldError, isPlainObject, issuePath, missingOr, parseLocatedJson, stripBom, type JsonPath } from './json-source.ts';
import type { FormatError } from './types.ts';

export const PACKAGE_KIND = 'annotator-package';
export const PACKAGE_VERSION = 1;
/** The file name ends with this, so people (and the file picker) can tell a package from a dataset. */
export const PACKAGE_SUFFIX = '.zbpkg.json';

// ---------------------------------------------------------------------------------------------------
// Schema

const id = z.string({ error: missingOr('an id (string)') }).min(1, { error: 'is empty' });
const offset = z.int({ error: missingOr('a whole number of code points') }).min(0, { error: 'must not be negative' });
const time = z.int({ error: missingOr('a time in ms since 1970') }).min(0, { error: 'must not be negative' });
const str = (what: string) => z.string({ error: missingOr(what) });
const source = z.enum(['manual', 'suggested', 'imported'], { error: (iss) => `must be "manual", "suggested" or "imported", not ${describeValue(iss.input)}` });

const labelSchema = z.object({
  id: str('a label id (string)').min(1, { error: 'is empty' }),
  zh: str('a Chinese name (string)'),
  en: str('an English name (string)'),
  color: str('a CSS colour (string)'),
  hotkey: str('a hotkey (string)'),
  nestsIn: z.array(z.string(), { error: missingOr('a list of label ids') }),
  attributes: z
    .array(
      z.object({
        id: str('an attribute id (string)').min(1, { error: 'is empty' }),
        zh: str('a Chinese name (string)'),
        en: str('an English name (string)'),
        values: z.array(z.string().min(1, { error: 'is empty' }), { error: missingOr('a list of values') }),
      }),
      { error: missingOr('a list of attributes') },
    )
    .optional(),
});

const relationTypeSchema = z.object({
  id: str('a relation type id (string)').min(1, { error: 'is empty' }),
  zh: str('a Chinese name (string)'),
  en: str('an English name (string)'),
  from: z.array(z.string(), { error: missingOr('a list of label ids') }).readonly(),
  to: z.array(z.string(), { error: missingOr('a list of label ids') }).readonly(),
});

const spanSchema = z
  .object({
    id,
    start: offset,
    end: offset,
    label: str('a label id (string)').min(1, { error: 'is empty' }),
    text: str('the text between the offsets (string)'),
    source: source.optional(),
    value: z
      .object({
        value: z.number({ error: missingOr('a number') }).refine(Number.isFinite, 'must be a finite number'),
        unit: str('a unit (string)'),
        qualifier: z.enum(['>=', '<=', '~', '='], { error: (iss) => `must be ">=", "<=", "~" or "=", not ${describeValue(iss.input)}` }),
      })
      .optional(),
    attributes: z.record(z.string(), z.string({ error: missingOr('an attribute value (string)') })).optional(),
    by: str('a name (string)').optional(),
    at: time.optional(),
  })
  .refine((s) => s.end > s.start, { message: 'end must be greater than start', path: ['end'] });

const relationSchema = z
  .object({
    id,
    fromId: id,
    toId: id,
    type: str('a relation type id (string)').min(1, { error: 'is empty' }),
    source: source.optional(),
    by: str('a name (string)').optional(),
    at: time.optional(),
  })
  .refine((r) => r.fromId !== r.toId, { message: 'a relation needs two different spans', path: ['toId'] });

const commentSchema = z.object({
  id,
  spanId: id,
  text: str('the comment (string)').min(1, { error: 'is empty' }),
  by: str('a name (string)').optional(),
  at: time.optional(),
  layer: z.string({ error: missingOr('a layer name (string)') }).optional(),
});

const documentSchema = z.object(
  {
    title: str('a title (string)'),
    textHash: str('the hash of the text (string)').min(1, { error: 'is empty' }),
    text: str('the document text (string)'),
    spans: z.array(spanSchema, { error: missingOr('a list of spans') }),
    relations: z.array(relationSchema, { error: missingOr('a list of relations') }),
    comments: z.array(commentSchema, { error: missingOr('a list of comments') }),
  },
  { error: (iss) => `a document must be an object, not ${describeValue(iss.input)}` },
);

const headerSchema = z.object({
  zhengbiao: z.literal(PACKAGE_KIND),
  version: z.literal(PACKAGE_VERSION),
  annotator: str("the annotator's name (string)"),
  exportedAt: time,
  project: z.object(
    {
      name: str('the project name (string)'),
      labels: z.array(labelSchema, { error: missingOr('a list of labels') }),
      relationTypes: z.array(relationTypeSchema, { error: missingOr('a list of relation types') }),
    },
    { error: missingOr('an object {name, labels, relationTypes}') },
  ),
  documents: z.array(z.unknown(), { error: missingOr('a list of documents') }),
});

export type PackageSpan = z.infer<typeof spanSchema>;
export type PackageRelation = z.infer<typeof relationSchema>;
export type PackageComment = z.infer<typeof commentSchema>;
export type PackageDocument = z.infer<typeof documentSchema>;

export interface AnnotatorPackage {
  zhengbiao: typeof PACKAGE_KIND;
  version: typeof PACKAGE_VERSION;
  /** Whose layer this is; it becomes the layer's name in the reviewer's project. */
  annotator: string;
  exportedAt: number;
  project: { name: string; labels: Label[]; relationTypes: RelationType[] };
  documents: PackageDocument[];
}

// The package's records are the core records less what belongs to one browser (docId, layer): a field
// added to Span (say) without the package learning it fails here rather than vanish on the way.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
export type PackageTypeChecks = [
  Expect<Same<PackageSpan, Omit<Span, 'docId' | 'layer'>>>,
  Expect<Same<PackageRelation, Omit<Relation, 'docId' | 'layer'>>>,
  Expect<Same<PackageComment, Omit<Comment, 'docId'>>>,
  Expect<Same<z.infer<typeof labelSchema>, Label>>,
  Expect<Same<z.infer<typeof relationTypeSchema>, RelationType>>,
];

// ---------------------------------------------------------------------------------------------------
// Reading

export type PackageParse = { ok: true; package: AnnotatorPackage } | { ok: false; errors: FormatError[] };

/** Why `name` cannot be the annotator of a package, or null. */
export function packageAnnotatorProblem(name: string): string | null {
  if (name === GOLD_LAYER) return 'the gold layer is not an annotator\'s layer: export it as a dataset instead';
  const problem = annotatorNameProblem(name);
  if (problem) return problem;
  return name !== name.trim() ? 'a name cannot start or end with white space' : null;
}

export function parsePackage(content: string, fileName: string): PackageParse {
  const src = stripBom(content);
  if (src.trim() === '') return fail([{ file: fileName, line: 1, message: 'the file is empty' }]);
  const parsed = parseLocatedJson(src);
  if (!parsed.ok) return fail([{ file: fileName, line: parsed.line, message: parsed.message }]);
  const errors: FormatError[] = [];
  const err = (path: JsonPath, message: string) => errors.push(fieldError(fileName, parsed.lineOf(path), path, message));
  const root = parsed.value;
  if (!isPlainObject(root)) {
    err([], `not a Zhengbiao annotator package: expected an object, not ${describeValue(root)}`);
    return fail(errors);
  }
  if (root['zhengbiao'] !== PACKAGE_KIND) {
    err(['zhengbiao'], `not a Zhengbiao annotator package: "zhengbiao" must be "${PACKAGE_KIND}", not ${describeValue(root['zhengbiao'])}`);
    return fail(errors);
  }
  if (root['version'] !== PACKAGE_VERSION) {
    const v = root['version'];
    const newer = typeof v === 'number' && v > PACKAGE_VERSION;
    err(['version'], newer ? `version ${v} was written by a newer Zhengbiao; this one reads version ${PACKAGE_VERSION}` : `must be ${PACKAGE_VERSION}, not ${describeValue(v)}`);
    return fail(errors);
  }

  const header = headerSchema.safeParse(root);
  if (!header.success) for (const iss of header.error.issues) err(issuePath(iss.path), iss.message);
  if (typeof root['annotator'] === 'string') {
    const problem = packageAnnotatorProblem(root['annotator']);
    if (problem) err(['annotator'], problem);
  }

  const documents: PackageDocument[] = [];
  const seenHashes = new Map<string, number>();
  const rawDocs = Array.isArray(root['documents']) ? root['documents'] : [];
  rawDocs.forEach((raw, i) => {
    const at = (path: JsonPath): JsonPath => ['documents', i, ...path];
    const r = documentSchema.safeParse(raw);
    if (!r.success) for (const iss of r.error.issues) err(at(issuePath(iss.path)), iss.message);
    else documentProblems(r.data, (path, message) => err(at(path), message));
    const hash = isPlainObject(raw) ? raw['textHash'] : undefined;
    if (typeof hash === 'string') {
      const twin = seenHashes.get(hash);
      const title = (k: number) => describeValue((rawDocs[k] as Record<string, unknown>)['title']);
      if (twin !== undefined) err(at(['textHash']), `the same text as document ${twin + 1} (${title(twin)}): a package holds each text once`);
      else seenHashes.set(hash, i);
    }
    if (r.success) documents.push(r.data);
  });

  if (errors.length > 0 || !header.success) return fail(errors);
  const { zhengbiao, version, annotator, exportedAt, project } = header.data;
  return { ok: true, package: { zhengbiao, version, annotator, exportedAt, project, documents } };
}

/** What is wrong inside one well-formed document: hash, offsets, span texts, dangling ids. */
export function documentProblems(doc: PackageDocument, err: (path: JsonPath, message: string) => void): void {
  if (hashText(doc.text) !== doc.textHash) err(['textHash'], 'text and hash differ: the file was edited or damaged');
  const text = new OffsetMap(doc.text);
  const spanIds = new Set<string>();
  doc.spans.forEach((s, k) => {
    if (spanIds.has(s.id)) err(['spans', k, 'id'], `span id ${JSON.stringify(s.id)} is used twice`);
    spanIds.add(s.id);
    if (s.end > text.length) err(['spans', k, 'end'], `${s.end} is past the end of the text (${text.length} code points)`);
    else if (text.slice(s.start, s.end) !== s.text) {
      err(['spans', k, 'text'], `${describeValue(s.text)} is not the text at [${s.start}, ${s.end}), which reads ${describeValue(text.slice(s.start, s.end))}`);
    }
  });
  const relationIds = new Set<string>();
  doc.relations.forEach((r, k) => {
    if (relationIds.has(r.id)) err(['relations', k, 'id'], `relation id ${JSON.stringify(r.id)} is used twice`);
    relationIds.add(r.id);
    for (const end of ['fromId', 'toId'] as const) {
      if (!spanIds.has(r[end])) err(['relations', k, end], `points at span ${JSON.stringify(r[end])}, which the document does not have`);
    }
  });
  const commentIds = new Set<string>();
  doc.comments.forEach((c, k) => {
    if (commentIds.has(c.id)) err(['comments', k, 'id'], `comment id ${JSON.stringify(c.id)} is used twice`);
    commentIds.add(c.id);
    if (!spanIds.has(c.spanId)) err(['comments', k, 'spanId'], `points at span ${JSON.stringify(c.spanId)}, which the document does not have`);
  });
}

function fail(errors: FormatError[]): PackageParse {
  errors.sort((a, b) => a.line - b.line);
  return { ok: false, errors };
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** The package as pretty-printed JSON, with a final newline. */
export function serializePackage(pkg: AnnotatorPackage): string {
  return JSON.stringify(pkg, null, 2) + '\n';
}

/** `<project>-<annotator>.zbpkg.json`, with the characters file systems refuse replaced. */
export function packageFileName(projectName: string, annotator: string): string {
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');
  return `${safe(projectName)}-${safe(annotator)}${PACKAGE_SUFFIX}`;
}
