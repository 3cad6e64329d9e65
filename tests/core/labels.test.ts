import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, labelByHotkey, labelById, mayNest } from '../../src/core/labels.ts';

describe('DEFAULT_LABELS', () => {
  it('is the scheme of GUIDELINES.md: TARGET 1, PROJECT 2, ORG 3, METRIC 4', () => {
    expect(DEFAULT_LABELS.map((l) => [l.hotkey, l.id, l.zh])).toEqual([
      ['1', 'TARGET', '目标'],
      ['2', 'PROJECT', '项目'],
      ['3', 'ORG', '机构'],
      ['4', 'METRIC', '指标'],
    ]);
  });

  it('has distinct ids, hotkeys and colours', () => {
    for (const key of ['id', 'hotkey', 'color'] as const) {
      expect(new Set(DEFAULT_LABELS.map((l) => l[key])).size).toBe(DEFAULT_LABELS.length);
    }
  });

  it('lets only METRIC nest, and only inside TARGET', () => {
    expect(mayNest(DEFAULT_LABELS, 'METRIC', 'TARGET')).toBe(true);
    expect(mayNest(DEFAULT_LABELS, 'TARGET', 'METRIC')).toBe(false);
    for (const inner of DEFAULT_LABELS) {
      for (const outer of DEFAULT_LABELS) {
        expect(mayNest(DEFAULT_LABELS, inner.id, outer.id)).toBe(inner.id === 'METRIC' && outer.id === 'TARGET');
      }
    }
    expect(mayNest(DEFAULT_LABELS, 'NOPE', 'TARGET')).toBe(false);
  });
});

describe('labelById / labelByHotkey', () => {
  it('find labels and return undefined for unknown ones', () => {
    expect(labelById(DEFAULT_LABELS, 'ORG')?.zh).toBe('机构');
    expect(labelById(DEFAULT_LABELS, 'org')).toBeUndefined();
    expect(labelByHotkey(DEFAULT_LABELS, '4')?.id).toBe('METRIC');
    expect(labelByHotkey(DEFAULT_LABELS, '9')).toBeUndefined();
  });
});
