/** Several output files as one zip (brat folders, splits, one file per label), via fflate. */
import { strToU8, zipSync } from 'fflate';
import type { DataFile } from './types.ts';

export function zipFiles(files: readonly DataFile[]): Uint8Array {
  const tree: Record<string, Uint8Array> = {};
  for (const f of files) tree[f.name] = strToU8(f.content);
  return zipSync(tree, { level: 6 });
}
