/**
 * A small glob matcher for `exclude` patterns, so the analysis core needs no extra dependency.
 * Supported: `**` (any number of path segments), `*` (anything but `/`), `?` (one character but
 * `/`), `{a,b}` alternatives and `[abc]` classes. Paths are matched with forward slashes.
 *
 * A pattern without a slash matches at any depth (`*.parameters.json` is `** /*.parameters.json`),
 * as in .gitignore, because that is what users expect from an exclude list (a shell-like caller
 * passes `slashlessMatchesAnywhere = false`).
 */
export function globToRegExp(glob: string, slashlessMatchesAnywhere = true): RegExp {
  let pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (pattern.endsWith('/')) pattern += '**';
  const anchored = (pattern.includes('/') || !slashlessMatchesAnywhere) && !pattern.startsWith('**/');
  const body = translate(pattern);
  return new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body.startsWith('(?:.*/)?') ? body.slice(8) : body}$`);
}

function translate(p: string): string {
  let out = '';
  let inBraces = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*') {
        // `**/` matches zero or more whole segments; a trailing `**` matches everything below.
        const atSegmentStart = i === 0 || p[i - 1] === '/';
        if (atSegmentStart && p[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
          continue;
        }
        if (atSegmentStart && i + 2 === p.length) {
          out += '.*';
          i += 1;
          continue;
        }
        out += '[^/]*';
        i += 1;
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      inBraces++;
      out += '(?:';
    } else if (c === '}' && inBraces > 0) {
      inBraces--;
      out += ')';
    } else if (c === ',' && inBraces > 0) out += '|';
    else if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        const cls = p.slice(i + 1, close).replace(/\\/g, '\\\\');
        out += cls.startsWith('!') ? `[^/${cls.slice(1)}]` : `[${cls}]`;
        i = close;
      }
    } else out += /[.+^$()|\\]/.test(c) ? '\\' + c : c;
  }
  return out;
}

/** Compiles a list of globs into one predicate over relative, forward-slash paths. */
export function createMatcher(globs: readonly string[]): (relPath: string) => boolean {
  const res = globs.map((g) => globToRegExp(g));
  return (relPath) => {
    const p = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
    if (res.some((re) => re.test(p))) return true;
    // Excluding a folder excludes everything under it.
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
      const dir = p.slice(0, i);
      if (res.some((re) => re.test(dir))) return true;
    }
    return false;
  };
}
