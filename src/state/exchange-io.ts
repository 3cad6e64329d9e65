/**
 * The work behind Exchange's imports and exports (state/exchange.svelte.ts), in a module of its own so
 * that it, the dataset formats, their schemas and the text decoders are fetched only when the user
 * first imports or exports, not with the page.
 */
import type { Project } from '../core/index.ts';
import { packageFileName, parsePackage, serializePackage } from '../formats/annotator-package.ts';
import { ExportError, exportProblemMessage, formatErrorMessage, type DataFile } from '../formats/index.ts';
import { decodeTextFile } from '../formats/text-file.ts';
import { projectDataset, type ExportChoice } from './dataset-export.ts';
import type { DatasetImport, FileLike } from './dataset-import.svelte.ts';
import type { Exchange } from './exchange.svelte.ts';
import type { FileImport } from './file-import.svelte.ts';
import type { Workspace } from './workspace.svelte.ts';

/** Stores the files the user confirmed (all or nothing), closes the import and opens the first file. */
export async function finishImport(ws: Workspace, exchange: Exchange, importing: FileImport): Promise<void> {
  try {
    const { imported: n, duplicates } = await importing.commit();
    exchange.importing = null;
    await ws.refreshDocuments();
    const dup = duplicates.length > 0 ? `; ${duplicates.length} left out as duplicates after cleaning` : '';
    ws.notify(duplicates.length ? 'warning' : 'info', `已导入 ${n} 个文件 Imported ${n} file(s)${dup}`, duplicates);
    const first = ws.documents.at(-n);
    if (n > 0 && first) await ws.openDocument(first.id);
  } catch (e) {
    ws.notify('error', `未导入任何文件 Nothing imported: ${(e as Error).message}`);
  }
}

/** Stores what the dataset import read, with its label choices; all of it or nothing. */
export async function finishDatasetImport(ws: Workspace, exchange: Exchange, importing: DatasetImport): Promise<boolean> {
  const name = importing.fileNames.join(', ');
  try {
    const { documents: n, addedLabels } = await importing.commit();
    exchange.datasetImport = null;
    await ws.reloadProject();
    ws.notify('info', `已导入 ${n} 篇 Imported ${n} document(s) from ${name}` + (addedLabels ? `; ${addedLabels} new label(s)` : ''));
    const first = ws.documents.at(-n);
    // New labels reach the open document only when it is opened again.
    if (ws.session && addedLabels > 0) await ws.openDocument(ws.session.doc.id);
    else if (!ws.session && first) await ws.openDocument(first.id);
    return true;
  } catch (e) {
    ws.notify('error', `${name}: 未导入 Nothing imported: ${(e as Error).message}`);
    return false;
  }
}

/** The current project as a dataset: the files to save, or null (with the reason shown) when refused. */
export async function exportDataset(ws: Workspace, choice: ExportChoice): Promise<{ files: DataFile[]; report: string[] } | null> {
  if (!ws.project) return null;
  try {
    const result = await projectDataset(ws.store, ws.segmenter, ws.project.id, { layer: ws.layer, ...choice });
    if (result.report.length > 0) {
      ws.notify('warning', `导出完成，${result.report.length} 处无法保留 Exported; ${result.report.length} span(s) flattened or left out`, result.report);
    }
    return result;
  } catch (e) {
    if (!(e instanceof ExportError)) {
      ws.notify('error', `导出失败 Export failed: ${(e as Error).message}`);
      return null;
    }
    const n = e.problems.length;
    ws.notify('error', `导出已取消：${n} 个标注与原文不符 Export refused: ${n} span(s) no longer match the text`, e.problems.map(exportProblemMessage));
    return null;
  }
}

/** `name`'s layer of the project as a package file, or null with the reason shown. */
export async function exportPackage(ws: Workspace, project: Project, name: string): Promise<{ fileName: string; content: string } | null> {
  try {
    const pkg = await ws.store.exportPackage(project.id, name);
    const spans = pkg.documents.reduce((n, d) => n + d.spans.length, 0);
    ws.notify('info', `已导出 ${name} 的标注包 Exported ${name}'s package: ${pkg.documents.length} document(s), ${spans} span(s)`);
    return { fileName: packageFileName(project.name, name), content: serializePackage(pkg) };
  } catch (e) {
    ws.notify('error', `导出失败 Export failed: ${(e as Error).message}`);
    return null;
  }
}

/**
 * Imports colleagues' packages into the project, one after another, each all or nothing (a refused file
 * leaves the others in); one notice lists every file's outcome.
 */
export async function importPackages(ws: Workspace, project: Project, files: readonly FileLike[]): Promise<{ imported: number; refused: number }> {
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
      const r = await ws.store.importPackage(project.id, parsed.package, ws.annotator ? { by: ws.annotator } : {});
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
    await ws.reloadProject();
    // New labels reach the open document only when it is opened again.
    const session = ws.session;
    if (session && newLabels) await ws.openDocument(session.doc.id);
    else if (!session && ws.documents[0]) await ws.openDocument(ws.documents[0].id);
  }
  const text = `已导入 ${imported}/${files.length} 个标注包 Imported ${imported} of ${files.length} package(s)`;
  ws.notify(refused > 0 ? 'error' : 'info', text, lines);
  return { imported, refused };
}
