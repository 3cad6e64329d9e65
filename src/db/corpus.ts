/**
 * Managing the documents of a project: the first start, listing and adding them, rename, status,
 * delete and restore, replacing the text of an unannotated document, and finding texts already
 * present. Each function is one transaction; the Store wraps them and tells the other tabs.
 */
import {
  DEFAULT_LABELS,
  codePointLength,
  hashText,
  layerOf,
  newId,
  type Doc,
  type DocStatus,
  type Project,
  type Relation,
  type Span,
} from '../core/index.ts';
import type { ZhengbiaoDB } from './database.ts';
import { CommentRecord, DecisionRecord, DocumentRecord, ProjectRecord, RelationRecord, SpanRecord, checkRecord, readRecord, readSpan } from './schema.ts';
import { byCreated, now, walk } from './support.ts';

export const DEFAULT_PROJECT_NAME = '默认项目 Default project';

export interface DocSummary {
  id: string;
  title: string;
  /** Code points. */
  length: number;
  status: DocStatus;
  updatedAt: number;
  /** Spans per label id. */
  spanCounts: Record<string, number>;
}

/** Everything a deleted document took with it, to put back on undo. */
export interface DeletedDocument {
  doc: Doc;
  spans: Span[];
  relations: RelationRecord[];
  comments: CommentRecord[];
  decisions: DecisionRecord[];
}

/** A new document's record, checked; `sourceHash` is kept only when it differs from the text's hash. */
export function newDocument(projectId: string, title: string, text: string, status: DocStatus, sourceHash?: string): Doc {
  const t = now();
  const textHash = hashText(text);
  return checkRecord(DocumentRecord, 'documents', {
    id: newId(),
    projectId,
    title,
    text,
    textHash,
    ...(sourceHash !== undefined && sourceHash !== textHash ? { sourceHash } : {}),
    status,
    createdAt: t,
    updatedAt: t,
  });
}

/**
 * First start: creates the default project with the seed as its first document. The check and the
 * writes share one read-write transaction, and IndexedDB runs overlapping read-write transactions one
 * at a time even across tabs, so two tabs starting together still make one project. `created` says
 * whether this call made it.
 */
export async function ensureStarted(
  db: ZhengbiaoDB,
  seed: { title: string; text: string },
): Promise<{ project: Project; doc: Doc | undefined; created: boolean }> {
  return db.transaction('rw', db.projects, db.documents, async () => {
    const projects = (await db.projects.toArray()).map((r) => readRecord(ProjectRecord, 'projects', r));
    const first = projects.sort(byCreated)[0];
    if (first) {
      return { project: first, doc: await firstDocument(db, first.id), created: false };
    }
    const project = checkRecord(ProjectRecord, 'projects', {
      id: newId(),
      name: DEFAULT_PROJECT_NAME,
      labels: DEFAULT_LABELS,
      createdAt: now(),
    });
    const doc = newDocument(project.id, seed.title, seed.text, 'new');
    await db.projects.add(project);
    await db.documents.add(doc);
    return { project, doc: doc as Doc | undefined, created: true };
  });
}

/** Walks the project's documents keeping only the earliest, rather than holding every text at once. */
async function firstDocument(db: ZhengbiaoDB, projectId: string): Promise<Doc | undefined> {
  let first: Doc | undefined;
  await walk(db.documents.where('projectId').equals(projectId), (raw) => {
    const d = readRecord(DocumentRecord, 'documents', raw);
    if (!first || byCreated(d, first) < 0) first = d;
  });
  return first;
}

/**
 * The document list without the texts. Records are walked with a cursor rather than collected, so
 * only one document text at a time is held while its length is measured; spans (of `layer`, or all)
 * are counted through the docId index.
 */
export async function listDocuments(db: ZhengbiaoDB, projectId: string, layer?: string): Promise<DocSummary[]> {
  return db.transaction('r', db.documents, db.spans, async () => {
    const found: (DocSummary & { createdAt: number })[] = [];
    await walk(db.documents.where('projectId').equals(projectId), (raw) => {
      const d = readRecord(DocumentRecord, 'documents', raw);
      const { id, title, status, updatedAt, createdAt } = d;
      found.push({ id, title, length: codePointLength(d.text), status, updatedAt, createdAt, spanCounts: {} });
    });
    for (const summary of found) {
      await walk(db.spans.where('docId').equals(summary.id), (raw) => {
        const s = readSpan(raw);
        if (layer !== undefined && layerOf(s) !== layer) return;
        summary.spanCounts[s.label] = (summary.spanCounts[s.label] ?? 0) + 1;
      });
    }
    return found.sort(byCreated).map(({ createdAt: _, ...summary }) => summary);
  });
}

