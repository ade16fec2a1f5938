// Path helpers that work on plain strings, so that file paths and URI strings both work, with
// either separator, and the analysis core needs no file-system module.

export function splitDir(file: string): { dir: string; base: string } {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut < 0 ? { dir: '', base: file } : { dir: file.slice(0, cut + 1), base: file.slice(cut + 1) };
}

/** `rel` resolved against the folder of `fromFile`; absolute paths and URIs are returned as they are. */
export function resolveRelativeTo(fromFile: string, rel: string): string {
  if (/^([A-Za-z]:[\\/]|[\\/]|[A-Za-z][A-Za-z0-9+.-]*:\/\/)/.test(rel)) return rel;
  const { dir } = splitDir(fromFile);
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  const out: string[] = [];
  for (const part of (dir + rel).split(/[\\/]/)) {
    if (part === '.') continue;
    const last = out[out.length - 1];
    if (part !== '..') out.push(part);
    else if (out.length === 1 && last === '')
      continue; // nothing is above the root
    else if (out.length > 0 && last !== '..' && last !== '') out.pop();
    else out.push(part);
  }
  return out.join(sep);
}
