// The CoNLL writer (UTF-8 bytes, each tag's line end encoded once) against the plain rule: one
// `char<TAB>tag` line per code point, a blank line per line break, escapes where needed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterDocument, conllDocument, escapeChar } from '../../src/formats/conll.ts';

function reference(text: string, tags: readonly string[]): string {
  const items: ({ token: string; tag: string } | null)[] = [];
  let i = 0;
  for (const ch of text) {
    items.push(ch === '\n' ? null : { token: escapeChar(ch), tag: tags[i]! });
    i++;
  }
  return conllDocument(items);
}

const ALPHABET = ['甲', '乙', 'a', ' ', '\n', '\t', '\u3000', '\u2028', '𠀀', '\ud800', '\udc00', '\r', '$', '\u0085', '\u00a0', '\ufeff'];

describe('CoNLL character lines', () => {
  it('writes exactly what one line per character gives, for any text and tags (also tags with $)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }),
        fc.array(fc.constantFrom('O', 'B-X', 'I-X', 'B-$1', 'I-$&', 'I-$$'), { minLength: 60, maxLength: 60 }),
        (chars, tags) => {
          const text = chars.join('');
          expect(characterDocument(text, tags)).toBe(reference(text, tags));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps a surrogate pair whole and escapes a lone surrogate', () => {
    expect(characterDocument('𠀀\ud800a', ['B-X', 'O', 'O'])).toBe('-DOCSTART-\tO\n\n𠀀\tB-X\n<U+D800>\tO\na\tO\n\n');
  });
});
