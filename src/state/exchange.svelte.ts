/**
 * Bringing data in and out of the current project: text files (with cleaning), dataset files (with
 * the label mapping), dataset exports. Each import waits in a dialog until the user confirms it.
 */
import type { DataFile } from '../formats/index.ts';
import { DatasetImport, type FileLike } from './dataset-import.svelte.ts';
import type { ExportChoice } from './dataset-export.ts';
import type { FileImport } from './file-import.svelte.ts';
import type { Workspace } from './workspace.svelte.ts';

export class Exchange {
  /** A file import waiting for the user's confirmation. */
  importing = $state.raw<FileImport | null>(null);
  /** A dataset import waiting for its label mapping and confirmation. */
  datasetImport = $state.raw<DatasetImport | null>(null);

  readonly #ws: Workspace;

  constructor(workspace: Workspace) {
    this.#ws = workspace;
  }

  /** The file importer's code, fetched at the first file import (null once fetching it failed). */
  #fileImport: Promise<typeof import('./file-import.svelte.ts') | null> | null = null;

  /**
   * Starts a file import into the current project (shown as a dialog until `finishImport`), or returns
   * the one under way. Null without a project, or when the importer's code could not be fetched (one
   * notice says so: a file dragged over the page asks again and again).
   */
  async beginImport(): Promise<FileImport | null> {
    const project = this.#ws.project;
    if (!project) return null;
    if (this.importing) return this.importing;
    this.#fileImport ??= import('./file-import.svelte.ts').catch((e: unknown) => {
      this.#ws.notify('error', `无法导入文件 Could not start the import: ${(e as Error).message}`);
      return null;
    });
    const loaded = await this.#fileImport;
    if (!loaded || this.#ws.project?.id !== project.id) return null;
    this.importing ??= new loaded.FileImport(this.#ws.store, project.id);
    return this.importing;
  }

  /** Stores the files the user confirmed (all or nothing) and opens the first; a notice says what happened. */
  async finishImport(): Promise<void> {
    const importing = this.importing;
    const io = importing && (await this.#io('未导入任何文件 Nothing imported'));
    if (importing && io) await io.finishImport(this.#ws, this, importing);
  }

  /** Starts a dataset import into the current project (a dialog until `finishDatasetImport`). */
  beginDatasetImport(): DatasetImport | null {
    if (!this.#ws.project) return null;
    const project = this.#ws.project;
    const who = { layer: this.#ws.layer, ...(this.#ws.annotator ? { by: this.#ws.annotator } : {}) };
    this.datasetImport ??= new DatasetImport(this.#ws.store, project.id, project.labels, who, project.relationTypes);
    return this.datasetImport;
  }

  /** Stores what the dataset import read, with its label choices; all of it or nothing. */
  async finishDatasetImport(): Promise<boolean> {
    const importing = this.datasetImport;
    if (!importing || !this.#ws.project) return false;
    const io = await this.#io(`${importing.fileNames.join(', ')}: 未导入 Nothing imported`);
    return io ? io.finishDatasetImport(this.#ws, this, importing) : false;
  }

  /**
   * Reads a doccano JSONL file into the current project in one step (labels it lacks are added):
   * all of it, or nothing with every error listed.
   */
  async importFile(fileName: string, content: string): Promise<boolean> {
    const importing = this.beginDatasetImport();
    if (!importing) return false;
    importing.formatId = 'doccano';
    await importing.load([{ name: fileName, arrayBuffer: async () => new TextEncoder().encode(content).buffer }]);
    if (importing.errors.length > 0) {
      this.datasetImport = null;
      const n = importing.errors.length;
      this.#ws.notify('error', `${fileName}: 未导入，发现 ${n} 处错误 Nothing imported, ${n} error(s)`, importing.errors);
      return false;
    }
    return this.finishDatasetImport();
  }

  /** The project as a dataset: the files to save, or null (with the reason shown) when refused. */
  async exportDataset(choice: ExportChoice): Promise<{ files: DataFile[]; report: string[] } | null> {
    if (!this.#ws.project) return null;
    await this.#ws.session?.settled();
    const io = await this.#io('导出失败 Export failed');
    return io ? io.exportDataset(this.#ws, choice) : null;
  }

  /** The project as doccano JSONL (the quick export button). */
  async exportJsonl(): Promise<DataFile | null> {
    const result = await this.exportDataset({ formatId: 'doccano', baseName: this.fileBase });
    return result?.files[0] ?? null;
  }

  /** The annotator's own layer as a package (formats/annotator-package.ts), or null with the reason shown. */
  async exportPackage(): Promise<{ fileName: string; content: string } | null> {
    const project = this.#ws.project;
    if (!project) return null;
    const name = this.#ws.annotator;
    if (!name) {
      this.#ws.notify('warning', '请先设置你的名字：标注包是一个人的标注层 Set your name first: a package holds one annotator\'s layer');
      return null;
    }
    await this.#ws.session?.settled();
    const io = await this.#io('导出失败 Export failed');
    return io ? io.exportPackage(this.#ws, project, name) : null;
  }

  /**
   * Imports colleagues' packages into the current project, one after another, each all or nothing (a
   * refused file leaves the others in); one notice lists every file's outcome.
   */
  async importPackages(files: readonly FileLike[]): Promise<{ imported: number; refused: number }> {
    const project = this.#ws.project;
    if (!project || files.length === 0) return { imported: 0, refused: 0 };
    await this.#ws.session?.settled();
    const io = await this.#io('未导入任何标注包 Nothing imported');
    return io ? io.importPackages(this.#ws, project, files) : { imported: 0, refused: files.length };
  }

  /**
   * The exports and the package import (with the formats, their schemas and the text decoders), fetched
   * when first used: not part of the first load. Null, with the notice `failed: reason`, when they
   * could not be fetched.
   */
  async #io(failed: string): Promise<typeof import('./exchange-io.ts') | null> {
    try {
      return await import('./exchange-io.ts');
    } catch (e) {
      this.#ws.notify('error', `${failed}: ${(e as Error).message}`);
      return null;
    }
  }

  /** The project name as a safe file name. */
  get fileBase(): string {
    return (this.#ws.project?.name ?? 'dataset').replace(/[\\/:*?"<>|\s]+/g, '_');
  }
}