/** Adds a document without annotations; refused when the project is gone. */
export async function addDocument(db: ZhengbiaoDB, projectId: string, title: string, text: string): Promise<Doc> {
  const doc = newDocument(projectId, title, text, 'new');
  await db.transaction('rw', db.projects, db.documents, async () => {
    if (!(await db.projects.get(projectId))) throw new Error(`No project ${JSON.stringify(projectId)}`);
    await db.documents.add(doc);
  });
  return doc;
}

async function load(db: ZhengbiaoDB, id: string): Promise<Doc> {
  const raw = await db.documents.get(id);
  if (!raw) throw new Error(`No document ${JSON.stringify(id)}`);
  return readRecord(DocumentRecord, 'documents', raw, id);
}

export async function updateDocument(db: ZhengbiaoDB, id: string, patch: { title?: string; status?: DocStatus }): Promise<Doc> {
  return db.transaction('rw', db.documents, async () => {
    const doc = await load(db, id);
    const next = checkRecord(DocumentRecord, 'documents', { ...doc, ...patch, updatedAt: now() });
    await db.documents.put(next);
    return next;
  });
}

export async function deleteDocument(db: ZhengbiaoDB, id: string): Promise<DeletedDocument> {
  return db.transaction('rw', [db.documents, db.spans, db.relations, db.comments, db.decisions, db.tokens], async () => {
    const doc = await load(db, id);
    const spans = (await db.spans.where('docId').equals(id).toArray()).map((r) => readSpan(r));
    const relations = (await db.relations.where('docId').equals(id).toArray()).map((r) => readRecord(RelationRecord, 'relations', r));
    const comments = (await db.comments.where('docId').equals(id).toArray()).map((r) => readRecord(CommentRecord, 'comments', r));
    const decisions = (await db.decisions.where('docId').equals(id).toArray()).map((r) => readRecord(DecisionRecord, 'decisions', r));
    for (const table of [db.spans, db.relations, db.comments, db.decisions]) await table.where('docId').equals(id).delete();
    await db.tokens.delete(id);
    await db.documents.delete(id);
    return { doc, spans, relations, comments, decisions };
  });
}

export async function restoreDocument(db: ZhengbiaoDB, d: DeletedDocument): Promise<void> {
  await db.transaction('rw', [db.projects, db.documents, db.spans, db.relations, db.comments, db.decisions], async () => {
    if (!(await db.projects.get(d.doc.projectId))) throw new Error('its project no longer exists');
    await db.documents.add(checkRecord(DocumentRecord, 'documents', d.doc));
    await db.spans.bulkAdd(d.spans.map((s) => checkRecord(SpanRecord, 'spans', s)));
    await db.relations.bulkAdd(d.relations.map((r) => checkRecord(RelationRecord, 'relations', r)));
    await db.comments.bulkAdd(d.comments.map((c) => checkRecord(CommentRecord, 'comments', c)));
    await db.decisions.bulkAdd(d.decisions.map((c) => checkRecord(DecisionRecord, 'decisions', c)));
  });
}

/**
 * Replaces the text of a document that has no spans yet (cleaning). Offsets point into the text, so
 * the text of an annotated document never changes: that is refused inside the same transaction.
 */
export async function replaceText(db: ZhengbiaoDB, id: string, text: string): Promise<Doc> {
  return db.transaction('rw', [db.documents, db.spans, db.tokens], async () => {
    const doc = await load(db, id);
    const spans = await db.spans.where('docId').equals(id).count();
    if (spans > 0) throw new Error(`"${doc.title}" has ${spans} span(s): the text of an annotated document never changes`);
    const sourceHash = doc.sourceHash ?? doc.textHash;
    const next = checkRecord(DocumentRecord, 'documents', { ...doc, text, textHash: hashText(text), sourceHash, updatedAt: now() });
    await db.documents.put(next);
    await db.tokens.delete(id);
    return next;
  });
}

/**
 * Which of `hashes` belong to texts already in the project — as stored, or as they were before
 * cleaning — each with the title of the document holding it.
 */
