/**
 * Everything the app reads from or writes to IndexedDB. Each write is one transaction that has committed
 * when the returned promise resolves, so a caller that waits before showing an edit shows only what a
 * reload restores. Every record read back is validated (schema.ts); every write is validated first, so
 * a bad record is refused before anything is stored.
 */
import {
  DEFAULT_LABELS,
  DEFAULT_RELATION_TYPES,
  OffsetMap,
  codePointLength,
  compareSpans,
  hashText,
  layerOf,
  mismatchedSpans,
  newId,
  type Boundaries,
  type Comment,
  type Decision,
  type Doc,
  type DocStatus,
  type LabelSet,
  type Project,
  type Relation,
  type RelationTypeSet,
  type Span,
  type SpanChange,
} from '../core/index.ts';
import { tabBus, type Bus } from './broadcast.ts';
import type { ZhengbiaoDB } from './database.ts';
import { deleteDocument, existingTexts, projectAnnotations, projectSpanTexts, projectTexts, replaceText, restoreDocument, updateDocument, updateProject, type DeletedDocument, type ProjectPatch } from './corpus.ts';
import { DocumentRecord, ProjectRecord, RelationRecord, SpanRecord, TokenCacheRecord, checkRecord, readRecord } from './schema.ts';
import { addAnnotator, annotatorNames, claimUnnamed, layerCounts } from './layers.ts';
import { addComment, deleteComment, getComments, type NewComment } from './comments.ts';
import type { PackageImport } from './packages.ts';
import type { AnnotatorPackage } from '../formats/annotator-package.ts';
import { decide, getDecisions } from './review.ts';
import { byCreated, now, walk } from './support.ts';

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

export interface ImportItem {
  title: string;
  text: string;
  /** Hash of the file's text before cleaning, when it differs from `text`. */
  sourceHash?: string;
  spans: { start: number; end: number; label: string; text: string }[];
  /** Relations between the item's spans, by index into `spans`. */
  relations?: { type: string; from: number; to: number }[];
}

export const DEFAULT_PROJECT_NAME = '默认项目 Default project';

export class Store {
  readonly #db: ZhengbiaoDB;
  readonly #bus: Pick<Bus, 'announce'>;

  /** `bus` is this tab's by default; tests pass another to play a second tab. */
  constructor(db: ZhengbiaoDB, bus: Pick<Bus, 'announce'> = tabBus) {
    this.#db = db;
    this.#bus = bus;
  }

  // ---- projects -------------------------------------------------------------------------------

  async listProjects(): Promise<Project[]> {
    const rows = await this.#db.projects.toArray();
    return rows.map((r) => readRecord(ProjectRecord, 'projects', r)).sort(byCreated);
  }

  async createProject(name: string, labels: LabelSet = DEFAULT_LABELS): Promise<Project> {
    const project = checkRecord(ProjectRecord, 'projects', { id: newId(), name, labels, createdAt: now() });
    await this.#db.projects.add(project);
    this.#bus.announce({ type: 'documents-changed', projectId: project.id });
    return project;
  }

