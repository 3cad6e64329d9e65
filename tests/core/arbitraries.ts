/** Shared fast-check arbitraries for the core tests: texts that stress code-point vs UTF-16 offsets. */
import fc from 'fast-check';

/**
 * Pieces that make code points and UTF-16 units differ, or that look like line breaks: astral CJK, emoji
 * (single, with skin tone, ZWJ family, flag), combining marks, CRLF, and lone surrogates of both kinds
 * (a lone high followed by a lone low piece joins into a valid pair, which is fine: every function must
 * agree with Array.from whatever the string turns out to be).
 */
export const TRICKY_PIECES = [
  'a',
  ' ',
  '利',
  '安',
  '隆',
  '，',
  '。',
  '"',
  '%',
  '𠀀',
  '𪚥',
  '😀',
  '👍🏽',
  '👨‍👩‍👧',
  '🇨🇳',
  'e\u0301',
  '\r\n',
  '\r',
  '\n',
  '\n\n',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
] as const;

export const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
);

/** A text built of tricky pieces, up to `maxPieces` of them. */
export function trickyText(maxPieces = 40): fc.Arbitrary<string> {
  return fc.array(piece, { maxLength: maxPieces }).map((parts) => parts.join(''));
}

/** A text and a code-point offset in [0, length]. */
export function textWithOffset(maxPieces = 40): fc.Arbitrary<{ text: string; cp: number }> {
  return trickyText(maxPieces).chain((text) =>
    fc.nat({ max: Array.from(text).length }).map((cp) => ({ text, cp })),
  );
}

/** A text and a code-point range start <= end within it. */
export function textWithRange(maxPieces = 40): fc.Arbitrary<{ text: string; start: number; end: number }> {
  return trickyText(maxPieces).chain((text) => {
    const n = Array.from(text).length;
    return fc
      .tuple(fc.nat({ max: n }), fc.nat({ max: n }))
      .map(([a, b]) => ({ text, start: Math.min(a, b), end: Math.max(a, b) }));
  });
}

/** Number of fast-check runs for the property tests. */
export const RUNS = { numRuns: 500 };
