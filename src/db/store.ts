/**
 * Everything the app reads from or writes to IndexedDB. Each write is one transaction that has committed
 * when the returned promise resolves, so a caller that waits before showing an edit shows only what a
 * reload restores. Every record read back is validated (schema.ts); every write is validated first, so
 * a bad record is refused before anything is stored.
 *
 * Store is the entry point and stays thin: a method is one transaction and announces what it changed
 * to the other tabs. The bodies of the larger operations live in the modules each section names.
 */
import {
  DEFAULT_LABELS,
  compareSpans,
  layerOf,
  newId,
  type Boundaries,
  type Comment,
  type Decision,
  type Doc,
  type DocStatus,
  type LabelSet,
  type Project,
  type Relation,
  type Span,
  type SpanChange,
} from '../core/index.ts';
import type { AnnotatorPackage } from '../formats/annotator-package.ts';
import { tabBus, type Bus } from './broadcast.ts';
import { addComment, deleteComment, getComments, type NewComment } from './comments.ts';
import {
  addDocument,
  deleteDocument,
  ensureStarted,
  existingTexts,
  listDocuments,
  projectAnnotations,
  projectSpanTexts,
  projectTexts,
  replaceText,
  restoreDocument,
  updateDocument,
  updateProject,
  type DeletedDocument,
  type DocSummary,
  type ProjectPatch,
} from './corpus.ts';
import type { ZhengbiaoDB } from './database.ts';
import { importDocuments, type ImportAuthor, type ImportItem } from './imports.ts';
import { addAnnotator, annotatorNames, claimUnnamed, layerCounts } from './layers.ts';
import type { PackageImport } from './packages.ts';
import { decide, getDecisions } from './review.ts';
import { DocumentRecord, ProjectRecord, RelationRecord, checkRecord, readRecord, readSpan } from './schema.ts';
import { writeSpanChange } from './span-writes.ts';
import { byCreated, now } from './support.ts';
import { getBoundaries, putBoundaries } from './tokens.ts';

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
   * First start: creates the default project with the seed as its first document, once, even when two
   * tabs start together (corpus.ts says how); otherwise the first project and its first document.
   */
  async ensureStarted(seed: { title: string; text: string }): Promise<{ project: Project; doc: Doc | undefined }> {
    const { project, doc, created } = await ensureStarted(this.#db, seed);
    if (created) this.#bus.announce({ type: 'documents-changed', projectId: project.id });
    return { project, doc };
  }

  // ---- documents (corpus.ts, imports.ts) -------------------------------------------------------

  /** The project's documents without their texts, oldest first, with span counts (of `layer`, or all). */
  listDocuments(projectId: string, layer?: string): Promise<DocSummary[]> {
    return listDocuments(this.#db, projectId, layer);
  }

  async getDocument(id: string): Promise<Doc | undefined> {
    const raw = await this.#db.documents.get(id);
    return raw === undefined ? undefined : readRecord(DocumentRecord, 'documents', raw, id);
  }

  async addDocument(projectId: string, title: string, text: string): Promise<Doc> {
    const doc = await addDocument(this.#db, projectId, title, text);
    this.#bus.announce({ type: 'documents-changed', projectId });
    return doc;
  }

  /**
   * Adds every item with its spans, or nothing; with `labels`, the project's label set is replaced in
   * the same transaction. Spans and relations go to `who.layer`, made by `who.by`, now. A bad item is
   * reported, naming it, before anything is written.
   */
  async importDocuments(projectId: string, items: ImportItem[], labels?: LabelSet, who: ImportAuthor = {}): Promise<Doc[]> {
    const docs = await importDocuments(this.#db, projectId, items, labels, who);
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

  /** Every document with its spans and (unless `withRelations` is false) relations, in one read. */
  projectAnnotations(projectId: string, withRelations = true): ReturnType<typeof projectAnnotations> {
    return projectAnnotations(this.#db, projectId, withRelations);
  }

  #changed(doc: Doc): Doc {
    this.#bus.announce({ type: 'documents-changed', projectId: doc.projectId });
    return doc;
  }

  // ---- spans ----------------------------------------------------------------------------------

  /** The document's spans in document order: of one layer, or (without `layer`) of all. */
  async getSpans(docId: string, layer?: string): Promise<Span[]> {
    const rows = await this.#db.spans.where('docId').equals(docId).toArray();
    const spans = rows.map((r) => readSpan(r)).sort(compareSpans);
    return layer === undefined ? spans : spans.filter((s) => layerOf(s) === layer);
  }

  async getRelations(docId: string, layer?: string): Promise<Relation[]> {
    const rows = await this.#db.relations.where('docId').equals(docId).toArray();
    const relations = rows.map((r) => readRecord(RelationRecord, 'relations', r));
    return layer === undefined ? relations : relations.filter((r) => layerOf(r) === layer);
  }

  /**
   * A document's spans and relations (of one layer, or all) as one snapshot. Read in a transaction of its
   * own, which IndexedDB orders after every write opened before it: an edit's write issued just before
   * is in what comes back.
   */
  getAnnotations(docId: string, layer?: string): Promise<{ spans: Span[]; relations: Relation[] }> {
    const db = this.#db;
    return db.transaction('r', [db.spans, db.relations], async () => {
      const [spans, relations] = await Promise.all([this.getSpans(docId, layer), this.getRelations(docId, layer)]);
      return { spans, relations };
    });
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
   * and marks the document touched, in one transaction (see writeSpanChange, span-writes.ts, for what
   * is refused). `stillWanted` is asked inside the transaction, once the writes opened before it are
   * done: an edit made on top of one the store has just refused says no, and is refused too.
   */
  async applyChange(change: SpanChange, stillWanted?: () => boolean): Promise<void> {
    const links = change.relations ?? { before: [], after: [] };
    if (change.before.length + change.after.length + links.before.length + links.after.length === 0) return;
    const db = this.#db;
    await db.transaction('rw', [db.spans, db.documents, db.relations], () => writeSpanChange(db, change, stillWanted));
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

  // ---- token cache (tokens.ts) -----------------------------------------------------------------

  /** Cached word boundaries of a document, or undefined when there are none for this exact text (or unreadable). */
  getBoundaries(docId: string, textHash: string): Promise<Boundaries | undefined> {
    return getBoundaries(this.#db, docId, textHash);
  }

  putBoundaries(docId: string, textHash: string, boundaries: Boundaries): Promise<void> {
    return putBoundaries(this.#db, docId, textHash, boundaries);
  }
}
