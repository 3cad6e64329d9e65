import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareSpans, DEFAULT_LABELS, hashText, invert, type Doc, type Span, type SpanChange } from '../../src/core/index.ts';
import { openDatabase, RecordError, Store, type ZhengbiaoDB } from '../../src/db/index.ts';
import { freshStore, spanOf, TEXT } from './helpers.ts';

const open: ZhengbiaoDB[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of open.splice(0)) db.close();
});

async function setup() {
  const s = freshStore();
  open.push(s.db);
  const project = await s.store.createProject('测试 Test');
  const doc = await s.store.addDocument(project.id, '测试文件', TEXT);
  s.events.length = 0;
  return { ...s, project, doc };
}

const create = (doc: Doc, ...spans: Span[]): SpanChange => ({ docId: doc.id, before: [], after: spans });

describe('Store: projects and documents', () => {
  it('creates projects with the default labels and lists them oldest first', async () => {
    const { store, db } = freshStore();
    open.push(db);
    const a = await store.createProject('甲');
    const b = await store.createProject('乙', [DEFAULT_LABELS[0]!]);
    expect(a.labels).toEqual(DEFAULT_LABELS);
    expect(b.labels.map((l) => l.id)).toEqual(['TARGET']);
    expect((await store.listProjects()).map((p) => p.name)).toEqual(['甲', '乙']);
  });

  it('adds a document with its text hash and status new', async () => {
    const { store, doc, project } = await setup();
    expect(doc).toMatchObject({ projectId: project.id, title: '测试文件', text: TEXT, textHash: hashText(TEXT), status: 'new' });
    expect(await store.getDocument(doc.id)).toEqual(doc);
    expect(await store.getDocument('missing')).toBeUndefined();
  });

  it('refuses a document for a project that does not exist', async () => {
    const { store, db } = await setup();
    await expect(store.addDocument('nope', 't', 'x')).rejects.toThrow(/No project "nope"/);
    expect(await db.documents.count()).toBe(1);
  });

  it('lists summaries in creation order, with code-point length and span counts, without the text', async () => {
    const { store, project, doc } = await setup();
    const second = await store.addDocument(project.id, '第二', 'abc');
    await store.applyChange(create(doc, spanOf(doc, 0, 21, 'TARGET'), spanOf(doc, 7, 13, 'METRIC'), spanOf(doc, 24, 31, 'ORG')));
    await store.applyChange(create(doc, spanOf(doc, 36, 42, 'PROJECT')));
    const other = await store.createProject('其他');
    await store.addDocument(other.id, '别的', 'xyz');

    const list = await store.listDocuments(project.id);
    expect(list.map((d) => d.id)).toEqual([doc.id, second.id]);
    expect(list[0]).toEqual({
      id: doc.id,
      title: '测试文件',
      length: [...TEXT].length,
      status: 'in-progress',
      updatedAt: (await store.getDocument(doc.id))!.updatedAt,
      spanCounts: { TARGET: 1, METRIC: 1, ORG: 1, PROJECT: 1 },
    });
    expect(list[0]!.length).toBe(TEXT.length - 1); // 𠀀 is one code point, two UTF-16 units
    expect(list[1]).toMatchObject({ title: '第二', length: 3, status: 'new', spanCounts: {} });
    expect(list.every((d) => !('text' in d))).toBe(true);
  });

  it('restores exactly the same state in a new connection (a reload)', async () => {
    const { store, project, doc, name } = await setup();
    const a = spanOf(doc, 0, 21, 'TARGET');
    const b = spanOf(doc, 7, 13, 'METRIC');
    await store.applyChange(create(doc, a, b));
    await store.applyChange({ docId: doc.id, before: [b], after: [{ ...b, label: 'ORG' }] });
    await store.putBoundaries(doc.id, doc.textHash, Uint32Array.from([0, 1, 5, 6, 48]));
    await store.createProject('第二个');

    const snapshot = async (s: Store) => ({
      projects: await s.listProjects(),
      documents: await s.listDocuments(project.id),
      doc: await s.getDocument(doc.id),
      spans: await s.getSpans(doc.id),
      boundaries: await s.getBoundaries(doc.id, doc.textHash),
    });
    const before = await snapshot(store);
    open.forEach((d) => d.close());

    const reopened = openDatabase(name);
    open.push(reopened);
    const after = await snapshot(new Store(reopened, { announce: () => {} }));
    expect(after).toEqual(before);
    expect(after.spans.map((s) => s.label)).toEqual(['TARGET', 'ORG']);
    expect(after.boundaries).toBeInstanceOf(Uint32Array);
    expect([...after.boundaries!]).toEqual([0, 1, 5, 6, 48]);
  });
});

