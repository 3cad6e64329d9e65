/** The dataset formats Zhengbiao reads and writes; import and export menus list them in this order. */
import { brat } from './brat.ts';
import { cluener } from './cluener.ts';
import { conll } from './conll.ts';
import { conllWords } from './conll-words.ts';
import { doccano } from './doccano.ts';
import { hf } from './hf.ts';
import { labelStudio } from './label-studio.ts';
import { spacy } from './spacy.ts';
import type { Format } from './types.ts';

export const formats: readonly Format[] = [doccano, labelStudio, cluener, brat, conll, conllWords, hf, spacy];

export function formatById(id: string): Format | undefined {
  return formats.find((f) => f.id === id);
}
