/**
 * Bringing text files in: read and decode many files without freezing the page, show the encoding of
 * each, refuse binary or undecodable ones by name, report duplicates, offer cleaning with a preview,
 * and store everything accepted in one transaction — or nothing.
 */
import { cleanText, codePointLength, hashText, type CleaningResult, type CleaningRule } from '../core/index.ts';
import type { Store } from '../db/index.ts';

export interface IncomingFile {
  /** Path inside a dropped or picked folder, else the file name. */
  name: string;
  bytes: number;
  state: 'reading' | 'ready' | 'refused' | 'duplicate';
  encoding?: string;
  title?: string;
  text?: string;
  hash?: string;
  /** Why the file was refused, or which document already holds its text. */
  reason?: string;
}

/** The smallest piece of a picked or dropped file the importer needs; `name` may be a folder path. */
export interface FileLike {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export const ALL_RULES: readonly CleaningRule[] = ['crlf', 'join-lines', 'boilerplate'];

export class FileImport {
  files = $state.raw<IncomingFile[]>([]);
  progress = $state.raw<{ done: number; total: number } | null>(null);
  rules = $state.raw<CleaningRule[]>(['crlf']);
  busy = $state(false);

  readonly #store: Store;
  readonly #projectId: string;

  constructor(store: Store, projectId: string) {
    this.#store = store;
    this.#projectId = projectId;
  }

  get ready(): IncomingFile[] {
    return this.files.filter((f) => f.state === 'ready');
  }

  get refused(): IncomingFile[] {
    return this.files.filter((f) => f.state === 'refused');
  }

  /** The cleaning the chosen rules would do to a file (for the preview). */
  cleaning(file: IncomingFile): CleaningResult | null {
    return file.text === undefined ? null : cleanText(file.text, this.rules);
  }

  /** Reads files one at a time, yielding to the page between them, and adds them to the list. */
  async read(list: FileLike[]): Promise<void> {
    if (list.length === 0) return;
    // The decoder (chardet and the Chinese encodings) is fetched at the first import, not at page load;
    // if it cannot be fetched, the files are listed as refused with the reason.
    const decoder = await import('../formats/text-file.ts').catch((e: unknown) => (e as Error).message);
    const incoming = list.filter((f) => !this.files.some((g) => g.name === f.name));
    if (incoming.length === 0) return;
    if (typeof decoder === 'string') {
      const reason = `could not load the file reader: ${decoder}`;
      this.files = [...this.files, ...incoming.map((f): IncomingFile => ({ name: f.name, bytes: f.size, state: 'refused', reason }))];
      return;
    }
    const { decodeTextFile, textTitle } = decoder;
    this.busy = true;
    const start = this.files.length;
    this.files = [...this.files, ...incoming.map((f): IncomingFile => ({ name: f.name, bytes: f.size, state: 'reading' }))];
    this.progress = { done: 0, total: incoming.length };
    const seen = new Map(this.files.filter((f) => f.hash !== undefined).map((f) => [f.hash!, f.name]));
    // Entries are collected and shown in batches, a frame's worth of work at a time: publishing the
    // list after every file re-rendered the whole table each time (a thousand files took ~8 s).
    const next = this.files.slice();
    let shown = performance.now();
    for (let i = 0; i < incoming.length; i++) {
      const file = incoming[i]!;
      const decoded = decodeTextFile(new Uint8Array(await file.arrayBuffer()), file.name);
      let entry: IncomingFile;
      if (!decoded.ok) entry = { name: file.name, bytes: file.size, state: 'refused', reason: decoded.reason };
      else if (decoded.text.trim() === '') entry = { name: file.name, bytes: file.size, state: 'refused', reason: 'empty file (no text)', encoding: decoded.encoding };
      else {
        const hash = hashText(decoded.text);
        const twin = seen.get(hash);
        entry = {
          name: file.name,
          bytes: file.size,
          state: twin ? 'duplicate' : 'ready',
          encoding: decoded.encoding,
          title: textTitle(file.name, decoded.text),
          text: decoded.text,
          hash,
          reason: twin ? `same text as ${twin}` : undefined,
        };
        if (!twin) seen.set(hash, file.name);
      }
      next[start + i] = entry;
      this.progress = { done: i + 1, total: incoming.length };
      if (performance.now() - shown > 100) {
        this.files = next.slice();
        shown = performance.now();
      }
      // Let the page paint and respond between files: hundreds of files must not freeze it.
      if (i % 4 === 3) await new Promise((r) => setTimeout(r, 0));
    }
    this.files = next;
    this.progress = { done: incoming.length, total: incoming.length };
    await this.#markExisting();
    this.progress = null;
    this.busy = false;
  }

  remove(name: string): void {
    this.files = this.files.filter((f) => f.name !== name);
  }

  setRule(rule: CleaningRule, on: boolean): void {
    this.rules = on ? [...new Set([...this.rules, rule])] : this.rules.filter((r) => r !== rule);
  }

  /**
   * Stores every ready file (cleaned by the chosen rules) as a new document, in one transaction.
   * Refused files are left out (the caller asks the user first); a file whose text, as it would be
   * stored, is already in the project or earlier in this import is marked duplicate and left out.
   */
  async commit(): Promise<{ imported: number; duplicates: string[] }> {
    this.busy = true;
    try {
      const cleaned = this.ready.map((f) => ({ file: f, text: cleanText(f.text ?? '', this.rules).text }));
      const existing = await this.#store.existingTexts(this.#projectId, cleaned.map((c) => hashText(c.text)));
      const taken = new Map<string, string>();
      const items = [];
      const duplicates: string[] = [];
      for (const { file, text } of cleaned) {
        const hash = hashText(text);
        const twin = existing.get(hash) ?? taken.get(hash);
        if (twin !== undefined) {
          this.#mark(file.name, existing.has(hash) ? `already in the project as "${twin}"` : `same text as ${twin} after cleaning`);
          duplicates.push(file.name);
          continue;
        }
        taken.set(hash, file.name);
        items.push({ title: file.title ?? file.name, text, sourceHash: file.hash, spans: [] });
      }
      if (items.length === 0) return { imported: 0, duplicates };
      const docs = await this.#store.importDocuments(this.#projectId, items);
      return { imported: docs.length, duplicates };
    } finally {
      this.busy = false;
    }
  }

  #mark(name: string, reason: string): void {
    this.files = this.files.map((f) => (f.name === name ? { ...f, state: 'duplicate', reason } : f));
  }

  /** Texts already in the project, as read or as the chosen cleaning would store them, are duplicates. */
  async #markExisting(): Promise<void> {
    const ready = this.ready.filter((f) => f.text !== undefined && f.hash !== undefined);
    const cleanedHash = new Map(ready.map((f) => [f.name, hashText(cleanText(f.text!, this.rules).text)]));
    const existing = await this.#store.existingTexts(this.#projectId, [...ready.map((f) => f.hash!), ...cleanedHash.values()]);
    for (const f of ready) {
      const title = existing.get(f.hash!) ?? existing.get(cleanedHash.get(f.name)!);
      if (title !== undefined) this.#mark(f.name, `already in the project as "${title}"`);
    }
  }
}


export function totalLength(files: IncomingFile[]): number {
  return files.reduce((n, f) => n + (f.text ? codePointLength(f.text) : 0), 0);
}
