// A segmenter for tests that run without jieba and without a worker.
import { boundariesFromTokens } from '../src/core/index.ts';
import type { Segmenter } from '../src/segment/index.ts';

/** Words for tests without jieba: runs of digits (with . and %) are one word, other characters one each. */
export class FakeSegmenter implements Segmenter {
  calls = 0;
  async segment(text: string): Promise<Uint32Array> {
    this.calls++;
    const tokens: { start: number; end: number }[] = [];
    const chars = Array.from(text);
    for (let i = 0; i < chars.length; ) {
      let j = i + 1;
      if (/[0-9.]/.test(chars[i]!)) while (j < chars.length && /[0-9.%]/.test(chars[j]!)) j++;
      tokens.push({ start: i, end: j });
      i = j;
    }
    return boundariesFromTokens(tokens, chars.length);
  }
  async addWords(): Promise<void> {}
  dispose(): void {}
}
