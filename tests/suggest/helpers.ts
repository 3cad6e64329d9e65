/** Shared helpers of the suggester tests: the seed and its gold, and short views of suggestions. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGoldJsonl, type GoldDocument } from '../../src/suggest/evaluate.ts';
import type { Suggestion } from '../../src/suggest/types.ts';

const SEEDS = join(import.meta.dirname, '..', '..', 'seeds');

export function goldDocuments(): GoldDocument[] {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.gold.jsonl'))
    .sort()
    .flatMap((f) => parseGoldJsonl(readFileSync(join(SEEDS, f), 'utf8')));
}

export const SEED = readFileSync(join(SEEDS, 'changshan-2023-work-report-p11.txt'), 'utf8');

export const texts = (s: readonly Suggestion[]) => s.map((x) => x.text);

/** The code-point slice, to check offsets. */
export const slice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');
