/** The dataset formats Zhengbiao reads and writes; import and export menus list them in this order. */
import { brat } from './brat.ts';
import { conll } from './conll.ts';
import { conllWords } from './conll-words.ts';
import { doccano } from './doccano.ts';
import { hf } from './hf.ts';
import type { Format } from './types.ts';

export const formats: readonly Format[] = [doccano, brat, conll, conllWords, hf];

export function formatById(id: string): Format | undefined {
  return formats.find((f) => f.id === id);
}
