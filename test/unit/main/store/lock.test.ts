// One writer per data directory: a second store is refused with a sentence naming the running
// process; a lock left by a process that died is taken over; closing releases the lock.
import { spawn, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageError, StoreLockedError } from '../../../../src/core/kernel/errors.ts';
import { openStore, type StoreFs } from '../../../../src/main/store/index.ts';
import { nodeStoreFs } from '../../../../src/main/store/store-fs.ts';
import { addWin, options, tallySpec, tempDir } from './temp-store.ts';

describe('the single-writer lock', () => {
  it('refuses a second store on the same folder until the first one closes', async () => {
    const dir = await tempDir();
    const first = await openStore(dir, options);
    const second = openStore(dir, options);
    await expect(second).rejects.toBeInstanceOf(StoreLockedError);
    await expect(openStore(dir, options)).rejects.toThrow(
      `Mission Tray is already running (process ${process.pid}) and using ${dir}.`,
    );
    await first.close();
    const third = await openStore(dir, options);
    await third.close();
  });

  it('refuses a store while another live process holds the folder', async () => {
    const dir = await tempDir();
    // A real second process that takes the lock and waits.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { openStore } = await import(${JSON.stringify(join(process.cwd(), 'src/main/store/index.ts'))});
         await openStore(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', () => resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });
      await expect(openStore(dir, options)).rejects.toThrow(
        `Mission Tray is already running (process ${holder.pid})`,
      );
    } finally {
      holder.kill('SIGKILL');
    }
    await new Promise((resolve) => holder.once('exit', resolve));
    // Killed without releasing: the lock is stale now, and the next store takes it over.
    const store = await openStore(dir, options);
    await (await store.open('missions', tallySpec)).update(addWin('w1'));
    await store.close();
  });

  it('lets exactly one of several processes starting at once take the folder', async () => {
    const dir = await tempDir();
    const store = JSON.stringify(join(process.cwd(), 'src/main/store/index.ts'));
    // Each process waits for the same instant, tries, reports, and stays until all have reported
    // (so none can leave a stale lock for a latecomer).
    const at = Date.now() + 1500;
    const script = `const { openStore } = await import(${store});
      await new Promise((r) => setTimeout(r, ${at} - Date.now()));
      try { await openStore(${JSON.stringify(dir)}); console.log('took it'); }
      catch (e) { console.log(e.name); }
      setInterval(() => {}, 1000);`;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    try {
      const results = await Promise.all(
        children.map(
          (child) =>
            new Promise<string>((resolve, reject) => {
              child.stdout.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
              child.on('error', reject);
              child.on('exit', (code) => reject(new Error(`exited early (${code})`)));
            }),
        ),
      );
      expect(results.sort()).toEqual([
        'StoreLockedError',
        'StoreLockedError',
        'StoreLockedError',
        'took it',
      ]);
    } finally {
      for (const child of children) child.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = await tempDir();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(
      join(dir, 'mission-tray.lock'),
      JSON.stringify({ pid: gone, since: '2026-11-22T08:00:00.000Z' }),
    );
    const store = await openStore(dir, options);
    const lock = JSON.parse(await readFile(join(dir, 'mission-tray.lock'), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    await store.close();
  });

  describe('after a reboot (Windows: no quit events on shutdown, PIDs reused)', () => {
    // The app's single-instance scope: Electron's requestSingleInstanceLock is keyed by userData.
    const app = { ...options, singleInstance: '/home/rep/.config/Mission Tray' };
    const lockAt = (dir: string, pid: number, singleInstance?: string) =>
      writeFile(
        join(dir, 'mission-tray.lock'),
        JSON.stringify({ pid, since: '2026-11-20T17:00:00.000Z', singleInstance }),
      );
    /** A live process that has nothing to do with Mission Tray. */
    const unrelated = async (run: (pid: number) => Promise<void>) => {
      const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
      try {
        await run(other.pid ?? 0);
      } finally {
        other.kill('SIGKILL');
      }
    };

    it('starts although the earlier run’s lock names a PID now used by another process', async () => {
      const dir = await tempDir();
      await unrelated(async (pid) => {
        await lockAt(dir, pid, app.singleInstance);
        const store = await openStore(dir, app);
        const lock = JSON.parse(await readFile(join(dir, 'mission-tray.lock'), 'utf8'));
        expect(lock).toMatchObject({ pid: process.pid, singleInstance: app.singleInstance });
        await (await store.open('missions', tallySpec)).update(addWin('w1'));
        await store.close();
      });
    });

    it('starts although the lock names its own new PID', async () => {
      for (const writer of [app.singleInstance, undefined]) {
        const dir = await tempDir();
        await lockAt(dir, process.pid, writer);
        await (await openStore(dir, app)).close();
        await lockAt(dir, process.pid, writer);
        await (await openStore(dir, options)).close();
      }
    });

    it('still refuses another live writer of the folder: a tool without the lock, another build', async () => {
      const dir = await tempDir();
      await unrelated(async (pid) => {
        for (const writer of [undefined, '/home/rep/.config/Mission Tray Beta']) {
          await lockAt(dir, pid, writer);
          await expect(openStore(dir, app)).rejects.toThrow(
            `Mission Tray is already running (process ${pid})`,
          );
        }
        // A tool that holds no single-instance lock cannot tell the app's lock is stale.
        await lockAt(dir, pid, app.singleInstance);
        await expect(openStore(dir, options)).rejects.toBeInstanceOf(StoreLockedError);
      });
    });

    it('still refuses a second store of the same scope in the same process', async () => {
      const dir = await tempDir();
      const first = await openStore(dir, app);
      await expect(openStore(dir, app)).rejects.toBeInstanceOf(StoreLockedError);
      await first.close();
    });
  });

  it('takes over an unreadable lock file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'mission-tray.lock'), Buffer.alloc(32));
    const store = await openStore(dir, options);
    await store.close();
  });

  it('works on a file system without hard links, and still refuses a second store', async () => {
    const dir = await tempDir();
    const noLinks: StoreFs = {
      ...nodeStoreFs,
      link: () => Promise.reject(Object.assign(new Error('EPERM: link'), { code: 'EPERM' })),
    };
    const store = await openStore(dir, { ...options, fs: noLinks });
    await expect(openStore(dir, { ...options, fs: noLinks })).rejects.toBeInstanceOf(
      StoreLockedError,
    );
    await store.close();
    await (await openStore(dir, { ...options, fs: noLinks })).close();
  });

  it('explains a data folder it cannot use', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'data'), 'a file, not a folder');
    const opening = openStore(join(dir, 'data'), options);
    await expect(opening).rejects.toBeInstanceOf(StorageError);
    await expect(opening).rejects.toThrow(
      `Mission Tray cannot use its data folder (${join(dir, 'data')}) because a file is in the way of that folder.`,
    );
  });

  it('removes the lock file on close', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, options);
    await store.close();
    await expect(readFile(join(dir, 'mission-tray.lock'))).rejects.toThrow(/ENOENT/);
  });
});
