import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ZhengbiaoDB } from '../../src/db/index.ts';
import { freshStore, TEXT } from './helpers.ts';

const open: ZhengbiaoDB[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of open.splice(0)) db.close();
});

async function setup() {
  const s = freshStore();
  open.push(s.db);
  const project = await s.store.createProject('导入 Import');
  s.events.length = 0;
  return { ...s, project };
}

const items = () => [
  {
    title: '一',
    text: TEXT,
    spans: [
      { start: 24, end: 31, label: 'ORG', text: '国家发展改革委' },
      { start: 0, end: 21, label: 'TARGET', text: '到2025年，单位GDP能耗降低13.5%' },
    ],
  },
  { title: '二', text: '没有标注的文件', spans: [] },
  { title: '三', text: '工业和信息化部', spans: [{ start: 0, end: 7, label: 'ORG', text: '工业和信息化部' }] },
];

async function expectNothingStored(db: ZhengbiaoDB, projectCount = 1) {
  expect(await db.documents.count()).toBe(0);
  expect(await db.spans.count()).toBe(0);
  expect(await db.projects.count()).toBe(projectCount);
}

describe('Store.importDocuments', () => {
  it('stores every document with its spans, in file order', async () => {
    const { store, project, events } = await setup();
    const docs = await store.importDocuments(project.id, items());
    expect(docs.map((d) => d.title)).toEqual(['一', '二', '三']);
    expect(docs.map((d) => d.status)).toEqual(['in-progress', 'new', 'in-progress']);

    const list = await store.listDocuments(project.id);
    expect(list.map((d) => d.title)).toEqual(['一', '二', '三']);
    expect(list.map((d) => d.spanCounts)).toEqual([{ ORG: 1, TARGET: 1 }, {}, { ORG: 1 }]);

    const spans = await store.getSpans(docs[0]!.id);
    expect(spans.map(({ start, end, label, text, docId }) => ({ start, end, label, text, docId }))).toEqual([
      { start: 0, end: 21, label: 'TARGET', text: '到2025年，单位GDP能耗降低13.5%', docId: docs[0]!.id },
      { start: 24, end: 31, label: 'ORG', text: '国家发展改革委', docId: docs[0]!.id },
    ]);
    expect(new Set(spans.map((s) => s.id)).size).toBe(2);
    expect(await store.getDocument(docs[2]!.id)).toEqual(docs[2]);
    expect(events).toEqual([{ type: 'documents-changed', projectId: project.id }]);
  });

  it('stores nothing when one span record is invalid', async () => {
    const { store, db, project, events } = await setup();
    const bad = items();
    bad[2]!.spans[0]!.label = '';
    await expect(store.importDocuments(project.id, bad)).rejects.toThrow(/^Item 3 \("三"\): Refused to store invalid spans record .*label/);
    await expectNothingStored(db);
    expect(events).toEqual([]);
  });

  it('stores nothing when a span does not match its text', async () => {
    const { store, db, project } = await setup();
    const bad = items();
    bad[0]!.spans[1]!.end = 20;
    await expect(store.importDocuments(project.id, bad)).rejects.toThrow(/Item 1 \("一"\): span TARGET \[0, 20\) does not match/);
    await expectNothingStored(db);
  });

  it('stores nothing when a write fails halfway through the transaction', async () => {
    const { store, db, project, events } = await setup();
    // The documents are written before the spans; failing the spans must take the documents back out.
    const spy = vi.spyOn(db.spans, 'bulkAdd').mockRejectedValueOnce(new Error('QuotaExceededError (simulated)'));
    await expect(store.importDocuments(project.id, items())).rejects.toThrow(/simulated/);
    expect(spy).toHaveBeenCalledTimes(1);
    await expectNothingStored(db);
    expect(events).toEqual([]);
  });

  it('stores nothing for a project that does not exist', async () => {
    const { store, db } = await setup();
    await expect(store.importDocuments('no-such-project', items())).rejects.toThrow(/No project/);
    await expectNothingStored(db);
  });

  it('ignores fields an item carries beyond the span shape', async () => {
    const { store, project } = await setup();
    const extra = items();
    Object.assign(extra[2]!.spans[0]!, { id: 'from-file', docId: 'x', note: 'kept out' });
    const docs = await store.importDocuments(project.id, extra);
    const [span] = await store.getSpans(docs[2]!.id);
    expect(span!.id).not.toBe('from-file');
    expect(span!.docId).toBe(docs[2]!.id);
    expect(Object.keys(span!).sort()).toEqual(['at', 'docId', 'end', 'id', 'label', 'source', 'start', 'text']);
    expect(span!.source).toBe('imported');
  });
});
