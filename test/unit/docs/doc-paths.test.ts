// The maps of the code must not rot: every file or folder that the docs (src/README.md,
// CONTRIBUTING.md, docs/decisions) name in backticks, and every file they link to,
// exists; and src/README.md places every layer and every folder of src/core.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve('.');
/** Build and test output: named in the docs, absent from a fresh clone. */
const generated = ['out/', 'test-results/'];
const sourceFile = /\.(ts|tsx|js|cjs|mjs|css|html|md|yml|yaml)$/;

function repoFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['.git', 'node_modules', '.node24', 'out', 'test-results'].includes(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? repoFiles(path) : [relative(root, path)];
  });
}
const files = repoFiles();
const basenames = files.map((file) => file.split('/').pop() ?? '');

/** Backticked text that reads as a path: a folder or file with a slash, or a file name. */
function namedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
  return spans.filter(
    (span) =>
      /^[\w.@*-][\w.@*/-]*$/.test(span) &&
      (span.includes('/') || sourceFile.test(span)) &&
      !generated.some((prefix) => span.startsWith(prefix)),
  );
}

const linkTargets = (markdown: string): string[] =>
  [...markdown.matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z]+:/.test(target));

/** Whether `path`, as a doc in `docDir` names it, exists: beside the doc or from the repo root. */
function exists(path: string, docDir: string): boolean {
  if (path.includes('*')) {
    const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
    if (!path.includes('/')) return basenames.some((name) => pattern.test(name));
    return [docDir, '.'].some((base) => files.some((file) => pattern.test(relative(base, file))));
  }
  if (!path.includes('/')) return basenames.includes(path);
  return [join(root, docDir), root].some((base) => existsSync(join(base, path)));
}

// The two maps name many paths; the records fewer, but none may name a stale one. (README.md
// is left out: its data-layout paragraph names the rep's files, not the repo's.)
const maps = ['src/README.md', 'CONTRIBUTING.md'];
const docs = [...maps, ...readdirSync('docs/decisions').map((name) => `docs/decisions/${name}`)];

describe.each(docs)('%s', (doc) => {
  const markdown = readFileSync(doc, 'utf8');
  const docDir = dirname(doc);

  it('names only paths that exist', () => {
    const paths = namedPaths(markdown);
    if (maps.includes(doc)) expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !exists(path, docDir))).toEqual([]);
  });

  it('links only to files that exist', () => {
    const targets = linkTargets(markdown);
    if (maps.includes(doc)) expect(targets.length).toBeGreaterThan(2);
    expect(targets.filter((target) => !existsSync(join(root, docDir, target)))).toEqual([]);
  });
});

describe('src/README.md', () => {
  const named = namedPaths(readFileSync('src/README.md', 'utf8'));
  const folders = (dir: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);

  it('places every layer of src/', () => {
    const missing = folders('src').filter((layer) => !named.includes(`${layer}/`));
    expect(missing, 'layers without a row in the layer table').toEqual([]);
  });

  it('names every folder of src/core', () => {
    const missing = folders('src/core').filter(
      (folder) => !named.some((path) => path.startsWith(`core/${folder}/`)),
    );
    expect(missing, 'src/core folders src/README.md does not mention').toEqual([]);
  });

  it('catches a path that does not exist', () => {
    expect(namedPaths('see `core/nowhere/gone.ts` and `main/shell.ts`')).toEqual([
      'core/nowhere/gone.ts',
      'main/shell.ts',
    ]);
    expect(exists('core/nowhere/gone.ts', 'src')).toBe(false);
    expect(exists('main/shell.ts', 'src')).toBe(true);
  });
});
