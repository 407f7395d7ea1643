// The shared shape of `npm run bench`: each section reports named figures, some with a budget.

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The budget for this figure, if it has one. */
  budget?: { max: number; description: string };
}

export interface BenchReporter {
  figure(name: string, value: number, unit: string, budgetMax?: number, budgetText?: string): void;
}

export interface BenchSection {
  name: string;
  run(report: BenchReporter): Promise<void>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}
