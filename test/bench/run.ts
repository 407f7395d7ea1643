// `npm run bench [-- --json FILE] [-- --only NAME]`: runs every section, prints a table of figures
// and budgets, and optionally writes every figure to FILE as JSON keyed by name.
import { writeFileSync } from 'node:fs';
import type { BenchSection, Figure } from './report.ts';
import { sections } from './sections.ts';

const args = process.argv.slice(2);
const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const figures: Figure[] = [];
const chosen: BenchSection[] = sections.filter((s) => !only || s.name === only);
for (const section of chosen) {
  console.log(`\n## ${section.name}`);
  await section.run({
    figure(name, value, unit, budgetMax, budgetText) {
      const figure: Figure = { name, value, unit };
      if (budgetMax !== undefined)
        figure.budget = { max: budgetMax, description: budgetText ?? `≤ ${budgetMax} ${unit}` };
      figures.push(figure);
      const verdict = figure.budget ? (value <= figure.budget.max ? 'ok  ' : 'OVER') : '    ';
      const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
      console.log(
        `${verdict} ${name.padEnd(52)} ${shown.padStart(12)} ${unit.padEnd(6)} ${figure.budget ? `budget ${figure.budget.description}` : ''}`,
      );
    },
  });
}

const over = figures.filter((f) => f.budget && f.value > f.budget.max);
console.log(
  `\n${figures.length} figures, ${over.length} over budget${over.length ? ': ' + over.map((f) => f.name).join(', ') : ''}`,
);
if (jsonFile) {
  writeFileSync(
    jsonFile,
    JSON.stringify(Object.fromEntries(figures.map((f) => [f.name, f])), null, 2) + '\n',
  );
  console.log(`wrote ${jsonFile}`);
}
