import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { TARGET_ATTRIBUTES } from '../../src/core/index.ts';
import { openDatabase, ZhengbiaoDB } from '../../src/db/index.ts';
import { freshName } from './helpers.ts';

describe('ZhengbiaoDB', () => {
  let db: ZhengbiaoDB | undefined;
  afterEach(() => db?.close());

  it('opens at schema version 3 with every table, key and index', async () => {
    db = openDatabase(freshName());
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['annotators', 'comments', 'decisions', 'documents', 'projects', 'relations', 'spans', 'tokens']);

    const schema = (name: string) => {
      const t = db!.table(name).schema;
      return { key: t.primKey.keyPath, indexes: t.indexes.map((i) => i.name).sort() };
    };
    expect(schema('projects')).toEqual({ key: 'id', indexes: [] });
    expect(schema('documents')).toEqual({ key: 'id', indexes: ['[projectId+sourceHash]', '[projectId+textHash]', 'projectId', 'textHash'] });
    expect(schema('spans')).toEqual({ key: 'id', indexes: ['docId'] });
    expect(schema('relations')).toEqual({ key: 'id', indexes: ['docId', 'fromId', 'toId'] });
    expect(schema('annotators')).toEqual({ key: 'id', indexes: [] });
    expect(schema('tokens')).toEqual({ key: 'docId', indexes: [] });
    expect(schema('comments')).toEqual({ key: 'id', indexes: ['docId'] });
    expect(schema('decisions')).toEqual({ key: 'id', indexes: ['docId'] });
  });

  it('creates the object stores in IndexedDB itself', async () => {
    db = openDatabase(freshName());
    await db.open();
    expect([...db.backendDB().objectStoreNames].sort()).toEqual(['annotators', 'comments', 'decisions', 'documents', 'projects', 'relations', 'spans', 'tokens']);
  });

  it('upgrades a version 1 database in place, keeping its records', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    v1.version(1).stores({
      projects: 'id',
      documents: 'id, projectId, textHash, [projectId+textHash]',
      spans: 'id, docId',
      relations: 'id, docId',
      annotators: 'id',
      tokens: 'docId',
    });
    const doc = { id: 'd1', projectId: 'p1', title: 't', text: 'abc', textHash: 'h', status: 'new', createdAt: 1, updatedAt: 1 };
    await v1.table('documents').add(doc);
    v1.close();

    db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.documents.get('d1')).toEqual(doc);
    expect(await db.documents.where('[projectId+sourceHash]').equals(['p1', 'x']).count()).toBe(0);
  });

  it('upgrades a version 2 project: TARGET gets the default attributes, other labels and custom ones stay', async () => {
    const name = freshName();
    const v2 = new Dexie(name);
    v2.version(1).stores({ projects: 'id', documents: 'id, projectId, textHash, [projectId+textHash]', spans: 'id, docId', relations: 'id, docId', annotators: 'id', tokens: 'docId' });
    v2.version(2).stores({ documents: 'id, projectId, textHash, [projectId+textHash], [projectId+sourceHash]' });
    const label = (id: string, extra = {}) => ({ id, zh: id, en: id, color: '#000', hotkey: '', nestsIn: [], ...extra });
    const custom = [{ id: 'deadline', zh: '期限', en: 'deadline', values: ['Q1'] }];
    await v2.table('projects').bulkAdd([
      { id: 'p1', name: 'old', createdAt: 1, labels: [label('TARGET'), label('METRIC', { nestsIn: ['TARGET'] })] },
      { id: 'p2', name: 'custom', createdAt: 2, labels: [label('TARGET', { attributes: custom }), label('X')] },
    ]);
    v2.close();

    db = openDatabase(name);
    const [p1, p2] = await Promise.all([db.projects.get('p1'), db.projects.get('p2')]);
    expect(p1!.labels[0]!.attributes).toEqual(TARGET_ATTRIBUTES);
    expect(p1!.labels[1]!.attributes).toBeUndefined();
    expect(p2!.labels[0]!.attributes).toEqual(custom);
    expect(p2!.labels[1]!.attributes).toBeUndefined();
  });

  it('defaults to the name "zhengbiao"', () => {
    db = openDatabase();
    expect(db.name).toBe('zhengbiao');
  });
});
