/**
 * Bringing data in and out of the current project: text files (with cleaning), dataset files (with
 * the label mapping), dataset exports. Each import waits in a dialog until the user confirms it.
 */
import { ExportError, exportProblemMessage, type DataFile } from '../formats/index.ts';
import { packageFileName, parsePackage, serializePackage } from '../formats/annotator-package.ts';
import { decodeTextFile } from '../formats/text-file.ts';
import { formatErrorMessage } from '../formats/types.ts';
import { DatasetImport, type FileLike } from './dataset-import.svelte.ts';
import { projectDataset, type ExportChoice } from './dataset-export.ts';
import { FileImport } from './file-import.svelte.ts';
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

  /** Starts a file import into the current project (shown as a dialog until `endImport`). */
  beginImport(): FileImport | null {
    if (!this.#ws.project) return null;
    this.importing ??= new FileImport(this.#ws.store, this.#ws.project.id);
    return this.importing;
  }

  async finishImport(): Promise<void> {
    const importing = this.importing;
    if (!importing) return;
    try {
      const { imported: n, duplicates } = await importing.commit();
      this.importing = null;
      await this.#ws.refreshDocuments();
      const dup = duplicates.length > 0 ? `; ${duplicates.length} left out as duplicates after cleaning` : '';
      this.#ws.notify(duplicates.length ? 'warning' : 'info', `已导入 ${n} 个文件 Imported ${n} file(s)${dup}`, duplicates);
      const first = this.#ws.documents.at(-n);
      if (n > 0 && first) await this.#ws.openDocument(first.id);
    } catch (e) {
      this.#ws.notify('error', `未导入任何文件 Nothing imported: ${(e as Error).message}`);
    }
  }

  /** Starts a dataset import into the current project (a dialog until `finishDatasetImport`). */
  beginDatasetImport(): DatasetImport | null {
    if (!this.#ws.project) return null;
    this.datasetImport ??= new DatasetImport(this.#ws.store, this.#ws.project.id, this.#ws.project.labels, {
      layer: this.#ws.layer,
      ...(this.#ws.annotator ? { by: this.#ws.annotator } : {}),
    });
    return this.datasetImport;
  }

  /** Stores what the dataset import read, with its label choices; all of it or nothing. */
  async finishDatasetImport(): Promise<boolean> {
    const importing = this.datasetImport;
    if (!importing || !this.#ws.project) return false;
    const name = importing.fileNames.join(', ');
    try {
      const { documents: n, addedLabels } = await importing.commit();
      this.datasetImport = null;
      await this.#ws.reloadProject();
      this.#ws.notify('info', `已导入 ${n} 篇 Imported ${n} document(s) from ${name}` + (addedLabels ? `; ${addedLabels} new label(s)` : ''));
      const first = this.#ws.documents.at(-n);
      // New labels reach the open document only when it is opened again.
      if (this.#ws.session && addedLabels > 0) await this.#ws.openDocument(this.#ws.session.doc.id);
      else if (!this.#ws.session && first) await this.#ws.openDocument(first.id);
      return true;
    } catch (e) {
      this.#ws.notify('error', `${name}: 未导入 Nothing imported: ${(e as Error).message}`);
      return false;
    }
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
    try {
      const result = await projectDataset(this.#ws.store, this.#ws.segmenter, this.#ws.project.id, { layer: this.#ws.layer, ...choice });
      if (result.report.length > 0) {
        this.#ws.notify('warning', `导出完成，${result.report.length} 处无法保留 Exported; ${result.report.length} span(s) flattened or left out`, result.report);
      }
      return result;
    } catch (e) {
      if (!(e instanceof ExportError)) {
        this.#ws.notify('error', `导出失败 Export failed: ${(e as Error).message}`);
        return null;
      }
      const n = e.problems.length;
      this.#ws.notify('error', `导出已取消：${n} 个标注与原文不符 Export refused: ${n} span(s) no longer match the text`, e.problems.map(exportProblemMessage));
      return null;
    }
  }

  /** The project as doccano JSONL (the quick export button). */
  async exportJsonl(): Promise<{ fileName: string; content: string } | null> {
    const result = await this.exportDataset({ formatId: 'doccano', baseName: this.fileBase });
    const file = result?.files[0];
    return file ? { fileName: file.name, content: file.content } : null;
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
    try {
      const pkg = await this.#ws.store.exportPackage(project.id, name);
      const spans = pkg.documents.reduce((n, d) => n + d.spans.length, 0);
      this.#ws.notify('info', `已导出 ${name} 的标注包 Exported ${name}'s package: ${pkg.documents.length} document(s), ${spans} span(s)`);
      return { fileName: packageFileName(project.name, name), content: serializePackage(pkg) };
    } catch (e) {
      this.#ws.notify('error', `导出失败 Export failed: ${(e as Error).message}`);
      return null;
    }
  }

  /**
   * Imports colleagues' packages into the current project, one after another, each all or nothing (a
   * refused file leaves the others in); one notice lists every file's outcome.
   */
  async importPackages(files: readonly FileLike[]): Promise<{ imported: number; refused: number }> {
    const project = this.#ws.project;
    if (!project || files.length === 0) return { imported: 0, refused: 0 };
    await this.#ws.session?.settled();
    const lines: string[] = [];
    let imported = 0;
    let newLabels = false;
    for (const f of files) {
      const decoded = decodeTextFile(new Uint8Array(await f.arrayBuffer()), f.name);
      if (!decoded.ok) {
        lines.push(`✗ ${f.name}: ${decoded.reason}`);
        continue;
      }
      const parsed = parsePackage(decoded.text, f.name);
      if (!parsed.ok) {
        lines.push(`✗ ${f.name}: 未导入，${parsed.errors.length} 处错误 nothing imported, ${parsed.errors.length} error(s):`);
        lines.push(...parsed.errors.slice(0, 50).map((e) => `    ${formatErrorMessage(e)}`));
        if (parsed.errors.length > 50) lines.push(`    … and ${parsed.errors.length - 50} more`);
        continue;
      }
      try {
        const r = await this.#ws.store.importPackage(project.id, parsed.package, this.#ws.annotator ? { by: this.#ws.annotator } : {});
        imported++;
        newLabels ||= r.labels + r.relationTypes > 0;
        const extra = [r.created ? `${r.created} new document(s)` : '', r.labels ? `${r.labels} new label(s)` : '', r.relationTypes ? `${r.relationTypes} new relation type(s)` : ''].filter(Boolean);
        lines.push(`✓ ${f.name}: ${r.annotator} — ${r.documents} document(s), ${r.spans} span(s), ${r.relations} relation(s), ${r.comments} comment(s)${extra.length ? '; ' + extra.join(', ') : ''}`);
      } catch (e) {
        lines.push(`✗ ${f.name}: ${(e as Error).message}`);
      }
    }
    const refused = files.length - imported;
    if (imported > 0) {
      await this.#ws.reloadProject();
      // New labels reach the open document only when it is opened again.
      const session = this.#ws.session;
      if (session && newLabels) await this.#ws.openDocument(session.doc.id);
      else if (!session && this.#ws.documents[0]) await this.#ws.openDocument(this.#ws.documents[0].id);
    }
    const text = `已导入 ${imported}/${files.length} 个标注包 Imported ${imported} of ${files.length} package(s)`;
    this.#ws.notify(refused > 0 ? 'error' : 'info', text, lines);
    return { imported, refused };
  }

  /** The project name as a safe file name. */
  get fileBase(): string {
    return (this.#ws.project?.name ?? 'dataset').replace(/[\\/:*?"<>|\s]+/g, '_');
  }
}
