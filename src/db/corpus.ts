/**
 * Managing the documents of a project: rename, status, delete and restore, replacing the text of an
 * unannotated document, and finding texts already present. Each function is one transaction; the
 * Store wraps them and tells the other tabs.
 */
import { hashText, type Doc, type DocStatus, type Project, type Relation, type Span } from '../core/index.ts';
import type { ZhengbiaoDB } from './database.ts';
import { CommentRecord, DecisionRecord, DocumentRecord, ProjectRecord, RelationRecord, SpanRecord, checkRecord, readRecord } from './schema.ts';
import { byCreated, now } from './support.ts';

/** Everything a deleted document took with it, to put back on undo. */
export interface DeletedDocument {
  doc: Doc;
  spans: Span[];
  relations: RelationRecord[];
  comments: CommentRecord[];
  decisions: DecisionRecord[];
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
    const spans = (await db.spans.where('docId').equals(id).toArray()).map((r) => readRecord(SpanRecord, 'spans', r));
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
      const s = readRecord(SpanRecord, 'spans', raw);
      return { docId: s.docId, label: s.label, text: s.text };
    });
  });
}

/** Every document of the project with its spans and relations, read in one transaction (the target table). */
export async function projectAnnotations(db: ZhengbiaoDB, projectId: string): Promise<{ docs: Doc[]; spans: Span[]; relations: Relation[] }> {
  return db.transaction('r', [db.documents, db.spans, db.relations], async () => {
    const docs = (await db.documents.where('projectId').equals(projectId).toArray()).map((r) => readRecord(DocumentRecord, 'documents', r)).sort(byCreated);
    const ids = docs.map((d) => d.id);
    const spans = (await db.spans.where('docId').anyOf(ids).toArray()).map((r) => readRecord(SpanRecord, 'spans', r));
    const relations = (await db.relations.where('docId').anyOf(ids).toArray()).map((r) => readRecord(RelationRecord, 'relations', r));
    return { docs, spans, relations };
  });
}
