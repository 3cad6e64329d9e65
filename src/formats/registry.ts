/** The dataset formats Zhengbiao reads and writes; import and export menus list them in this order. */
import { brat } from './brat.ts';
import { doccano } from './doccano.ts';
import type { Format } from './types.ts';

export const formats: readonly Format[] = [doccano, brat];

export function formatById(id: string): Format | undefined {
  return formats.find((f) => f.id === id);
}
