/** Several output files as one zip (brat folders, splits, one file per label), via fflate. */
import { zipSync } from 'fflate';
import type { DataFile } from './types.ts';
import { fileBytes } from './utf8.ts';

export function zipFiles(files: readonly DataFile[]): Uint8Array {
  const tree: Record<string, Uint8Array> = {};
  for (const f of files) tree[f.name] = fileBytes(f);
  return zipSync(tree, { level: 6 });
}
