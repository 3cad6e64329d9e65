import { describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids.ts';

describe('newId', () => {
  it('is 32 lowercase hex digits (128 random bits)', () => {
    for (let i = 0; i < 100; i++) expect(newId()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('does not repeat over many calls', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20000; i++) ids.add(newId());
    expect(ids.size).toBe(20000);
  });

  it('uses every hex digit in every position eventually (not a constant prefix or counter)', () => {
    const seen = Array.from({ length: 32 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++) {
      const id = newId();
      for (let p = 0; p < 32; p++) seen[p]!.add(id[p]!);
    }
    for (const s of seen) expect(s.size).toBe(16);
  });
});