  /**
   * First start: creates the default project with the seed as its first document. The check and the
   * writes share one read-write transaction, and IndexedDB runs overlapping read-write transactions one
   * at a time even across tabs, so two tabs starting together still make one project.
   */
  async ensureStarted(seed: { title: string; text: string }): Promise<{ project: Project; doc: Doc | undefined }> {
    const db = this.#db;
    const result = await db.transaction('rw', db.projects, db.documents, async () => {
      const projects = (await db.projects.toArray()).map((r) => readRecord(ProjectRecord, 'projects', r));
      const first = projects.sort(byCreated)[0];
      if (first) {
        return { project: first, doc: await this.#firstDocument(first.id), created: false };
      }
      const project = checkRecord(ProjectRecord, 'projects', {
        id: newId(),
        name: DEFAULT_PROJECT_NAME,
        labels: DEFAULT_LABELS,
        createdAt: now(),
      });
      const doc = this.#newDoc(project.id, seed.title, seed.text, 'new');
      await db.projects.add(project);
      await db.documents.add(doc);
      return { project, doc: doc as Doc | undefined, created: true };
    });
    if (result.created) this.#bus.announce({ type: 'documents-changed', projectId: result.project.id });
    return { project: result.project, doc: result.doc };
  }

  // ---- documents ------------------------------------------------------------------------------

  /**
   * The document list without the texts. Records are walked with a cursor rather than collected, so
   * only one document text at a time is held while its length is measured; spans (of `layer`, or all)
   * are counted through the docId index.
   */
  async listDocuments(projectId: string, layer?: string): Promise<DocSummary[]> {
    const db = this.#db;
    return db.transaction('r', db.documents, db.spans, async () => {
      const found: (DocSummary & { createdAt: number })[] = [];
      await walk(db.documents.where('projectId').equals(projectId), (raw) => {
        const d = readRecord(DocumentRecord, 'documents', raw);
        const { id, title, status, updatedAt, createdAt } = d;
        found.push({ id, title, length: codePointLength(d.text), status, updatedAt, createdAt, spanCounts: {} });
      });
      for (const summary of found) {
        await walk(db.spans.where('docId').equals(summary.id), (raw) => {
          const s = readRecord(SpanRecord, 'spans', raw);
          if (layer !== undefined && layerOf(s) !== layer) return;
          summary.spanCounts[s.label] = (summary.spanCounts[s.label] ?? 0) + 1;
        });
      }
      return found.sort(byCreated).map(({ createdAt: _, ...summary }) => summary);
    });
  }

  async getDocument(id: string): Promise<Doc | undefined> {
    const raw = await this.#db.documents.get(id);
    return raw === undefined ? undefined : readRecord(DocumentRecord, 'documents', raw, id);
  }

  async addDocument(projectId: string, title: string, text: string): Promise<Doc> {
    const db = this.#db;
    const doc = this.#newDoc(projectId, title, text, 'new');
    await db.transaction('rw', db.projects, db.documents, async () => {
      if (!(await db.projects.get(projectId))) throw new Error(`No project ${JSON.stringify(projectId)}`);
      await db.documents.add(doc);
    });
    this.#bus.announce({ type: 'documents-changed', projectId });
    return doc;
  }

  /**
   * Adds every item with its spans, or nothing; with `labels`, the project's label set is replaced in
   * the same transaction. Spans and relations go to `who.layer`, made by `who.by`, now. All records are built and checked before the
   * transaction starts, so a bad item is reported without touching the database; the transaction then
   * makes the writes themselves all-or-nothing (a quota error halfway leaves nothing behind).
   */
  async importDocuments(projectId: string, items: ImportItem[], labels?: LabelSet, who: { layer?: string; by?: string } = {}): Promise<Doc[]> {
    const db = this.#db;
    const stamp = { ...(who.layer ? { layer: who.layer } : {}), ...(who.by ? { by: who.by } : {}), at: now() };
    const docs: Doc[] = [];
    const spans: Span[] = [];
    const relations: Relation[] = [];
    items.forEach((item, i) => {
      try {
        // Documents with spans already carry annotation work, which is what in-progress means.
        const doc = this.#newDoc(projectId, item.title, item.text, item.spans.length > 0 ? 'in-progress' : 'new', item.sourceHash);
        const own = item.spans.map((s) => checkRecord(SpanRecord, 'spans', { id: newId(), docId: doc.id, ...pickSpan(s), ...stamp }));
        const bad = mismatchedSpans(new OffsetMap(doc.text), own)[0];
        if (bad) {
          const where = `span ${bad.label} [${bad.start}, ${bad.end})`;
          throw new Error(`${where} does not match the text between its offsets (${JSON.stringify(bad.text)})`);
        }
        const links = (item.relations ?? []).map((r, k) => {
          const from = own[r.from];
          const to = own[r.to];
          if (!from || !to) throw new Error(`relation ${k + 1} (${r.type}) refers to span ${from ? r.to : r.from}, which the item does not have`);
          return checkRecord(RelationRecord, 'relations', { id: newId(), docId: doc.id, type: r.type, fromId: from.id, toId: to.id, source: 'imported', ...stamp });
        });
        docs.push(doc);
        spans.push(...own);
        relations.push(...links);
      } catch (e) {
        throw new Error(`Item ${i + 1} (${JSON.stringify(item.title)}): ${(e as Error).message}`, { cause: e });
      }
    });
    await db.transaction('rw', [db.projects, db.documents, db.spans, db.relations], async () => {
      const raw = await db.projects.get(projectId);
      if (!raw) throw new Error(`No project ${JSON.stringify(projectId)}`);
      const project = readRecord(ProjectRecord, 'projects', raw, projectId);
      // Labels added by the import's mapping step arrive with the documents, or not at all; so do the
      // relation types the file uses that the project lacks (allowing any labels until configured).
      const relationTypes = withImportedTypes(project.relationTypes ?? DEFAULT_RELATION_TYPES, relations);
      if (labels || relationTypes !== (project.relationTypes ?? DEFAULT_RELATION_TYPES)) {
        await db.projects.put(checkRecord(ProjectRecord, 'projects', { ...project, labels: labels ?? project.labels, relationTypes }));
      }
      await db.documents.bulkAdd(docs);
      await db.spans.bulkAdd(spans);
      await db.relations.bulkAdd(relations);
    });
    if (docs.length > 0) this.#bus.announce({ type: 'documents-changed', projectId });
    return docs;
  }

  async renameDocument(id: string, title: string): Promise<Doc> {
    return this.#changed(await updateDocument(this.#db, id, { title }));
  }

  async setStatus(id: string, status: DocStatus): Promise<Doc> {
    return this.#changed(await updateDocument(this.#db, id, { status }));
  }

  /** Deletes a document with its spans; keep the result to undo with restoreDocument. */
  async deleteDocument(id: string): Promise<DeletedDocument> {
    const deleted = await deleteDocument(this.#db, id);
    this.#changed(deleted.doc);
    return deleted;
  }

  async restoreDocument(deleted: DeletedDocument): Promise<void> {
    await restoreDocument(this.#db, deleted);
    this.#changed(deleted.doc);
  }

  /** New text for a document without spans (cleaning); refused once it has spans. */
  async replaceText(id: string, text: string): Promise<Doc> {
    return this.#changed(await replaceText(this.#db, id, text));
  }

  async updateProject(projectId: string, patch: ProjectPatch): Promise<Project> {
    const project = await updateProject(this.#db, projectId, patch);
    this.#bus.announce({ type: 'documents-changed', projectId });
    return project;
  }

  /** Of these text hashes, those already in the project, each with the title of its document. */
  existingTexts(projectId: string, hashes: string[]): Promise<Map<string, string>> {
    return existingTexts(this.#db, projectId, hashes);
  }

  projectSpanTexts(projectId: string): ReturnType<typeof projectSpanTexts> {
    return projectSpanTexts(this.#db, projectId);
  }

  projectTexts(projectId: string): ReturnType<typeof projectTexts> {
    return projectTexts(this.#db, projectId);
  }

  projectAnnotations(projectId: string): ReturnType<typeof projectAnnotations> {
    return projectAnnotations(this.#db, projectId);
  }

  #changed(doc: Doc): Doc {
    this.#bus.announce({ type: 'documents-changed', projectId: doc.projectId });
    return doc;
  }

  // ---- spans ----------------------------------------------------------------------------------

  /** The document's spans in document order: of one layer, or (without `layer`) of all. */
  async getSpans(docId: string, layer?: string): Promise<Span[]> {
    const rows = await this.#db.spans.where('docId').equals(docId).toArray();
    const spans = rows.map((r) => readRecord(SpanRecord, 'spans', r)).sort(compareSpans);
    return layer === undefined ? spans : spans.filter((s) => layerOf(s) === layer);
  }

  async getRelations(docId: string, layer?: string): Promise<Relation[]> {
    const rows = await this.#db.relations.where('docId').equals(docId).toArray();
    const relations = rows.map((r) => readRecord(RelationRecord, 'relations', r));
    return layer === undefined ? relations : relations.filter((r) => layerOf(r) === layer);
  }

  /** Spans per layer of a document. */
  layerCounts(docId: string): Promise<Record<string, number>> {
    return layerCounts(this.#db, docId);
  }

  /** First name given: the unnamed layer's spans become `name`'s. */
  async claimUnnamed(name: string): Promise<number> {
    await addAnnotator(this.#db, name);
    const moved = await claimUnnamed(this.#db, name);
    if (moved > 0) this.#bus.announce({ type: 'documents-changed', projectId: '*' });
    return moved;
  }

  annotatorNames(): Promise<string[]> {
    return annotatorNames(this.#db);
  }

  addAnnotator(name: string): Promise<void> {
    return addAnnotator(this.#db, name);
  }

  // ---- packages and comments (packages.ts, comments.ts) ----------------------------------------

  // Packages are loaded when first used: their schemas are not needed to start the app.
  async exportPackage(projectId: string, annotator: string): Promise<AnnotatorPackage> {
    const { exportPackage } = await import('./packages.ts');
    return exportPackage(this.#db, projectId, annotator);
  }

  /** Adds a colleague's layer by text hash, all or nothing; never overwrites a layer. */
  async importPackage(projectId: string, pkg: AnnotatorPackage, who: { by?: string } = {}): Promise<PackageImport> {
    const { importPackage } = await import('./packages.ts');
    return importPackage(this.#db, this.#bus, projectId, pkg, who);
  }

  getComments(docId: string): Promise<Comment[]> {
    return getComments(this.#db, docId);
  }

  addComment(comment: NewComment): Promise<Comment> {
    return addComment(this.#db, this.#bus, comment);
  }

  deleteComment(id: string): Promise<Comment | undefined> {
    return deleteComment(this.#db, this.#bus, id);
  }

  /**
   * Stores one edit (or its inverse, for undo): removes `before`, writes `after` (spans and relations),
   * and marks the document touched, in one transaction (see writeSpanChange for what is refused).
   */
  async applyChange(change: SpanChange): Promise<void> {
    const links = change.relations ?? { before: [], after: [] };
    if (change.before.length + change.after.length + links.before.length + links.after.length === 0) return;
    const db = this.#db;
    await db.transaction('rw', [db.spans, db.documents, db.relations], () => writeSpanChange(db, change));
    this.#bus.announce({ type: 'spans-changed', docId: change.docId });
  }

  // ---- review (review.ts) ----------------------------------------------------------------------

  getDecisions(docId: string): Promise<Decision[]> {
    return getDecisions(this.#db, docId);
  }

  /** Stores decisions with their gold change (and, with `reviewed`, the status 'reviewed') in one transaction. */
  async decide(docId: string, change: SpanChange, decision: Decision | readonly Decision[], reviewed: boolean): Promise<void> {
    this.#changed(await decide(this.#db, docId, change, decision, reviewed));
    this.#bus.announce({ type: 'spans-changed', docId });
  }

  // ---- token cache ----------------------------------------------------------------------------

  /**
   * Cached word boundaries of a document, or undefined when there are none for this exact text. An
   * unreadable entry counts as missing: a cache can always be rebuilt, and segmenting again overwrites it.
   */
  async getBoundaries(docId: string, textHash: string): Promise<Boundaries | undefined> {
    const raw = await this.#db.tokens.get(docId);
    if (raw === undefined) return undefined;
    const r = TokenCacheRecord.safeParse(raw);
    if (!r.success) {
      console.warn(`zhengbiao: ignoring unreadable token cache of document ${JSON.stringify(docId)}`);
      return undefined;
    }
    return r.data.textHash === textHash ? r.data.boundaries : undefined;
  }

  async putBoundaries(docId: string, textHash: string, boundaries: Boundaries): Promise<void> {
    // A view into a larger (or shared) buffer would be stored with the whole buffer; store just the array.
    const compact =
      boundaries.byteOffset === 0 && boundaries.buffer instanceof ArrayBuffer && boundaries.byteLength === boundaries.buffer.byteLength
        ? boundaries
        : boundaries.slice();
    const record = checkRecord(TokenCacheRecord, 'tokens', { docId, textHash, boundaries: compact });
    await this.#db.tokens.put(record);
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Walks the project's documents keeping only the earliest, rather than holding every text at once. */
  async #firstDocument(projectId: string): Promise<Doc | undefined> {
    let first: Doc | undefined;
    await walk(this.#db.documents.where('projectId').equals(projectId), (raw) => {
      const d = readRecord(DocumentRecord, 'documents', raw);
      if (!first || byCreated(d, first) < 0) first = d;
    });
    return first;
  }

  #newDoc(projectId: string, title: string, text: string, status: DocStatus, sourceHash?: string): Doc {
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
}

/** Only the fields a span has: an import item may carry more (a file's own ids, say). */
function pickSpan(s: ImportItem['spans'][number]): Pick<Span, 'start' | 'end' | 'label' | 'text' | 'source'> {
  return { start: s.start, end: s.end, label: s.label, text: s.text, source: 'imported' };
}

/** `types` and a type (allowing any labels) for each relation type in `relations` it lacks; `types` itself when none. */
function withImportedTypes(types: RelationTypeSet, relations: readonly Relation[]): RelationTypeSet {
  const known = new Set(types.map((t) => t.id));
  const added = [...new Set(relations.map((r) => r.type))].filter((t) => !known.has(t));
  return added.length === 0 ? types : [...types, ...added.map((id) => ({ id, zh: id, en: id, from: [], to: [] }))];
}

/**
 * The writes of Store.applyChange, inside the caller's read-write transaction over spans, documents and
 * relations (the reviewer's decisions share one with their gold change, review.ts): removes `before`,
 * writes `after` (spans and relations) and marks the document touched; returns it as stored. Refuses,
 * by throwing and so aborting the transaction, a span that is malformed, belongs to another document,
 * or does not match the document text (every stored span must stay exportable), and a change that would
 * leave a relation with a missing end.
 */
export async function writeSpanChange(db: ZhengbiaoDB, change: SpanChange): Promise<Doc> {
  const { docId } = change;
  const links = change.relations ?? { before: [], after: [] };
  for (const s of [...change.before, ...change.after, ...links.before, ...links.after]) {
    if (s.docId !== docId) {
      throw new Error(`${'fromId' in s ? 'Relation' : 'Span'} ${JSON.stringify(s.id)} belongs to document ${JSON.stringify(s.docId)}, not ${JSON.stringify(docId)}`);
    }
  }
  const after = change.after.map((s) => checkRecord(SpanRecord, 'spans', s));
  const linksAfter = links.after.map((r) => checkRecord(RelationRecord, 'relations', r));
  // Reads are issued together and writes too: each IndexedDB request waited for alone costs a round
  // trip, and an edit is several of them.
  const ids = [...change.before, ...after].map((s) => s.id);
  const [raw, existing] = await Promise.all([db.documents.get(docId), db.spans.bulkGet(ids)]);
  if (!raw) throw new Error(`No document ${JSON.stringify(docId)}`);
  const doc = readRecord(DocumentRecord, 'documents', raw, docId);
  const bad = mismatchedSpans(new OffsetMap(doc.text), after)[0];
  if (bad) {
    throw new Error(`Span ${JSON.stringify(bad.id)} [${bad.start}, ${bad.end}) does not match the document text`);
  }
  // Ids are random, so a clash means a caller mixed documents up; moving the span would hide that.
  const foreign = existing.find((e) => e && e.docId !== docId);
  if (foreign) throw new Error(`Span ${JSON.stringify(foreign.id)} is stored in another document`);
  // A span in both lists is modified: the put overwrites it, so only spans that go are deleted, and no
  // write depends on the order of another.
  const kept = new Set(after.map((s) => s.id));
  const keptLinks = new Set(linksAfter.map((r) => r.id));
  const gone = change.before.map((s) => s.id).filter((id) => !kept.has(id));
  const goneLinks = links.before.map((r) => r.id).filter((id) => !keptLinks.has(id));
  await Promise.all([
    gone.length > 0 ? db.spans.bulkDelete(gone) : undefined,
    after.length > 0 ? db.spans.bulkPut(after) : undefined,
    goneLinks.length > 0 ? db.relations.bulkDelete(goneLinks) : undefined,
    linksAfter.length > 0 ? db.relations.bulkPut(linksAfter) : undefined,
  ]);
  await checkRelationEnds(db, docId, change, linksAfter);
  const touched: Doc = { ...doc, status: doc.status === 'new' ? 'in-progress' : doc.status, updatedAt: now() };
  // The record holds the whole text (600 KB for a long report): rewriting it on every keystroke cost
  // more than the edit itself. It is rewritten when the status changes or its time is a minute old.
  if (touched.status !== doc.status || touched.updatedAt - doc.updatedAt > TOUCH_INTERVAL_MS) await db.documents.put(touched);
  return touched;
}

/** How stale a document's `updatedAt` may get while it is being edited. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Throws (aborting the transaction) when, after `change`, a relation of the document would point at a
 * span it lacks: a relation written now whose end is missing, or a stored one whose span was deleted.
 * Only the spans the change touches are looked up, not the document's thousands.
 */
async function checkRelationEnds(db: ZhengbiaoDB, docId: string, change: SpanChange, written: readonly Relation[]): Promise<void> {
  const dangling = (r: Relation) => {
    throw new Error(`Relation ${JSON.stringify(r.id)} (${r.type}) would point at a span the document does not have`);
  };
  if (written.length > 0) {
    const ends = [...new Set(written.flatMap((r) => [r.fromId, r.toId]))];
    const found = await db.spans.bulkGet(ends);
    const present = new Set(found.filter((s) => s && s.docId === docId).map((s) => s!.id));
    const bad = written.find((r) => !present.has(r.fromId) || !present.has(r.toId));
    if (bad) dangling(bad);
  }
  const kept = new Set(change.after.map((s) => s.id));
  const removed = new Set(change.before.map((s) => s.id).filter((id) => !kept.has(id)));
  if (removed.size === 0) return;
  const stored = await db.relations.where('docId').equals(docId).toArray();
  const bad = stored.find((r) => removed.has(r.fromId) || removed.has(r.toId));
  if (bad) dangling(bad);
}
