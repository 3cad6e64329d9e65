import { describe, expect, it } from 'vitest';
import { OffsetMap, clickedSpan, neighbourSpan, nextSentence, proposeEdge, proposeRange, sentences, type Span } from '../../src/core/index.ts';

const TEXT = '实施新都片区整治，力争全年整治1980亩以上。推动利安隆二期落地。';
const offsets = new OffsetMap(TEXT);
// Words: 实施|新都|片区|整治|，|力争|全年|整治|1980|亩|以上|。|推动|利安隆|二期|落地|。
const words = Uint32Array.from([0, 2, 4, 6, 8, 9, 11, 13, 15, 19, 20, 22, 23, 25, 28, 30, 32, 33]);
const span = (id: string, start: number, end: number): Span => ({ id, docId: 'd', start, end, label: 'ORG', text: offsets.slice(start, end) });

describe('selection', () => {
  it('snaps a raw selection to whole words, trims punctuation, keeps exact characters with Alt', () => {
    expect(proposeRange(offsets, words, { start: 16, end: 21 }, false)).toEqual({ start: 15, end: 22 });
    expect(proposeRange(offsets, words, { start: 7, end: 10 }, false)).toEqual({ start: 6, end: 11 }); // 整治，力争: inner punctuation stays
    expect(proposeRange(offsets, words, { start: 16, end: 18 }, true)).toEqual({ start: 16, end: 18 });
    expect(proposeRange(offsets, null, { start: 16, end: 18 }, false)).toEqual({ start: 16, end: 18 });
    expect(proposeRange(offsets, words, { start: 5, end: 5 }, false)).toBeNull();
  });

  it('snaps a dragged edge to a word unless exact', () => {
    expect(proposeEdge(words, { start: 15, end: 19 }, 'end', 21, false)).toEqual({ start: 15, end: 22 });
    expect(proposeEdge(words, { start: 15, end: 19 }, 'end', 21, true)).toEqual({ start: 15, end: 21 });
    expect(proposeEdge(words, { start: 15, end: 19 }, 'start', 20, false)).toBeNull();
  });

  it('clicks through nested spans inwards first, then outwards, and round again', () => {
    expect(clickedSpan(['outer', 'inner'], null)).toBe('inner');
    expect(clickedSpan(['outer', 'inner'], 'inner')).toBe('outer');
    expect(clickedSpan(['outer', 'inner'], 'outer')).toBe('inner');
    expect(clickedSpan([], 'x')).toBeNull();
  });

  it('steps through spans in document order, wrapping', () => {
    const all = [span('a', 0, 2), span('b', 2, 4), span('c', 23, 25)];
    expect(neighbourSpan(all, null, 1)?.id).toBe('a');
    expect(neighbourSpan(all, null, -1)?.id).toBe('c');
    expect(neighbourSpan(all, 'c', 1)?.id).toBe('a');
    expect(neighbourSpan(all, 'a', -1)?.id).toBe('c');
    expect(neighbourSpan([], null, 1)).toBeUndefined();
  });

  it('selects the next and previous sentence from the current selection', () => {
    const list = sentences(TEXT);
    expect(nextSentence(offsets, list, null, 1)).toEqual({ start: 0, end: 22 });
    expect(nextSentence(offsets, list, { start: 0, end: 22 }, 1)).toEqual({ start: 23, end: 32 });
    expect(nextSentence(offsets, list, { start: 23, end: 32 }, -1)).toEqual({ start: 0, end: 22 });
    expect(nextSentence(offsets, list, { start: 23, end: 32 }, 1)).toBeNull();
  });
});
