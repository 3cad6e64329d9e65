/**
 * The app's state: projects, the document list, the open document and the messages shown to the user.
 * It owns the store and the segmenter; UI components read it and call its methods.
 */
import { DEFAULT_LABELS, UNNAMED_LAYER, annotatorNameProblem, cleanText, hashText, type CleaningRule, type DocStatus, type Project } from '../core/index.ts';
import { annotatorName } from './annotator-name.ts';
import { tabBus, type Bus, type DeletedDocument, type DocSummary, type Store } from '../db/index.ts';
import type { Segmenter } from '../segment/index.ts';
import { DocumentSession } from './document-session.svelte.ts';
import { Exchange } from './exchange.svelte.ts';
import { Finder } from './finder.svelte.ts';
import { lastOpened } from './last-opened.ts';
import { ProjectSuggestions } from './project-suggestions.svelte.ts';
import { SuggestionReview } from './suggestion-review.svelte.ts';
import { NoSuggester, type Suggester } from '../suggest/client.ts';

/** The document list's rows, as the UI shows them. */
export type { DocSummary };

export interface Notice {
  id: number;
  /** info and warning fade after a while; errors stay until dismissed. */
  kind: 'info' | 'warning' | 'error';
  text: string;
  /** Further lines, e.g. every error of a rejected import. */
  details: string[];
  /** One button, e.g. undo a deletion. */
  action?: { label: string; run: () => void };
}

export interface Seed {
  title: string;
  text: string;
}

let noticeIds = 0;


export class Workspace {
  projects = $state.raw<Project[]>([]);
  project = $state.raw<Project | null>(null);
  documents = $state.raw<DocSummary[]>([]);
  session = $state.raw<DocumentSession | null>(null);
  /** File imports, dataset imports and exports of the current project. */
  readonly exchange: Exchange = new Exchange(this);
  notices = $state.raw<Notice[]>([]);
  ready = $state(false);
  /** Who annotates in this browser; null until asked (their edits go to the unnamed layer until then). */
  annotator = $state<string | null>(annotatorName.read());
  /** A layer other than one's own being edited (the gold layer, while reviewing); null: one's own. */
  editLayer = $state<string | null>(null);

  readonly store: Store;
  readonly segmenter: Segmenter;
  readonly #bus: Pick<Bus, 'listen'>;
  #unlisten: () => void = () => {};
  /** Counts open requests, so that only the last one clicked is shown when several overlap. */
  #opening = 0;

  readonly suggester: Suggester;
  /** What the suggesters know of the project, and the review of the open document's suggestions. */
  suggestions = $state.raw<ProjectSuggestions | null>(null);
  review = $state.raw<SuggestionReview | null>(null);
  showSuggestions = $state(true);
  /** Find in the document or project; also used to tag every occurrence of a span's text. */
  readonly finder: Finder = new Finder(this);
  /** Set to ask the screen to show the find panel (a conflict clicked, say). */
  findOpen = $state(false);
  #learnTimer: ReturnType<typeof setTimeout> | undefined;

  /** `bus` hears the other tabs; tests pass a second one to play a second tab. */
  constructor(store: Store, segmenter: Segmenter, bus: Pick<Bus, 'listen'> = tabBus, suggester: Suggester = new NoSuggester()) {
    this.store = store;
    this.segmenter = segmenter;
    this.#bus = bus;
    this.suggester = suggester;
  }

