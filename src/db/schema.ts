/**
 * Shapes of the records in IndexedDB. The database outlives every version of the code that wrote to it
 * (and anyone can edit it in devtools), so nothing read back is trusted: every record passes through
 * one of these schemas, and a bad one becomes a RecordError that names the table and the record, at the
 * store, instead of an undefined deep inside a component.
 */
import { z } from 'zod';
import type { Boundaries, Comment, Decision, Doc, DocStatus, Label, Project, Relation, RelationType, Span } from '../core/index.ts';

const Id = z.string().min(1);
const Time = z.number().int().nonnegative();
const Offset = z.number().int().nonnegative();

export const LabelRecord = z.object({
  id: z.string().min(1),
  zh: z.string(),
  en: z.string(),
  color: z.string(),
  hotkey: z.string(),
  nestsIn: z.array(z.string()),
  attributes: z
    .array(z.object({ id: z.string().min(1), zh: z.string(), en: z.string(), values: z.array(z.string().min(1)) }))
    .optional(),
});

export const RelationTypeRecord = z.object({
  id: z.string().min(1),
  zh: z.string(),
  en: z.string(),
  from: z.array(z.string()).readonly(),
  to: z.array(z.string()).readonly(),
});

export const ProjectRecord = z.object({
  id: Id,
  name: z.string(),
  // readonly to match LabelSet exactly (see the type checks at the end of this file).
  labels: z.array(LabelRecord).readonly(),
  createdAt: Time,
  dictionary: z.array(z.tuple([z.string().min(1), z.string().min(1)])).optional(),
  rejected: z.array(z.string()).optional(),
  relationTypes: z.array(RelationTypeRecord).readonly().optional(),
});
export type ProjectRecord = z.infer<typeof ProjectRecord>;

const STATUSES = ['new', 'in-progress', 'done', 'reviewed'] as const satisfies readonly DocStatus[];

