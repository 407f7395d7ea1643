// Holds a process to a share of one core with a Linux cgroup's CPU quota, so the bench can show
// what a second instance adds when each instance's CPU is the limit, as it is when each runs on a
// machine of its own. On a machine of two cores the database, haproxy, the load generator and two
// uncapped instances share both, and a second instance has nothing left to add (issue 13's
// figures quote both). Needs root and the cgroup file system; without them, `createCpuCap`
// answers why, and the bench prints that instead of the figures.
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const V2 = '/sys/fs/cgroup';
const V1 = '/sys/fs/cgroup/cpu';
const PERIOD_US = 100_000;

export interface CpuCap {
  /** Moves the process into the cap; it stays there until it ends or `release` is called. */
  hold(pid: number): void;
  /** Moves every process out of the cap and removes it. */
  release(): void;
}

/** A cap of `cores` (e.g. 0.25) named `name`, or a sentence saying why there can be none here. */
export function createCpuCap(name: string, cores: number): CpuCap | string {
  const quota = Math.round(cores * PERIOD_US);
  const v2 = existsSync(join(V2, 'cgroup.controllers'));
  const root = v2 ? V2 : V1;
  if (!v2 && !existsSync(join(V1, 'cpu.cfs_quota_us')))
    return 'no cgroup CPU controller is mounted at /sys/fs/cgroup';
  const dir = join(root, name);
  try {
    mkdirSync(dir, { recursive: true });
    if (v2) writeFileSync(join(dir, 'cpu.max'), `${quota} ${PERIOD_US}`);
    else {
      writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
      writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(quota));
    }
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return `a cgroup CPU quota could not be set (${code}; it needs root)`;
  }
  const procs = join(dir, 'cgroup.procs');
  const parent = join(root, 'cgroup.procs');
  const held = new Set<number>();
  return {
    hold(pid) {
      writeFileSync(procs, String(pid));
      held.add(pid);
    },
    release() {
      for (const pid of held) {
        try {
          writeFileSync(parent, String(pid));
        } catch {
          // The process has ended: nothing to move.
        }
      }
      held.clear();
      try {
        rmdirSync(dir);
      } catch {
        // Still busy or already gone: the kernel removes nothing by itself, but an empty cgroup
        // left behind costs nothing and the next run reuses it.
      }
    },
  };
}