describe('Store: applyChange', () => {
  it('stores an edit and its inverse, round trip back to the start', async () => {
    const { store, doc } = await setup();
    const a = spanOf(doc, 0, 21, 'TARGET');
    const made = create(doc, a);
    await store.applyChange(made);
    expect(await store.getSpans(doc.id)).toEqual([a]);

    const moved = { ...a, start: 7, end: 13, text: '单位GDP能' };
    const move: SpanChange = { docId: doc.id, before: [a], after: [moved] };
    await store.applyChange(move);
    expect(await store.getSpans(doc.id)).toEqual([moved]);

    await store.applyChange(invert(move));
    expect(await store.getSpans(doc.id)).toEqual([a]);
    await store.applyChange(invert(made));
    expect(await store.getSpans(doc.id)).toEqual([]);
    await store.applyChange(made);
    expect(await store.getSpans(doc.id)).toEqual([a]);
  });

  it('returns spans in document order, outer span first', async () => {
    const { store, doc } = await setup();
    const org = spanOf(doc, 24, 31, 'ORG');
    const metric = spanOf(doc, 7, 13, 'METRIC');
    const target = spanOf(doc, 0, 21, 'TARGET');
    const early = spanOf(doc, 0, 5, 'METRIC');
    await store.applyChange(create(doc, org, metric, early, target));
    const spans = await store.getSpans(doc.id);
    expect(spans).toEqual([target, early, metric, org]);
    expect([...spans].sort(compareSpans)).toEqual(spans);
  });

  it('moves a new document to in-progress and bumps updatedAt, leaving later statuses alone', async () => {
    const { store, db, doc } = await setup();
    await store.applyChange(create(doc, spanOf(doc, 0, 5, 'TARGET')));
    const touched = (await store.getDocument(doc.id))!;
    expect(touched.status).toBe('in-progress');
    expect(touched.updatedAt).toBeGreaterThan(doc.updatedAt);
    expect(touched.createdAt).toBe(doc.createdAt);

    // An edit a minute later bumps updatedAt again; later statuses stay.
    await db.documents.put({ ...touched, status: 'done', updatedAt: touched.updatedAt - 61_000 });
    await store.applyChange(create(doc, spanOf(doc, 7, 13, 'METRIC')));
    const done = (await store.getDocument(doc.id))!;
    expect(done.status).toBe('done');
    expect(done.updatedAt).toBeGreaterThan(touched.updatedAt - 61_000);
  });

  it('does not rewrite the document record (its whole text) for every edit within a minute', async () => {
    const { store, doc } = await setup();
    await store.applyChange(create(doc, spanOf(doc, 0, 5, 'TARGET')));
    const first = (await store.getDocument(doc.id))!;
    await store.applyChange(create(doc, spanOf(doc, 7, 13, 'METRIC')));
    expect((await store.getDocument(doc.id))!.updatedAt).toBe(first.updatedAt);
  });

  it('announces spans-changed once stored, and nothing when refused', async () => {
    const { store, doc, events } = await setup();
    await store.applyChange(create(doc, spanOf(doc, 0, 5, 'TARGET')));
    expect(events).toEqual([{ type: 'spans-changed', docId: doc.id }]);
    await expect(store.applyChange(create(doc, { ...spanOf(doc, 0, 5, 'TARGET'), docId: 'other' }))).rejects.toThrow();
    expect(events).toHaveLength(1);
  });

  describe('refuses, writing nothing,', () => {
    async function expectRefused(change: (doc: Doc) => SpanChange, message: RegExp | typeof RecordError) {
      const { store, doc } = await setup();
      const kept = spanOf(doc, 24, 31, 'ORG');
      await store.applyChange(create(doc, kept));
      const docBefore = await store.getDocument(doc.id);
      await expect(store.applyChange(change(doc))).rejects.toThrow(message);
      expect(await store.getSpans(doc.id)).toEqual([kept]);
      expect(await store.getDocument(doc.id)).toEqual(docBefore);
      return { store, doc, kept };
    }

    it('a span of another document (after)', () =>
      expectRefused((doc) => create(doc, spanOf(doc, 0, 5, 'TARGET'), { ...spanOf(doc, 7, 13, 'METRIC'), docId: 'elsewhere' }), /belongs to document "elsewhere"/));

    it('a span of another document (before)', () =>
      expectRefused((doc) => ({ docId: doc.id, before: [{ ...spanOf(doc, 24, 31, 'ORG'), docId: 'x' }], after: [] }), /belongs to document "x"/));

    it('a malformed span', async () => {
      const bad = (doc: Doc): SpanChange => create(doc, spanOf(doc, 0, 5, 'TARGET'), { ...spanOf(doc, 7, 13, 'METRIC'), id: 'bad', end: 7 });
      await expectRefused(bad, RecordError);
      await expectRefused(bad, /Refused to store invalid spans record "bad": end: end must be greater than start/);
    });

    it('a span whose text is not the document text at its offsets', () =>
      expectRefused((doc) => create(doc, { ...spanOf(doc, 0, 5, 'TARGET'), text: '别的字' }), /does not match the document text/));

    it('a span past the end of the text', () =>
      expectRefused((doc) => create(doc, { ...spanOf(doc, 40, 48, 'TARGET'), end: 60 }), /does not match the document text/));

    it('a change to a document that does not exist', async () => {
      const { store, db } = await setup();
      const ghost = { id: 'ghost', text: TEXT } as Doc;
      await expect(store.applyChange(create(ghost, spanOf(ghost, 0, 5, 'TARGET')))).rejects.toThrow(/No document "ghost"/);
      expect(await db.spans.count()).toBe(0);
    });

    it('the span writes when the document update fails (one transaction)', async () => {
      const { store, db, doc, events } = await setup();
      const spy = vi.spyOn(db.documents, 'put').mockRejectedValueOnce(new Error('disk full (simulated)'));
      await expect(store.applyChange(create(doc, spanOf(doc, 0, 5, 'TARGET')))).rejects.toThrow(/simulated/);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(await db.spans.count()).toBe(0);
      expect(await store.getDocument(doc.id)).toEqual(doc);
      expect(events).toEqual([]);
    });

    it('a span id stored under another document', async () => {
      const { store, db, project, doc } = await setup();
      const other = await store.addDocument(project.id, 'other', TEXT);
      const theirs = spanOf(other, 0, 5, 'TARGET');
      await store.applyChange(create(other, theirs));
      await expect(store.applyChange(create(doc, { ...theirs, docId: doc.id }))).rejects.toThrow(/stored in another document/);
      expect(await store.getSpans(other.id)).toEqual([theirs]);
      expect(await store.getSpans(doc.id)).toEqual([]);
      expect(await db.spans.count()).toBe(1);
    });
  });
});

