import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../src/core/index.ts';
import { DEFAULT_PROJECT_NAME, openDatabase, Store, type ZhengbiaoDB } from '../../src/db/index.ts';
import { freshName, TEXT } from './helpers.ts';

const open: ZhengbiaoDB[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function storeOn(name: string): Store {
  const db = openDatabase(name);
  open.push(db);
  return new Store(db, { announce: () => {} });
}

const seed = { title: '示例报告', text: TEXT };

describe('Store.ensureStarted', () => {
  it('creates the default project with the seed document on an empty database', async () => {
    const store = storeOn(freshName());
    const { project, doc } = await store.ensureStarted(seed);
    expect(project.name).toBe(DEFAULT_PROJECT_NAME);
    expect(project.labels).toEqual(DEFAULT_LABELS);
    expect(doc).toMatchObject({ projectId: project.id, title: '示例报告', text: TEXT, status: 'new' });
    expect(await store.listProjects()).toEqual([project]);
    expect(await store.getDocument(doc!.id)).toEqual(doc);
  });

  it('is idempotent: later starts return the same project and document and add nothing', async () => {
    const name = freshName();
    const first = await storeOn(name).ensureStarted(seed);
    const again = await storeOn(name).ensureStarted({ title: '另一个', text: '别的' });
    expect(again).toEqual(first);
    const store = storeOn(name);
    expect(await store.listProjects()).toHaveLength(1);
    expect(await store.listDocuments(first.project.id)).toHaveLength(1);
  });

  it('makes one project when two tabs start at once', async () => {
    const name = freshName();
    const [a, b] = await Promise.all([storeOn(name).ensureStarted(seed), storeOn(name).ensureStarted(seed)]);
    expect(a.project.id).toBe(b.project.id);
    expect(a.doc?.id).toBe(b.doc?.id);
    const db = openDatabase(name);
    open.push(db);
    expect(await db.projects.count()).toBe(1);
    expect(await db.documents.count()).toBe(1);
  });

  it('returns the first project and its earliest document, or none when it has no documents', async () => {
    const store = storeOn(freshName());
    const empty = await store.createProject('空');
    await store.createProject('后来');
    expect(await store.ensureStarted(seed)).toEqual({ project: empty, doc: undefined });

    const d1 = await store.addDocument(empty.id, '先', 'a');
    await store.addDocument(empty.id, '后', 'b');
    expect(await store.ensureStarted(seed)).toEqual({ project: empty, doc: d1 });
  });
});
