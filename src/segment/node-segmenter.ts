/**
 * In-process segmentation with jieba-wasm's Node build, for the CLI, benchmarks and tests. Never import
 * this from browser code (index.ts does not export it): the Node build reads its wasm with `fs`.
 *
 * jieba-wasm/node keeps one dictionary per process, so words added through any NodeSegmenter apply to all.
 */
import { add_word, cut, tokenize } from 'jieba-wasm/node';
import { segmentBoundaries, type ProgressCallback, type SegmentOptions } from './boundaries.ts';
import type { Boundaries } from '../core/tokens.ts';
import type { Segmenter } from './segmenter.ts';

/** jieba's default mode with HMM for unknown words, as tokens with code-point offsets (for tests). */
export function jiebaTokenize(text: string): { word: string; start: number; end: number }[] {
  return tokenize(text, 'default', true);
}

/** The same segmentation as the words only (jieba's `cut` with HMM): what the segmenters use, being faster. */
export function jiebaCut(text: string): string[] {
  return cut(text, true);
}

export class NodeSegmenter implements Segmenter {
  readonly #options: SegmentOptions;
  #disposed = false;

  constructor(options: SegmentOptions = {}) {
    this.#options = options;
  }

  async segment(text: string, onProgress?: ProgressCallback): Promise<Boundaries> {
    if (this.#disposed) throw new Error('Segmenter disposed');
    return segmentBoundaries(text, jiebaCut, onProgress, this.#options);
  }

  async addWords(words: string[]): Promise<void> {
    if (this.#disposed) throw new Error('Segmenter disposed');
    for (const word of words) {
      if (word.trim() !== '') add_word(word);
    }
  }

  dispose(): void {
    this.#disposed = true;
  }
}