  /** First start creates the default project with the seed report; later starts reopen the first one. */
  async start(seed: Seed): Promise<void> {
    const { project, doc } = await this.store.ensureStarted(seed);
    this.projects = await this.store.listProjects();
    // Reopen where the user was, if that document still exists.
    const last = lastOpened.read();
    const lastDoc = last && (await this.store.getDocument(last.docId));
    const lastProject = lastDoc && this.projects.find((p) => p.id === lastDoc.projectId);
    await this.#showProject(lastProject || project);
    if (lastDoc && lastProject) await this.openDocument(lastDoc.id);
    else if (doc) await this.openDocument(doc.id);
    this.#unlisten = this.#bus.listen((e) => {
      if (e.type === 'spans-changed') {
        if (this.session?.doc.id === e.docId) void this.session.reload();
        this.#refreshSoon();
      }
      if (e.type === 'documents-changed') {
        if (e.projectId === this.project?.id || e.projectId === '*') void this.refreshDocuments();
        void this.store.listProjects().then((p) => (this.projects = p));
      }
    });
    this.ready = true;
  }

  stop(): void {
    this.#unlisten();
    clearTimeout(this.#refreshTimer);
    clearTimeout(this.#learnTimer);
    this.suggester.dispose();
    this.segmenter.dispose();
  }

  notify = (kind: Notice['kind'], text: string, details: string[] = [], action?: Notice['action']): void => {
    const notice: Notice = { id: ++noticeIds, kind, text, details, action };
    // The same message again replaces the old one rather than stacking up over the text.
    this.notices = [...this.notices.filter((n) => n.text !== text).slice(-3), notice];
    // Errors, and messages with details to read (a report, a list of files), stay until dismissed.
    if (kind !== 'error' && details.length === 0) setTimeout(() => this.dismiss(notice.id), action ? 10_000 : kind === 'warning' ? 6000 : 4000);
  };

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** The layer the editor shows and changes. */
  get layer(): string {
    return this.editLayer ?? this.annotator ?? UNNAMED_LAYER;
  }

  /**
   * Sets who is annotating. The first name also takes the spans made before it was given (the unnamed
   * layer); switching to another name shows that person's layer.
   */
  async setAnnotator(name: string): Promise<boolean> {
    const problem = annotatorNameProblem(name);
    if (problem) {
      this.notify('warning', problem);
      return false;
    }
    const trimmed = name.trim();
    const first = this.annotator === null;
    // Edits still being stored belong to the layer they were made in; the claim below sees them.
    await this.session?.settled();
    try {
      const moved = first ? await this.store.claimUnnamed(trimmed) : (await this.store.addAnnotator(trimmed), 0);
      annotatorName.write(trimmed);
      this.annotator = trimmed;
      this.editLayer = null;
      if (moved > 0) this.notify('info', `${moved} 个标注已记在 ${trimmed} 名下 ${moved} earlier span(s) are now ${trimmed}'s`);
    } catch (e) {
      this.notify('error', `未能设置标注员 The annotator was not set: ${(e as Error).message}`);
      return false;
    }
    await this.refreshDocuments();
    if (this.session) await this.openDocument(this.session.doc.id);
    return true;
  }

  /** Edits `layer` (the gold layer, say) instead of one's own; null goes back to one's own. */
  async editOtherLayer(layer: string | null): Promise<void> {
    this.editLayer = layer;
    await this.refreshDocuments();
    if (this.session) await this.openDocument(this.session.doc.id);
  }

  async openProject(id: string): Promise<void> {
    const project = this.projects.find((p) => p.id === id);
    if (!project) return;
    const ticket = ++this.#opening;
    await this.#showProject(project);
    if (ticket !== this.#opening) return;
    const first = this.documents[0];
    if (first) await this.openDocument(first.id);
    else this.session = null;
  }

  async createProject(name: string): Promise<void> {
    try {
      const project = await this.store.createProject(name.trim() || '新项目 New project', DEFAULT_LABELS);
      this.projects = await this.store.listProjects();
      ++this.#opening;
      await this.#showProject(project);
      this.session = null;
    } catch (e) {
      this.notify('error', `未能创建项目 The project was not created: ${(e as Error).message}`);
    }
  }

  async openDocument(id: string): Promise<void> {
    const ticket = ++this.#opening;
    let doc, spans, relations;
    try {
      // Spans and relations as one snapshot, read after every write opened before (store.getAnnotations).
      const [found, annotations] = await Promise.all([this.store.getDocument(id), this.store.getAnnotations(id, this.layer)]);
      doc = found;
      ({ spans, relations } = annotations);
    } catch (e) {
      this.notify('error', `无法打开文档 Could not open the document: ${(e as Error).message}`);
      return;
    }
    if (ticket !== this.#opening || !doc || !this.project) return;
    const who = { layer: this.layer, ...(this.annotator ? { by: this.annotator } : {}) };
    const session = new DocumentSession(this.store, doc, this.project, { spans, relations, ...who }, {
      notify: this.notify,
      // Suggestions follow what is shown; a session left for another document has no say any more.
      changed: (change) => {
        if (this.session !== session) return;
        this.review?.refilter([...change.before, ...change.after]);
        this.#relearnSoon();
      },
      // The store moves a new document to in-progress with its first stored edit; the list follows.
      stored: (change) => {
        if (this.documents.some((d) => d.id === change.docId && d.status === 'new')) {
          this.documents = this.documents.map((d) => (d.id === change.docId && d.status === 'new' ? { ...d, status: 'in-progress' } : d));
        }
      },
    });
    this.session = session;
    lastOpened.write({ docId: doc.id });
    void session.segment(this.segmenter, this.#dictionaryKey());
    const suggestions = this.suggestions;
    if (suggestions) {
      const review = new SuggestionReview(session, this.suggester, suggestions.rejected, (key) => suggestions.reject(key));
      this.review = review;
      void suggestions
        .load(doc.id, session.spans())
        .then(() => review.run())
        .catch((e: unknown) => this.notify('error', `建议失败 Suggestions failed: ${(e as Error).message}`));
    }
  }

  /** Adds terms to the project's dictionary, and to jieba's, re-segmenting the open document. */
  async addDictionaryTerms(entries: [string, string][]): Promise<number> {
    const suggestions = this.suggestions;
    if (!suggestions) return 0;
    const n = await suggestions.addTerms(entries);
    if (n === 0) return 0;
    await this.segmenter.addWords(entries.map(([t]) => t)).catch(() => {});
    this.projects = await this.store.listProjects();
    this.project = this.projects.find((p) => p.id === this.project?.id) ?? this.project;
    const session = this.session;
    if (session) {
      void session.segment(this.segmenter, this.#dictionaryKey());
      await suggestions.learn(session.spans());
      await this.review?.run();
    }
    return n;
  }

  /** Tags every occurrence of `span`'s text in the project with its label. */
  async tagAllOccurrences(span: { text: string; label: string }): Promise<{ created: number; skipped: number }> {
    Object.assign(this.finder, { query: span.text, regex: false, caseSensitive: true, scope: 'project' });
    await this.finder.run();
    const r = await this.finder.tagAll(span.label);
    this.notify('info', `已标注 ${r.created} 处 Tagged ${r.created} occurrence(s)${r.skipped ? `; skipped ${r.skipped}` : ''}`);
    return r;
  }

  /** Shows every occurrence of `text` in the project in the find panel. */
  async findEverywhere(text: string): Promise<void> {
    Object.assign(this.finder, { query: text, regex: false, caseSensitive: true, scope: 'project' });
    this.findOpen = true;
    await this.finder.run();
  }

  /** Identifies the dictionary in the word cache key: new terms segment differently. */
  #dictionaryKey(): string {
    const d = this.project?.dictionary ?? [];
    return d.length === 0 ? '' : hashText(d.map(([t]) => t).sort().join('\n'));
  }

  /** A tagged string teaches the suggesters; a burst of edits re-runs them once. */
  #relearnSoon(): void {
    clearTimeout(this.#learnTimer);
    this.#learnTimer = setTimeout(() => {
      const session = this.session;
      const review = this.review;
      if (!session || !review || !this.suggestions) return;
      // Suggesting again is needed only when what was learned changed.
      void this.suggestions
        .learn(session.spans())
        .then((changed) => (changed ? review.run() : undefined))
        .catch(() => {});
    }, 800);
  }

  #refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /** Another tab's edits change the counts in the list; one re-read covers a burst of them. */
  #refreshSoon(): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.refreshDocuments(), 500);
  }

  async refreshDocuments(): Promise<void> {
    if (this.project) this.documents = await this.store.listDocuments(this.project.id, this.layer);
  }

  async pasteDocument(title: string, text: string): Promise<boolean> {
    if (!this.project) return false;
    if (text.trim() === '') {
      this.notify('error', '文本为空 The text is empty');
      return false;
    }
    try {
      const doc = await this.store.addDocument(this.project.id, title, text);
      await this.refreshDocuments();
      await this.openDocument(doc.id);
      return true;
    } catch (e) {
      this.notify('error', `未能保存文档 The document was not saved: ${(e as Error).message}`);
      return false;
    }
  }

  async renameDocument(id: string, title: string): Promise<void> {
    const t = title.trim();
    if (t === '') return;
    await this.store.renameDocument(id, t);
    await this.refreshDocuments();
  }

  async setStatus(id: string, status: DocStatus): Promise<void> {
    await this.store.setStatus(id, status);
    await this.refreshDocuments();
  }

  /** Deletes a document with its spans; the message that says so can undo it. */
  async deleteDocument(id: string): Promise<void> {
    await this.session?.settled();
    const deleted = await this.store.deleteDocument(id);
    // The deleted document leaves the screen at once: nothing of it may be edited while the next opens.
    const wasOpen = this.session?.doc.id === id;
    if (wasOpen) this.session = null;
    await this.refreshDocuments();
    const next = this.documents[0];
    if (wasOpen && next) await this.openDocument(next.id);
    this.notify('info', `已删除「${deleted.doc.title}」 Deleted "${deleted.doc.title}" with ${deleted.spans.length} span(s)`, [], {
      label: '撤销 Undo',
      run: () => void this.#restore(deleted),
    });
  }

  async #restore(deleted: DeletedDocument): Promise<void> {
    try {
      await this.store.restoreDocument(deleted);
      await this.refreshDocuments();
      await this.openDocument(deleted.doc.id);
    } catch (e) {
      this.notify('error', `无法恢复 Could not restore "${deleted.doc.title}": ${(e as Error).message}`);
    }
  }

  /** Cleans the open document's text; only while it has no spans (the store refuses otherwise). */
  async cleanDocument(rules: readonly CleaningRule[]): Promise<boolean> {
    const session = this.session;
    if (!session) return false;
    const result = cleanText(session.doc.text, rules);
    if (result.text === session.doc.text) return false;
    try {
      await this.store.replaceText(session.doc.id, result.text);
    } catch (e) {
      this.notify('error', (e as Error).message);
      return false;
    }
    await this.refreshDocuments();
    await this.openDocument(session.doc.id);
    this.notify('info', `已整理 Cleaned: ${result.changes.length} change(s)`);
    return true;
  }

  /** Reads the current project again (its labels or dictionary changed) and shows it. */
  async reloadProject(): Promise<Project | undefined> {
    this.projects = await this.store.listProjects();
    const project = this.projects.find((p) => p.id === this.project?.id);
    if (project) await this.#showProject(project);
    return project;
  }

  async #showProject(project: Project): Promise<void> {
    this.project = project;
    this.suggestions = new ProjectSuggestions(this.store, this.suggester, project);
    this.review = null;
    this.documents = await this.store.listDocuments(project.id, this.layer);
    // The dictionary's terms go into jieba too, so that segmentation keeps them whole.
    if (project.dictionary?.length) void this.segmenter.addWords(project.dictionary.map(([t]) => t)).catch(() => {});
  }
}