export const DocumentRecord = z.object({
  id: Id,
  projectId: Id,
  title: z.string(),
  text: z.string(),
  textHash: z.string().min(1),
  sourceHash: z.string().min(1).optional(),
  status: z.enum(STATUSES),
  createdAt: Time,
  updatedAt: Time,
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

export const SpanRecord = z
  .object({
    id: Id,
    docId: Id,
    start: Offset,
    end: Offset,
    label: z.string().min(1),
    text: z.string(),
    source: z.enum(['manual', 'suggested', 'imported']).optional(),
    value: z
      .object({ value: z.number().refine(Number.isFinite, 'must be a finite number'), unit: z.string(), qualifier: z.enum(['>=', '<=', '~', '=']) })
      .optional(),
    attributes: z.record(z.string(), z.string()).optional(),
    layer: z.string().optional(),
    by: z.string().optional(),
    at: Time.optional(),
  })
  .refine((s) => s.end > s.start, { message: 'end must be greater than start', path: ['end'] });
export type SpanRecord = z.infer<typeof SpanRecord>;

/** A relation between two spans of one document (core/relations.ts). */
export const RelationRecord = z
  .object({
    id: Id,
    docId: Id,
    fromId: Id,
    toId: Id,
    type: z.string().min(1),
    source: z.enum(['manual', 'suggested', 'imported']).optional(),
    layer: z.string().optional(),
    by: z.string().optional(),
    at: Time.optional(),
  })
  .refine((r) => r.fromId !== r.toId, { message: 'a relation needs two different spans', path: ['toId'] });
export type RelationRecord = z.infer<typeof RelationRecord>;

export const CommentRecord = z.object({
  id: Id,
  docId: Id,
  spanId: Id,
  layer: z.string().optional(),
  text: z.string().min(1),
  by: z.string().optional(),
  at: Time.optional(),
});
export type CommentRecord = z.infer<typeof CommentRecord>;

const Choice = z.union([
  z.object({ take: z.string() }),
  z.object({ both: z.literal(true) }),
  z.object({ neither: z.literal(true) }),
  z.object({ edited: z.literal(true) }),
  z.object({ agreed: z.literal(true) }),
]);

export const DecisionRecord = z
  .object({ id: Id, docId: Id, start: Offset, end: Offset, choice: Choice, by: z.string().optional(), at: Time.optional() })
  .refine((d) => d.end > d.start, { message: 'end must be greater than start', path: ['end'] });
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** Reserved for multi-annotator projects. */
export const AnnotatorRecord = z.object({
  id: Id,
  name: z.string(),
});
export type AnnotatorRecord = z.infer<typeof AnnotatorRecord>;

// A tag check rather than instanceof, so an array made in another realm (worker, iframe, test VM) passes.
const Uint32 = z.custom<Boundaries>(
  (v) => ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint32Array]',
  { message: 'expected a Uint32Array' },
);

/** Word boundaries of a document, valid only while the document text still hashes to `textHash`. */
export const TokenCacheRecord = z.object({
  docId: Id,
  textHash: z.string().min(1),
  boundaries: Uint32,
});
export type TokenCacheRecord = z.infer<typeof TokenCacheRecord>;

export type TableName = 'projects' | 'documents' | 'spans' | 'relations' | 'annotators' | 'tokens' | 'comments' | 'decisions';

/** A record that failed its schema, on the way in ('write') or out ('read') of the database. */
export class RecordError extends Error {
  override readonly name = 'RecordError';
  readonly table: TableName;
  readonly key: string;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(table: TableName, key: string, issues: readonly z.core.$ZodIssue[], when: 'read' | 'write') {
    const what = `${table} record ${JSON.stringify(key)}`;
    const head = when === 'read' ? `Stored ${what} is invalid` : `Refused to store invalid ${what}`;
    super(`${head}: ${describeIssues(issues)}`);
    this.table = table;
    this.key = key;
    this.issues = issues;
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(record)'}: ${i.message}`)
    .concat(issues.length > 5 ? [`and ${issues.length - 5} more`] : [])
    .join('; ');
}

/** The key a record is known by, for error messages: its id when it has one. */
function keyOf(raw: unknown, fallback: string): string {
  if (raw !== null && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    const k = r['id'] ?? r['docId'];
    if (typeof k === 'string' || typeof k === 'number') return String(k);
  }
  return fallback;
}

/** Validates a record read from `table`; throws RecordError naming it. */
export function readRecord<T>(schema: z.ZodType<T>, table: TableName, raw: unknown, key = keyOf(raw, '?')): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new RecordError(table, key, r.error.issues, 'read');
  return r.data;
}

/**
 * A span read back, checked against SpanRecord. Spans are read by the ten thousand (a long document, a
 * project's export), and zod spends about two microseconds on each, a fifth of an export's time; so a
 * record in the shape this app writes — only the fields below, each of the right type, no value or
 * attributes — is checked here by hand and taken as it is. Anything else goes through SpanRecord,
 * which decides and names the fault. A property test holds the two to the same answers.
 */
export function readSpan(raw: unknown): Span {
  return plainSpan(raw) ? raw : readRecord(SpanRecord, 'spans', raw);
}

const PLAIN_SPAN_KEYS: ReadonlySet<string> = new Set(['id', 'docId', 'start', 'end', 'label', 'text', 'source', 'layer', 'by', 'at']);
const SOURCES: ReadonlySet<unknown> = new Set(['manual', 'suggested', 'imported']);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isName = (v: unknown): v is string => typeof v === 'string' && v !== '';
const optional = (v: unknown, test: (v: unknown) => boolean) => v === undefined || test(v);

function plainSpan(raw: unknown): raw is Span {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.getPrototypeOf(raw) !== Object.prototype) return false;
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!PLAIN_SPAN_KEYS.has(k)) return false;
  return (
    isName(r['id']) &&
    isName(r['docId']) &&
    isCount(r['start']) &&
    isCount(r['end']) &&
    r['end'] > r['start'] &&
    isName(r['label']) &&
    typeof r['text'] === 'string' &&
    optional(r['source'], (v) => SOURCES.has(v)) &&
    optional(r['layer'], (v) => typeof v === 'string') &&
    optional(r['by'], (v) => typeof v === 'string') &&
    optional(r['at'], isCount)
  );
}

/** Validates a record about to be written to `table`; throws RecordError naming it. */
export function checkRecord<T>(schema: z.ZodType<T>, table: TableName, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new RecordError(table, keyOf(raw, '?'), r.error.issues, 'write');
  return r.data;
}

// Compile-time proof that the stored records are the core types and nothing else: if a field is added to
// Span (say) without the schema learning it, zod would strip it on every read and tsc fails here instead.
// Exact type equality: mutual assignability would let an optional field missing on one side pass.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
export type RecordTypeChecks = [
  Expect<Same<z.infer<typeof LabelRecord>, Label>>,
  Expect<Same<ProjectRecord, Project>>,
  Expect<Same<DocumentRecord, Doc>>,
  Expect<Same<SpanRecord, Span>>,
  Expect<Same<RelationRecord, Relation>>,
  Expect<Same<z.infer<typeof RelationTypeRecord>, RelationType>>,
  Expect<Same<CommentRecord, Comment>>,
  Expect<Same<DecisionRecord, Decision>>,
];
