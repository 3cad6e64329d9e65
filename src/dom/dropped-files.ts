/**
 * Files from a drop, folders included. DataTransfer.files lists a dropped folder as one useless entry;
 * the entries API walks it. Inside folders only text files are taken (a folder saved from a website
 * also holds images and scripts); files dropped one by one are all taken, and refused later if they
 * are not text.
 */

export const TEXT_FILE = /\.(txt|text)$/i;

/** A file with the path it had inside a dropped or picked folder (or just its name). */
export interface PathFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface Collected {
  files: PathFile[];
  /** Files inside folders that were passed over for not being .txt. */
  skipped: string[];
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries returns at most 100 entries a call; keep calling until it returns none.
  return new Promise((resolve, reject) => {
    const out: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(out);
        out.push(...batch);
        next();
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, path: string, inFolder: boolean, into: Collected): Promise<void> {
  if (entry.isFile) {
    if (inFolder && !TEXT_FILE.test(entry.name)) {
      into.skipped.push(path);
      return;
    }
    const file = await fileOf(entry as FileSystemFileEntry);
    // Keep the folder path so that same-named files in different folders stay apart.
    into.files.push(withPath(file, path));
  } else if (entry.isDirectory) {
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) {
      await walk(child, `${path}/${child.name}`, true, into);
    }
  }
}

export async function droppedFiles(data: DataTransfer): Promise<Collected> {
  const into: Collected = { files: [], skipped: [] };
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.every((e) => e === null)) {
    for (const f of data.files) into.files.push(withPath(f, f.name));
    return into;
  }
  for (const entry of entries) if (entry) await walk(entry, entry.name, false, into);
  return into;
}

/** From a folder picker (`<input webkitdirectory>`): only text files, with the rest counted. */
export function pickedFolder(list: FileList): Collected {
  const into: Collected = { files: [], skipped: [] };
  for (const f of list) {
    const path = f.webkitRelativePath || f.name;
    if (TEXT_FILE.test(f.name)) into.files.push(withPath(f, path));
    else into.skipped.push(path);
  }
  return into;
}

export function pickedFiles(list: FileList): PathFile[] {
  return [...list].map((f) => withPath(f, f.name));
}

function withPath(file: File, path: string): PathFile {
  return { name: path, size: file.size, arrayBuffer: () => file.arrayBuffer() };
}
