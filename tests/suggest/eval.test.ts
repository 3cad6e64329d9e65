/**
 * The figures of `npm run eval`, held to the targets of issue #5 so that a change to a rule that loses
 * them fails CI: per label F1 (exact start, end and label) against every seeds/*.gold.jsonl.
 */
import { describe, expect, it } from 'vitest';
import { score } from '../../src/suggest/evaluate.ts';
import { suggest } from '../../src/suggest/index.ts';
import { goldDocuments } from './helpers.ts';

const TARGETS: Record<string, number> = { METRIC: 0.95, TARGET: 0.7, ORG: 0.7, PROJECT: 0.6 };

describe('suggesters against the gold', () => {
  const docs = goldDocuments();
  const result = score(docs.map((d) => ({ gold: d.spans, predicted: suggest(d.text) })), Object.keys(TARGETS));

  it('has gold to measure against', () => {
    expect(docs.length).toBeGreaterThan(0);
    expect(result.micro.gold).toBeGreaterThan(100);
  });

  for (const [label, target] of Object.entries(TARGETS)) {
    it(`${label} F1 ≥ ${target}`, () => {
      const s = result.labels.find((x) => x.label === label)!;
      expect(s.gold).toBeGreaterThan(0);
      expect(s.f1).toBeGreaterThanOrEqual(target);
    });
  }
});