describe('Store: reading back bad records', () => {
  it('getSpans names a corrupted span record instead of returning it', async () => {
    const { store, db, doc } = await setup();
    await store.applyChange(create(doc, spanOf(doc, 0, 5, 'TARGET')));
    // Bypass the Store, as an old version of the app or a devtools edit would.
    await db.spans.put({ id: 'corrupt-span-1', docId: doc.id, start: '3', end: 9, text: 'x' } as unknown as Span);

    const err = await store.getSpans(doc.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RecordError);
    expect((err as RecordError).message).toMatch(/^Stored spans record "corrupt-span-1" is invalid: /);
    expect((err as RecordError).message).toMatch(/start: /);
    expect((err as RecordError).message).toMatch(/label: /);
    expect((err as RecordError).key).toBe('corrupt-span-1');
    expect((err as RecordError).table).toBe('spans');
    await expect(store.listDocuments(doc.projectId)).rejects.toThrow(/corrupt-span-1/);
  });

  it('getDocument and listDocuments name a corrupted document', async () => {
    const { store, db, doc } = await setup();
    await db.documents.put({ ...doc, status: 'finished' } as unknown as Doc);
    await expect(store.getDocument(doc.id)).rejects.toThrow(new RegExp(`documents record "${doc.id}".*status`));
    await expect(store.listDocuments(doc.projectId)).rejects.toThrow(RecordError);
  });

  it('listProjects names a corrupted project', async () => {
    const { store, db, project } = await setup();
    await db.projects.put({ ...project, labels: [{ id: 'X' }] } as never);
    await expect(store.listProjects()).rejects.toThrow(new RegExp(`projects record "${project.id}".*labels\\.0\\.zh`));
  });
});
