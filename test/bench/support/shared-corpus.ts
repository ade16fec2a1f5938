import * as fs from 'node:fs';
import * as path from 'node:path';

/** One template of the shared corpus: its path on disk and its path as the manifest names it. */
export interface SharedCorpusFile {
  readonly file: string;
  readonly relative: string;
}

/**
 * The `.json` and `.bicep` templates that `../shared/corpus/MANIFEST.tsv` lists and that exist, in manifest
 * order; empty when the shared folder is not beside the checkout.
 */
export function sharedCorpusFiles(root: string = process.cwd()): SharedCorpusFile[] {
  const dir = path.resolve(root, '..', 'shared', 'corpus');
  const manifest = path.join(dir, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return [];
  return fs
    .readFileSync(manifest, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split('\t')[0])
    .filter((p): p is string => !!p && /\.(json|bicep)$/i.test(p))
    .map((relative) => ({ file: path.join(dir, relative), relative }))
    .filter((f) => fs.existsSync(f.file));
}
