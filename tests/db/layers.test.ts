import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ZhengbiaoDB } from '../../src/db/index.ts';
import { freshStore, spanOf, TEXT } from './helpers.ts';

const open: ZhengbiaoDB[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('Store.claimUnnamed', () => {
  it('gives the unnamed layer, with its relations and comments, to the first name; named layers stay', async () => {
    const { store, db } = freshStore();
    open.push(db);
    const project = await store.createProject('测试');
    const doc = await store.addDocument(project.id, '文档', TEXT);
    const target = spanOf(doc, 7, 22, 'TARGET');
    const metric = spanOf(doc, 17, 22, 'METRIC');
    const theirs = { ...spanOf(doc, 0, 6, 'TARGET'), layer: '李明' };
    await store.applyChange({ docId: doc.id, before: [], after: [target, metric, theirs], relations: { before: [], after: [{ id: 'r', docId: doc.id, type: 'measures', fromId: metric.id, toId: target.id }] } });
    await store.addComment({ id: 'c', docId: doc.id, spanId: metric.id, text: '是指标吗？' });

    expect(await store.claimUnnamed('王芳')).toBe(2);
    expect((await store.getSpans(doc.id, '王芳')).map((s) => [s.text, s.by])).toEqual([
      [target.text, '王芳'],
      [metric.text, '王芳'],
    ]);
    expect((await store.getSpans(doc.id, '李明')).map((s) => s.text)).toEqual([theirs.text]);
    expect(await store.getRelations(doc.id, '王芳')).toHaveLength(1);
    expect((await store.getComments(doc.id)).map((c) => [c.layer, c.by])).toEqual([['王芳', '王芳']]);
    expect(await store.annotatorNames()).toEqual(['王芳']);
  });
});
