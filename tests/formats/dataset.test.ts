// Datasets over formats: sentence examples keep their words; every part of a split shares one label list.
import { describe, expect, it } from 'vitest';
import { boundariesFromTokens, newId, sliceCodePoints } from '../../src/core/index.ts';
import { conllWords, exportDataset, hf, type ExportDocument } from '../../src/formats/index.ts';

const TEXT = '力争全年整治1980亩以上。推动利安隆二期尽快落地。';
const doc = (id: string): ExportDocument => ({
  id,
  title: id,
  text: TEXT,
  spans: [
    { id: newId(), docId: id, start: 6, end: 13, label: 'METRIC', text: sliceCodePoints(TEXT, 6, 13) },
    { id: newId(), docId: id, start: 16, end: 21, label: 'PROJECT', text: sliceCodePoints(TEXT, 16, 21) },
  ],
});
// 力争|全年|整治|1980|亩|以上|。|推动|利安隆|二期|尽快|落地|。
const WORDS = boundariesFromTokens(
  [[0, 2], [2, 4], [4, 6], [6, 10], [10, 11], [11, 13], [13, 14], [14, 16], [16, 19], [19, 21], [21, 23], [23, 25], [25, 26]].map(([start, end]) => ({ start: start!, end: end! })),
  26,
);

describe('exportDataset', () => {
  it('gives sentence examples of a word-level format the words of their sentence', () => {
    const r = exportDataset(conllWords, [doc('d')], { unit: 'sentence' }, { words: new Map([['d', WORDS]]) });
    const lines = r.files[0]!.content.split('\n').filter((l) => l.includes('\t') && !l.startsWith('-DOCSTART-'));
    expect(lines.slice(0, 7)).toEqual(['力争\tO', '全年\tO', '整治\tO', '1980\tB-METRIC', '亩\tI-METRIC', '以上\tI-METRIC', '。\tO']);
    expect(lines.slice(7, 10)).toEqual(['推动\tO', '利安隆\tB-PROJECT', '二期\tI-PROJECT']);
    expect(r.report).toEqual([]);
  });

  it('writes the same hf label list into every part of a split', () => {
    const docs = Array.from({ length: 6 }, (_, i) => ({ ...doc(`d${i}`), spans: i === 0 ? doc(`d${i}`).spans : [] }));
    const r = exportDataset(hf, docs, { split: { train: 4, dev: 1, test: 1, seed: 3 } }, { labels: ['TARGET', 'PROJECT', 'ORG', 'METRIC'] });
    const lists = r.files.filter((f) => f.name.endsWith('labels.json')).map((f) => f.content);
    expect(lists).toHaveLength(3);
    expect(new Set(lists).size).toBe(1);
    expect(JSON.parse(lists[0]!)).toContain('B-TARGET');
  });
});
