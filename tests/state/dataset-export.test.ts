// Exporting a project as a dataset: which documents, sentences, a reproducible split, several files.
import { describe, expect, it } from 'vitest';
import { newId, sliceCodePoints } from '../../src/core/index.ts';
import { Store, openDatabase } from '../../src/db/index.ts';
import { projectDataset } from '../../src/state/dataset-export.ts';
import { FakeSegmenter } from '../fake-segmenter.ts';

const TEXT = '力争全年整治1980亩以上。推动利安隆二期尽快落地。\n新增建设用地600亩以上。';

async function project(n = 1) {
  const store = new Store(openDatabase(`export-${Math.random()}`));
  const p = await store.createProject('p');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const doc = await store.addDocument(p.id, `doc ${i}`, TEXT);
    const span = (s: number, e: number, label: string) => ({ id: newId(), docId: doc.id, start: s, end: e, label, text: sliceCodePoints(TEXT, s, e) });
    await store.applyChange({ docId: doc.id, before: [], after: [span(0, 13, 'TARGET'), span(6, 13, 'METRIC'), span(16, 21, 'PROJECT')] });
    ids.push(doc.id);
  }
  return { store, projectId: p.id, ids };
}

describe('project dataset export', () => {
  it('writes one example per sentence with the spans inside it', async () => {
    const { store, projectId } = await project();
    const r = await projectDataset(store, new FakeSegmenter(), projectId, { formatId: 'doccano', unit: 'sentence' });
    const rows = r.files[0]!.content.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.text, x.label])).toEqual([
      ['力争全年整治1980亩以上。', [[0, 13, 'TARGET'], [6, 13, 'METRIC']]],
      ['推动利安隆二期尽快落地。', [[2, 7, 'PROJECT']]],
      ['新增建设用地600亩以上。', []],
    ]);
  });

  it('takes only documents of the chosen status', async () => {
    const { store, projectId, ids } = await project(3);
    await store.setStatus(ids[1]!, 'done');
    const r = await projectDataset(store, new FakeSegmenter(), projectId, { formatId: 'doccano', status: 'done' });
    expect(r.documents).toBe(1);
    expect(JSON.parse(r.files[0]!.content).title).toBe('doc 1');
  });

  it('splits by document, the same way for the same seed', async () => {
    const { store, projectId } = await project(10);
    const choice = { formatId: 'doccano', split: { train: 6, dev: 2, test: 2, seed: 5 } };
    const a = await projectDataset(store, new FakeSegmenter(), projectId, choice);
    const b = await projectDataset(store, new FakeSegmenter(), projectId, choice);
    expect(a.files.map((f) => [f.name, f.content.trim().split('\n').length])).toEqual([
      ['train.jsonl', 6],
      ['dev.jsonl', 2],
      ['test.jsonl', 2],
    ]);
    expect(b.files).toEqual(a.files);
  });

  it('writes brat as a folder of pairs', async () => {
    const { store, projectId } = await project(2);
    const r = await projectDataset(store, new FakeSegmenter(), projectId, { formatId: 'brat', baseName: 'corpus' });
    expect(r.files.map((f) => f.name).sort()).toEqual(['corpus/annotation.conf', 'corpus/doc 0.ann', 'corpus/doc 0.txt', 'corpus/doc 1.ann', 'corpus/doc 1.txt'].sort());
  });
});
