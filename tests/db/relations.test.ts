import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RELATION_TYPES, invert, type Doc, type Relation, type SpanChange } from '../../src/core/index.ts';
import type { ZhengbiaoDB } from '../../src/db/index.ts';
import { freshStore, spanOf, TEXT } from './helpers.ts';

// TEXT: '到2025年，单位GDP能耗降低13.5%。\n𠀀国家发展改革委负责实施“十链百企共生”专项行动。'
const open: ZhengbiaoDB[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function setup() {
  const s = freshStore();
  open.push(s.db);
  const project = await s.store.createProject('测试 Test');
  const doc = await s.store.addDocument(project.id, '测试文件', TEXT);
  const target = spanOf(doc, 7, 22, 'TARGET'); // 单位GDP能耗降低13.5%
  const metric = spanOf(doc, 17, 22, 'METRIC'); // 13.5%
  await s.store.applyChange({ docId: doc.id, before: [], after: [target, metric] });
  return { ...s, project, doc, target, metric };
}

function link(doc: Doc, fromId: string, toId: string, type = 'measures', id = `r-${fromId}-${toId}`): Relation {
  return { id, docId: doc.id, type, fromId, toId };
}

const linking = (doc: Doc, ...relations: Relation[]): SpanChange => ({ docId: doc.id, before: [], after: [], relations: { before: [], after: relations } });

describe('Store: relations', () => {
  it('stores a relation, reads it back, and removes it by the inverse change', async () => {
    const { store, doc, target, metric } = await setup();
    const change = linking(doc, link(doc, metric.id, target.id));
    await store.applyChange(change);
    expect(await store.getRelations(doc.id)).toEqual([link(doc, metric.id, target.id)]);
    await store.applyChange(invert(change));
    expect(await store.getRelations(doc.id)).toEqual([]);
  });

  it('refuses, storing nothing, a relation to a span the document lacks', async () => {
    const { store, doc, metric } = await setup();
    await expect(store.applyChange(linking(doc, link(doc, metric.id, 'missing')))).rejects.toThrow(/would point at a span the document does not have/);
    expect(await store.getRelations(doc.id)).toEqual([]);
  });

  it('refuses to delete a span and leave its relation behind; deleting both in one change works, and its inverse restores both', async () => {
    const { store, doc, target, metric } = await setup();
    const r = link(doc, metric.id, target.id);
    await store.applyChange(linking(doc, r));
    await expect(store.applyChange({ docId: doc.id, before: [metric], after: [] })).rejects.toThrow(/would point at a span/);
    expect(await store.getSpans(doc.id)).toHaveLength(2);

    const removal: SpanChange = { docId: doc.id, before: [metric], after: [], relations: { before: [r], after: [] } };
    await store.applyChange(removal);
    expect(await store.getSpans(doc.id)).toEqual([target]);
    expect(await store.getRelations(doc.id)).toEqual([]);
    await store.applyChange(invert(removal));
    expect(await store.getSpans(doc.id)).toHaveLength(2);
    expect(await store.getRelations(doc.id)).toEqual([r]);
  });

  it('refuses a relation of another document and a relation from a span to itself', async () => {
    const { store, doc, metric } = await setup();
    await expect(store.applyChange(linking(doc, { ...link(doc, metric.id, metric.id) }))).rejects.toThrow(/two different spans/);
    await expect(store.applyChange(linking(doc, { ...link(doc, metric.id, 'x'), docId: 'other' }))).rejects.toThrow(/Relation .* belongs to document "other"/);
  });

  it('keeps corrected values and attributes of spans', async () => {
    const { store, doc, target, metric } = await setup();
    const valued = { ...metric, value: { value: 0.135, unit: '%', qualifier: '=' as const } };
    const attributed = { ...target, attributes: { deadline: '2025年', kind: 'level' } };
    await store.applyChange({ docId: doc.id, before: [metric, target], after: [valued, attributed] });
    expect(await store.getSpans(doc.id)).toEqual([attributed, valued]);
  });

  it('deletes a document with its relations and restores both', async () => {
    const { store, doc, target, metric } = await setup();
    await store.applyChange(linking(doc, link(doc, metric.id, target.id)));
    const deleted = await store.deleteDocument(doc.id);
    expect(await store.getRelations(doc.id)).toEqual([]);
    await store.restoreDocument(deleted);
    expect(await store.getRelations(doc.id)).toHaveLength(1);
  });
});

describe('Store.importDocuments with relations', () => {
  it('imports relations between the items spans, adding relation types the project lacks, all in one transaction', async () => {
    const { store, db } = freshStore();
    open.push(db);
    const project = await store.createProject('导入');
    const text = '县发改局负责新都片区整治工程。';
    const [doc] = await store.importDocuments(project.id, [
      {
        title: 'a',
        text,
        spans: [
          { start: 0, end: 4, label: 'ORG', text: '县发改局' },
          { start: 6, end: 14, label: 'PROJECT', text: '新都片区整治工程' },
        ],
        relations: [
          { type: 'carries_out', from: 0, to: 1 },
          { type: 'funds', from: 0, to: 1 },
        ],
      },
    ]);
    const spans = await store.getSpans(doc!.id);
    const relations = await store.getRelations(doc!.id);
    expect(relations.map((r) => [r.type, spans.find((s) => s.id === r.fromId)?.text, spans.find((s) => s.id === r.toId)?.text, r.source]).sort()).toEqual([
      ['carries_out', '县发改局', '新都片区整治工程', 'imported'],
      ['funds', '县发改局', '新都片区整治工程', 'imported'],
    ]);
    const types = (await store.listProjects()).find((p) => p.id === project.id)!.relationTypes!;
    expect(types.map((t) => t.id)).toEqual([...DEFAULT_RELATION_TYPES.map((t) => t.id), 'funds']);
    expect(types.at(-1)).toEqual({ id: 'funds', zh: 'funds', en: 'funds', from: [], to: [] });
  });

  it('refuses the whole import when a relation names a span the item does not have', async () => {
    const { store, db } = freshStore();
    open.push(db);
    const project = await store.createProject('导入');
    const items = [
      { title: 'ok', text: '甲乙', spans: [] },
      { title: 'bad', text: '甲乙', spans: [{ start: 0, end: 1, label: 'ORG', text: '甲' }], relations: [{ type: 'x', from: 0, to: 3 }] },
    ];
    await expect(store.importDocuments(project.id, items)).rejects.toThrow(/Item 2 \("bad"\): relation 1 \(x\) refers to span 3/);
    expect(await store.listDocuments(project.id)).toEqual([]);
  });
});

describe('Store: relations of another document', () => {
  it('refuses a change that names a relation stored in another document, changing nothing', async () => {
    const { store, doc, target, metric, project } = await setup();
    const other = await store.addDocument(project.id, '第二篇', TEXT);
    const t2 = spanOf(other, 7, 22, 'TARGET');
    const m2 = spanOf(other, 17, 22, 'METRIC');
    await store.applyChange({ docId: other.id, before: [], after: [t2, m2], relations: { before: [], after: [link(other, m2.id, t2.id, 'measures', 'R')] } });
    const stolen = { ...link(doc, metric.id, target.id, 'measures', 'R') };
    await expect(store.applyChange(linking(doc, stolen))).rejects.toThrow(/Relation "R" is stored in another document/);
    await expect(store.applyChange({ docId: doc.id, before: [], after: [], relations: { before: [{ ...stolen }], after: [] } })).rejects.toThrow(/another document/);
    expect(await store.getRelations(other.id)).toHaveLength(1);
    expect(await store.getRelations(doc.id)).toEqual([]);
  });
});

describe('Store: a project read whole', () => {
  it("gives a project's relations and no other project's, whether the table is read whole or per document", async () => {
    const { store, project, doc, target, metric } = await setup();
    await store.applyChange(linking(doc, link(doc, metric.id, target.id)));
    // Another project with many relations (more than ten per document of the first: read per document).
    const other = await store.createProject('其他 Other');
    const otherDoc = await store.addDocument(other.id, '其他文件', TEXT);
    const spans = Array.from({ length: 12 }, (_, i) => spanOf(otherDoc, 7 + (i % 2), 22, i % 2 ? 'METRIC' : 'TARGET', `o${i}`));
    await store.applyChange({ docId: otherDoc.id, before: [], after: spans });
    const chain = spans.slice(0, 11).map((s, i) => link(otherDoc, s.id, spans[i + 1]!.id, 'related', `x${i}`));
    await store.applyChange(linking(otherDoc, chain[0]!)); // two relations in all: the table is read whole
    const few = (await store.projectAnnotations(project.id)).relations;
    expect(few.map((r) => r.docId)).toEqual([doc.id]);
    await store.applyChange(linking(otherDoc, ...chain.slice(1))); // twelve: read per document
    expect((await store.projectAnnotations(project.id)).relations).toEqual(few);
    expect((await store.projectAnnotations(other.id)).relations).toHaveLength(11);
    expect((await store.projectAnnotations(project.id, false)).relations).toEqual([]);
  });
});
