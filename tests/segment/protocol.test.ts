import { describe, expect, it } from 'vitest';
import { idOf, requestSchema, responseSchema } from '../../src/segment/protocol.ts';

describe('segmentation protocol', () => {
  it('accepts well-formed requests', () => {
    expect(requestSchema.parse({ type: 'segment', id: 1, text: '政标' })).toEqual({ type: 'segment', id: 1, text: '政标' });
    expect(requestSchema.parse({ type: 'add-words', id: 2, words: ['利安隆'] }).type).toBe('add-words');
  });

  it.each([
    ['unknown type', { type: 'cut', id: 1, text: 'x' }],
    ['no id', { type: 'segment', text: 'x' }],
    ['fractional id', { type: 'segment', id: 1.5, text: 'x' }],
    ['string id', { type: 'segment', id: '1', text: 'x' }],
    ['text not a string', { type: 'segment', id: 1, text: 42 }],
    ['words not strings', { type: 'add-words', id: 1, words: ['a', 3] }],
    ['words not an array', { type: 'add-words', id: 1, words: 'a' }],
    ['null', null],
    ['a string', 'segment'],
  ])('rejects a request with %s', (_, message) => {
    expect(requestSchema.safeParse(message).success).toBe(false);
  });

  it('accepts well-formed responses', () => {
    const b = Uint32Array.from([0, 2, 4]);
    const r = responseSchema.parse({ type: 'segmented', id: 3, boundaries: b });
    expect(r.type === 'segmented' && r.boundaries).toBe(b);
    expect(responseSchema.parse({ type: 'progress', id: 3, done: 10, total: 20 }).type).toBe('progress');
    expect(responseSchema.parse({ type: 'error', id: -1, message: 'bad' }).type).toBe('error');
    expect(responseSchema.parse({ type: 'ready', id: 4 }).type).toBe('ready');
  });

  it.each([
    ['boundaries as a plain array', { type: 'segmented', id: 1, boundaries: [0, 1] }],
    ['boundaries as Int32Array', { type: 'segmented', id: 1, boundaries: Int32Array.from([0, 1]) }],
    ['boundaries as Uint8Array', { type: 'segmented', id: 1, boundaries: Uint8Array.from([0, 1]) }],
    ['negative progress', { type: 'progress', id: 1, done: -1, total: 5 }],
    ['progress without total', { type: 'progress', id: 1, done: 1 }],
    ['error without message', { type: 'error', id: 1 }],
    ['ready without id', { type: 'ready' }],
    ['a request', { type: 'segment', id: 1, text: 'x' }],
  ])('rejects a response with %s', (_, message) => {
    expect(responseSchema.safeParse(message).success).toBe(false);
  });

  it('finds the id of a malformed message when it has one', () => {
    expect(idOf({ type: 'nope', id: 7 })).toBe(7);
    expect(idOf({ id: '7' })).toBe(-1);
    expect(idOf(null)).toBe(-1);
    expect(idOf(42)).toBe(-1);
  });
});
