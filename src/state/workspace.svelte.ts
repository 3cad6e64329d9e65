/**
 * The app's state: projects, the document list, the open document and the messages shown to the user.
 * It owns the store and the segmenter; UI components read it and call its methods.
 */
import { DEFAULT_LABELS, type Project } from '../core/index.ts';
import { tabBus, type Bus, type DocSummary, type Store } from '../db/index.ts';
import { ExportError, doccano, exportProblemMessage, formatErrorMessage, type ExportDocument } from '../formats/index.ts';
import type { Segmenter } from '../segment/index.ts';
import { DocumentSession } from './document-session.svelte.ts';
import { lastOpened } from './last-opened.ts';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** Further lines, e.g. every error of a rejected import. */
  details: string[];
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
  notices = $state.raw<Notice[]>([]);
  ready = $state(false);

  readonly store: Store;
  readonly segmenter: Segmenter;
  readonly #bus: Pick<Bus, 'listen'>;
  #unlisten: () => void = () => {};

  /** `bus` hears the other tabs; tests pass a second one to play a second tab. */
  constructor(store: Store, segmenter: Segmenter, bus: Pick<Bus, 'listen'> = tabBus) {
    this.store = store;
    this.segmenter = segmenter;
    this.#bus = bus;
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
      if (e.type === 'spans-changed' && this.session?.doc.id === e.docId) void this.session.reload();
      if (e.type === 'documents-changed') {
        if (e.projectId === this.project?.id) void this.refreshDocuments();
        void this.store.listProjects().then((p) => (this.projects = p));
      }
    });
    this.ready = true;
  }

  stop(): void {
    this.#unlisten();
    this.segmenter.dispose();
  }

  notify = (kind: Notice['kind'], text: string, details: string[] = []): void => {
    const notice = { id: ++noticeIds, kind, text, details };
    this.notices = [...this.notices.slice(-4), notice];
    if (kind === 'info') setTimeout(() => this.dismiss(notice.id), 4000);
  };

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  async openProject(id: string): Promise<void> {
    const project = this.projects.find((p) => p.id === id);
    if (!project) return;
    await this.#showProject(project);
    const first = this.documents[0];
    if (first) await this.openDocument(first.id);
    else this.session = null;
  }

  async createProject(name: string): Promise<void> {
    const project = await this.store.createProject(name.trim() || '新项目 New project', DEFAULT_LABELS);
    this.projects = await this.store.listProjects();
    await this.#showProject(project);
    this.session = null;
  }

  async openDocument(id: string): Promise<void> {
    const [doc, spans] = await Promise.all([this.store.getDocument(id), this.store.getSpans(id)]);
    if (!doc || !this.project) return;
    const session = new DocumentSession(this.store, doc, this.project.labels, spans, this.notify);
    this.session = session;
    lastOpened.write({ docId: doc.id });
    void session.segment(this.segmenter);
  }

  async refreshDocuments(): Promise<void> {
    if (this.project) this.documents = await this.store.listDocuments(this.project.id);
  }

  async pasteDocument(title: string, text: string): Promise<boolean> {
    if (!this.project) return false;
    if (text.trim() === '') {
      this.notify('error', '文本为空 The text is empty');
      return false;
    }
    const doc = await this.store.addDocument(this.project.id, title, text);
    await this.refreshDocuments();
    await this.openDocument(doc.id);
    return true;
  }

  /** Reads a doccano JSONL file into the current project: all of it, or nothing with every error. */
  async importFile(fileName: string, content: string): Promise<boolean> {
    if (!this.project) return false;
    const result = doccano.parse(content, fileName);
    if (!result.ok) {
      this.notify('error', `${fileName}: 未导入，发现 ${result.errors.length} 处错误 Nothing imported, ${result.errors.length} error(s)`, result.errors.map(formatErrorMessage));
      return false;
    }
    try {
      const docs = await this.store.importDocuments(this.project.id, result.documents);
      await this.refreshDocuments();
      this.notify('info', `已导入 ${docs.length} 篇 Imported ${docs.length} document(s) from ${fileName}`);
      if (!this.session && docs[0]) await this.openDocument(docs[0].id);
      return true;
    } catch (e) {
      this.notify('error', `${fileName}: 未导入 Nothing imported: ${(e as Error).message}`);
      return false;
    }
  }

  /** The project as doccano JSONL, or null (with the reason shown) when a span fails its check. */
  async exportJsonl(): Promise<{ fileName: string; content: string } | null> {
    if (!this.project) return null;
    await this.session?.settled();
    const docs: ExportDocument[] = [];
    for (const summary of this.documents) {
      const [doc, spans] = await Promise.all([this.store.getDocument(summary.id), this.store.getSpans(summary.id)]);
      if (doc) docs.push({ id: doc.id, title: doc.title, text: doc.text, spans });
    }
    try {
      const content = doccano.serialize(docs);
      return { fileName: `${this.project.name.replace(/[\\/:*?"<>|\s]+/g, '_')}.jsonl`, content };
    } catch (e) {
      if (!(e instanceof ExportError)) throw e;
      const n = e.problems.length;
      this.notify('error', `导出已取消：${n} 个标注与原文不符 Export refused: ${n} span(s) no longer match the text`, e.problems.map(exportProblemMessage));
      return null;
    }
  }

  async #showProject(project: Project): Promise<void> {
    this.project = project;
    this.documents = await this.store.listDocuments(project.id);
  }
}
