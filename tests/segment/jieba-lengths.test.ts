import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength } from '../../src/core/offsets.ts';
import { segmentBoundaries } from '../../src/segment/boundaries.ts';
import { lengthsJieba } from '../../src/segment/jieba-lengths.ts';
import { jiebaCut, jiebaTokenize } from '../../src/segment/node-segmenter.ts';
import { seedText } from './helpers.ts';

// The very file the browser worker loads (jieba-wasm's web build), instantiated here by the lengths glue.
const module = new WebAssembly.Module(readFileSync(new URL('../../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm', import.meta.url)));
const jieba = lengthsJieba(module)!;
const lengths = (t: string) => jieba.cut(t);
const list = (b: Uint32Array): number[] => [...b];

describe('jieba cut as word lengths (jieba-lengths.ts)', () => {
  it('knows the web build of jieba-wasm', () => {
    expect(jieba).not.toBeNull();
  });

  it('gives the code-point lengths of the words jieba-wasm cuts, astral characters and lone surrogates counting one', () => {
    for (const text of ['𠀀利安隆', '推动利安隆二期', '2023年政府工作报告', '😀😀项目 ab\r', 'a\ud800b 政府\udc00工作', '👩‍👩‍👧报告e\u0301，2023年𠀀𠀀', ...seedText().split('\n').filter((l) => l !== '')]) {
      expect(jieba.cut(text)).toEqual(jiebaCut(text).map(codePointLength));
    }
  });

  it('makes the same boundaries as jieba tokenize on the seed, with long and short pieces', () => {
    const text = seedText().repeat(2);
    for (const maxChunk of [4096, 50, 7]) {
      expect(list(segmentBoundaries(text, lengths, undefined, { maxChunk }))).toEqual(list(segmentBoundaries(text, jiebaTokenize, undefined, { maxChunk })));
    }
  });

  it('makes the same boundaries as jieba tokenize on any text', () => {
    const unit = fc.oneof(
      fc.constantFrom('\n', '\r\n', '𠀀', '😀', 'e\u0301', '。', '，', ' ', '\u3000', '利', '安', '隆', '政府', '工作', '报告', '2023', 'ab', '\ud800', '\udc00', '\u0000'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (t) => {
        expect(list(segmentBoundaries(t, lengths))).toEqual(list(segmentBoundaries(t, jiebaTokenize)));
      }),
      { numRuns: 300 },
    );
  });

  it('adds words to its own dictionary', () => {
    const own = lengthsJieba(module)!;
    expect(own.cut('推动利安隆二期')).toEqual([2, 3, 2]);
    own.addWord('利安隆二期');
    expect(own.cut('推动利安隆二期')).toEqual([2, 5]);
    expect(jieba.cut('推动利安隆二期')).toEqual([2, 3, 2]); // another instance, another dictionary
  });

  it('declines a module of another shape', () => {
    expect(lengthsJieba(new WebAssembly.Module(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0)))).toBeNull();
  });
});
