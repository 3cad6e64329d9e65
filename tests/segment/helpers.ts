import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Token } from '../../src/core/tokens.ts';

export const SEED_PATH = fileURLToPath(new URL('../../seeds/changshan-2023-work-report-p11.txt', import.meta.url));
export const seedText = (): string => readFileSync(SEED_PATH, 'utf8');

/** Code-point offset of the first occurrence of `word` in `text`. */
export function cpIndexOf(text: string, word: string, from = 0): number {
  const unit = text.indexOf(word, from);
  if (unit < 0) throw new Error(`${word} not in text`);
  return Array.from(text.slice(0, unit)).length;
}

/**
 * A predictable stand-in for jieba: runs of the same character class are one token (Han, ASCII
 * letters/digits, whitespace other than "\n", everything else one code point per token). Offsets are
 * code points, with lone surrogates counted as one, like splitParagraphs and jieba.
 */
export function fakeTokenize(text: string): Token[] {
  const cls = (ch: string): string => {
    if (/\p{Script=Han}/u.test(ch)) return 'han';
    if (/[A-Za-z0-9]/.test(ch)) return 'word';
    if (ch !== '\n' && /\s/.test(ch)) return 'space';
    return 'single';
  };
  const tokens: Token[] = [];
  let cp = 0;
  let start = 0;
  let prev = '';
  for (const ch of text) {
    const c = cls(ch);
    if (cp > 0 && (c !== prev || c === 'single')) {
      tokens.push({ start, end: cp });
      start = cp;
    }
    prev = c;
    cp++;
  }
  if (cp > start) tokens.push({ start, end: cp });
  return tokens;
}

export function assertWellFormed(b: Uint32Array, length: number): void {
  if (b[0] !== 0) throw new Error(`first boundary ${b[0]} != 0`);
  if (b[b.length - 1] !== length) throw new Error(`last boundary ${b[b.length - 1]} != ${length}`);
  for (let i = 1; i < b.length; i++) {
    if (!(b[i]! > b[i - 1]!)) throw new Error(`not strictly ascending at ${i}: ${b[i - 1]} ${b[i]}`);
  }
}
