import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, applyChoices, foreignLabels, suggestChoices, withAddedLabels } from '../../src/core/index.ts';

describe('mapping foreign labels on import', () => {
  it('finds the labels the project lacks and guesses by name in any case or language', () => {
    const foreign = foreignLabels(DEFAULT_LABELS, ['METRIC', 'org', '指标', 'PER', 'PER', 'LOC']);
    expect(foreign).toEqual(['org', '指标', 'PER', 'LOC']);
    expect(suggestChoices(DEFAULT_LABELS, foreign)).toEqual({ org: { to: 'ORG' }, 指标: { to: 'METRIC' }, PER: { add: true }, LOC: { add: true } });
  });

  it('adds labels with distinct colours and the free hotkeys', () => {
    const labels = withAddedLabels(DEFAULT_LABELS, ['PER', 'LOC']);
    expect(labels.slice(4).map((l) => [l.id, l.hotkey])).toEqual([
      ['PER', '5'],
      ['LOC', '6'],
    ]);
    expect(new Set(labels.map((l) => l.color)).size).toBe(labels.length);
  });

  it('relabels, keeps added and drops spans as chosen', () => {
    const spans = [{ label: 'org' }, { label: 'PER' }, { label: 'LOC' }, { label: 'METRIC' }];
    expect(applyChoices(spans, { org: { to: 'ORG' }, PER: { add: true }, LOC: { drop: true } })).toEqual([{ label: 'ORG' }, { label: 'PER' }, { label: 'METRIC' }]);
  });
});