export async function existingTexts(db: ZhengbiaoDB, projectId: string, hashes: string[]): Promise<Map<string, string>> {
  const wanted = new Set(hashes);
  const keys = [...wanted].map((h) => [projectId, h]);
  const found = new Map<string, string>();
  await db.transaction('r', db.documents, async () => {
    const rows = [
      ...(await db.documents.where('[projectId+textHash]').anyOf(keys).toArray()),
      ...(await db.documents.where('[projectId+sourceHash]').anyOf(keys).toArray()),
    ];
    for (const raw of rows) {
      const d = readRecord(DocumentRecord, 'documents', raw);
      for (const h of [d.textHash, d.sourceHash]) if (h !== undefined && wanted.has(h)) found.set(h, d.title);
    }
  });
  return found;
}

/** Titles and texts of a project's documents, for searching it. */
export async function projectTexts(db: ZhengbiaoDB, projectId: string): Promise<Pick<Doc, 'id' | 'title' | 'text' | 'createdAt'>[]> {
  const rows = await db.documents.where('projectId').equals(projectId).toArray();
  return rows
    .map((raw) => readRecord(DocumentRecord, 'documents', raw))
    .sort((a, b) => a.createdAt - b.createdAt)
    .map(({ id, title, text, createdAt }) => ({ id, title, text, createdAt }));
}

export type ProjectPatch = Partial<Pick<Project, 'name' | 'labels' | 'dictionary' | 'rejected'>>;

/** Changes a project's settings: its label set, dictionary or rejected suggestions. */
export async function updateProject(db: ZhengbiaoDB, projectId: string, patch: ProjectPatch): Promise<Project> {
  return db.transaction('rw', db.projects, async () => {
    const raw = await db.projects.get(projectId);
    if (!raw) throw new Error(`No project ${JSON.stringify(projectId)}`);
    const next = checkRecord(ProjectRecord, 'projects', { ...readRecord(ProjectRecord, 'projects', raw, projectId), ...patch });
    await db.projects.put(next);
    return next;
  });
}

/** Label and text of every span in the project (what the suggesters learn from). */
export async function projectSpanTexts(db: ZhengbiaoDB, projectId: string): Promise<{ docId: string; label: string; text: string }[]> {
  return db.transaction('r', db.documents, db.spans, async () => {
    const ids = (await db.documents.where('projectId').equals(projectId).primaryKeys()) as string[];
    const rows = await db.spans.where('docId').anyOf(ids).toArray();
    return rows.map((raw) => {
      const s = readSpan(raw);
      return { docId: s.docId, label: s.label, text: s.text };
    });
  });
}

/** Every document of the project with its spans and relations, read in one transaction (the target table). */
export async function projectAnnotations(db: ZhengbiaoDB, projectId: string, withRelations = true): Promise<{ docs: Doc[]; spans: Span[]; relations: Relation[] }> {
  return db.transaction('r', [db.documents, db.spans, db.relations], async () => {
    // The documents' keys first (cheap), so that their texts and their spans are asked for together
    // rather than one after the other; one getAll per document, all issued at once: `anyOf` walks a
    // cursor record by record, which took over a second for 50,000 spans.
    const [ids, relationTotal] = await Promise.all([db.documents.where('projectId').equals(projectId).primaryKeys(), withRelations ? db.relations.count() : 0]);
    // Relations are few beside spans: while the whole table holds no more than ten per document of
    // this project, reading all of it and keeping the project's costs less than a request per document.
    const ofProject = new Set(ids);
    const readRelations = async () =>
      relationTotal <= 10 * ids.length
        ? [(await db.relations.toArray()).filter((r) => ofProject.has(r.docId))]
        : Promise.all(ids.map((id) => db.relations.where('docId').equals(id).toArray()));
    const [rows, spanLists, relationLists] = await Promise.all([
      db.documents.where('projectId').equals(projectId).toArray(),
      Promise.all(ids.map((id) => db.spans.where('docId').equals(id).toArray())),
      withRelations ? readRelations() : [],
    ]);
    const docs = rows.map((r) => readRecord(DocumentRecord, 'documents', r)).sort(byCreated);
    const spans = spanLists.flat().map((r) => readSpan(r));
    const relations = relationLists.flat().map((r) => readRecord(RelationRecord, 'relations', r));
    return { docs, spans, relations };
  });
}
