/** Reading a dataset's files from disk (a file, several files, or a folder) and writing outputs. */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileBytes, type DataFile } from '../formats/index.ts';

/**
 * Every file under the given paths: a file by its own name, a folder's files by their path inside it
 * (so titles and brat pairs do not depend on where the command was run from).
 */
export function readInputs(paths: readonly string[]): DataFile[] {
  const out: DataFile[] = [];
  for (const p of paths) {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const f of walk(p)) out.push({ name: relative(p, f).split('\\').join('/'), content: readFileSync(f, 'utf8') });
    } else out.push({ name: basename(p), content: readFileSync(p, 'utf8') });
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/** Writes files under `dir` (their names may hold sub-folders). */
export function writeOutputs(dir: string, files: readonly DataFile[]): void {
  for (const f of files) {
    const path = join(dir, f.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fileBytes(f));
  }
}
