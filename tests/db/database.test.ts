import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, ZhengbiaoDB } from '../../src/db/index.ts';
import { freshName } from './helpers.ts';

describe('ZhengbiaoDB', () => {
  let db: ZhengbiaoDB | undefined;
  afterEach(() => db?.close());

  it('opens at schema version 1 with every table, key and index', async () => {
    db = openDatabase(freshName());
    await db.open();
    expect(db.verno).toBe(1);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['annotators', 'documents', 'projects', 'relations', 'spans', 'tokens']);

    const schema = (name: string) => {
      const t = db!.table(name).schema;
      return { key: t.primKey.keyPath, indexes: t.indexes.map((i) => i.name).sort() };
    };
    expect(schema('projects')).toEqual({ key: 'id', indexes: [] });
    expect(schema('documents')).toEqual({ key: 'id', indexes: ['[projectId+textHash]', 'projectId', 'textHash'] });
    expect(schema('spans')).toEqual({ key: 'id', indexes: ['docId'] });
    expect(schema('relations')).toEqual({ key: 'id', indexes: ['docId'] });
    expect(schema('annotators')).toEqual({ key: 'id', indexes: [] });
    expect(schema('tokens')).toEqual({ key: 'docId', indexes: [] });
  });

  it('creates the object stores in IndexedDB itself', async () => {
    db = openDatabase(freshName());
    await db.open();
    expect([...db.backendDB().objectStoreNames].sort()).toEqual(['annotators', 'documents', 'projects', 'relations', 'spans', 'tokens']);
  });

  it('defaults to the name "zhengbiao"', () => {
    db = openDatabase();
    expect(db.name).toBe('zhengbiao');
  });
});
