// Every benchmark section, in the order `npm run bench` runs them. Each issue adds its own.
import { coreBench } from './core.bench.ts';
import { liveBench } from './live.bench.ts';
import type { BenchSection } from './report.ts';
import { rendererBench } from './renderer.bench.ts';
import { serverBench } from './server.bench.ts';
import { serverInstructionsBench } from './server-instructions.bench.ts';
import { shellBench } from './shell.bench.ts';
import { storeBench } from './store.bench.ts';

export const sections: BenchSection[] = [
  storeBench,
  coreBench,
  rendererBench,
  shellBench,
  serverBench,
  serverInstructionsBench,
  liveBench,
];
