// Every benchmark section, in the order `npm run bench` runs them. Each issue adds its own.
import type { BenchSection } from './report.ts';
import { storeBench } from './store.bench.ts';

export const sections: BenchSection[] = [storeBench];
