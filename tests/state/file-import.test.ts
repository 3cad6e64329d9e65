// Reading text files into a project: encodings, refusals, duplicates, cleaning, one transaction.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Store, openDatabase } from '../../src/db/index.ts';
import { FileImport, type FileLike } from '../../src/state/file-import.svelte.ts';

const SEED = readFileSync('seeds/changshan-2023-work-report-p11.txt', 'utf8');

function file(name: string, bytes: Uint8Array | string): FileLike {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return { name, size: data.length, arrayBuffer: async () => data.slice().buffer };
}

function fixture(name: string): FileLike {
  return file(name, new Uint8Array(readFileSync(`tests/fixtures/encodings/${name}`)));
}

async function setup() {
  const store = new Store(openDatabase(`import-${Math.random()}`));
  const project = await store.createProject('p');
  return { store, project, importer: new FileImport(store, project.id) };
}

describe('file import', () => {
  it('shows each file with its encoding, refuses binary by name, and marks duplicates', async () => {
    const { importer } = await setup();
    await importer.read([fixture('seed.gb18030.txt'), fixture('seed.utf16le-bom.txt'), fixture('binary.bin.txt'), fixture('traditional.big5.txt')]);
    expect(importer.files.map((f) => [f.name, f.state, f.encoding ?? null])).toEqual([
      ['seed.gb18030.txt', 'ready', 'GB18030'],
      ['seed.utf16le-bom.txt', 'duplicate', 'UTF-16LE (BOM)'],
      ['binary.bin.txt', 'refused', null],
      ['traditional.big5.txt', 'ready', 'Big5'],
    ]);
    expect(importer.files[0]!.text).toBe(SEED);
    expect(importer.files[1]!.reason).toBe('same text as seed.gb18030.txt');
    expect(importer.files[2]!.reason).toMatch(/binary/);
  });

  it('stores the ready files in one go, cleaned by the chosen rules, and reports texts already in the project', async () => {
    const { store, project, importer } = await setup();
    importer.setRule('boilerplate', true);
    await importer.read([file('a.txt', '第 3 页\n力争全年整治1980亩以上。\r\n'), file('b.txt', SEED)]);
    expect(await importer.commit()).toEqual({ imported: 2, duplicates: [] });
    const docs = await store.listDocuments(project.id);
    expect(docs.map((d) => d.title)).toEqual(['a', 'b']);
    expect((await store.getDocument(docs[0]!.id))!.text).toBe('力争全年整治1980亩以上。\n');

    // The same file again, read with other cleaning rules: still recognised by its text before cleaning.
    const again = new FileImport(store, project.id);
    await again.read([file('c.txt', SEED), file('d.txt', '力争全年整治1980亩以上。\n')]);
    expect(again.files.map((f) => [f.state, f.reason])).toEqual([
      ['duplicate', 'already in the project as "b"'],
      ['duplicate', 'already in the project as "a"'],
    ]);
  });

  it('stores nothing when the transaction fails', async () => {
    const { store, project, importer } = await setup();
    await importer.read([file('a.txt', 'one'), file('b.txt', 'two')]);
    const real = store.importDocuments.bind(store);
    store.importDocuments = async (id, items) => real(id, [...items, { title: 'bad', text: 'x', spans: [{ start: 0, end: 5, label: 'ORG', text: 'x' }] }]);
    await expect(importer.commit()).rejects.toThrow();
    expect(await store.listDocuments(project.id)).toEqual([]);
  });

  it('reports progress while reading many files', async () => {
    const { importer } = await setup();
    const seen: number[] = [];
    const files = Array.from({ length: 40 }, (_, i) => file(`f${i}.txt`, `第${i}篇`));
    const reading = importer.read(files);
    while (importer.busy || seen.length === 0) {
      if (importer.progress) seen.push(importer.progress.done);
      await new Promise((r) => setTimeout(r, 0));
    }
    await reading;
    expect(importer.ready).toHaveLength(40);
    expect(seen.some((n) => n > 0 && n < 40)).toBe(true);
  });
});
