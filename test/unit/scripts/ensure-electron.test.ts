// `npm start` on a fresh checkout: the prestart step runs Electron's own installer when the binary is
// missing, and says in one line what to do when it cannot be fetched. Each case runs `npm start` in
// a throwaway project holding a copy of the electron package (so the real node_modules is never
// written) with the prestart script exactly as package.json declares it, against a real HTTP server
// on 127.0.0.1 as ELECTRON_MIRROR.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

const repo = resolve(import.meta.dirname, '../../..');
const pkg = z
  .object({ scripts: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')));
const electronPkg = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(join(repo, 'node_modules/electron/package.json'), 'utf8')));
const version = electronPkg.version;
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
const exeName = process.platform === 'win32' ? 'electron.exe' : 'electron';

/** A zip with stored (uncompressed) entries: enough for the installer's extractor. */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBuf = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode below counts
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE((0o100755 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

const fakeBinary = storedZip({
  [exeName]: '#!/bin/sh\necho fake electron\n',
  version: `v${version}`,
});

let dir: string;
let server: Server | undefined;
let requests: string[];

/** A project with the real prestart script and a copy of the electron package (not its binary). */
function makeProject(): void {
  const electron = join(dir, 'node_modules/electron');
  mkdirSync(electron, { recursive: true });
  for (const f of ['package.json', 'install.js', 'index.js', 'cli.js']) {
    copyFileSync(join(repo, 'node_modules/electron', f), join(electron, f));
  }
  // The installer checks the download against its checksums.json; this copy lists the fake zip.
  const sha = createHash('sha256').update(fakeBinary).digest('hex');
  writeFileSync(join(electron, 'checksums.json'), JSON.stringify({ [zipName]: sha }));
  for (const dep of ['@electron/get', '@electron-internal/extract-zip']) {
    mkdirSync(join(dir, 'node_modules', dep, '..'), { recursive: true });
    symlinkSync(join(repo, 'node_modules', dep), join(dir, 'node_modules', dep), 'junction');
  }
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(repo, 'scripts/ensure-electron.js'), join(dir, 'scripts/ensure-electron.js'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'fixture',
      private: true,
      type: 'module',
      scripts: { prestart: pkg.scripts.prestart, start: 'node -e "console.log(\'app started\')"' },
    }),
  );
}

async function mirror(): Promise<string> {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/v${version}/${zipName}`) {
      res.setHeader('content-type', 'application/zip');
      res.end(fakeBinary);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  const { port } = z
    .custom<AddressInfo>((a) => typeof a === 'object' && a !== null)
    .parse(server.address());
  return `http://127.0.0.1:${port}/`;
}

/** `npm start` in the project, its environment free of the CI's ELECTRON_SKIP_BINARY_DOWNLOAD. */
function npmStart(env: Record<string, string>) {
  const skipped =
    /^(npm_|ELECTRON_SKIP_BINARY_DOWNLOAD$|ELECTRON_EXEC_PATH$|ELECTRON_OVERRIDE_DIST_PATH$)/i;
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !skipped.test(key)),
  );
  // Asynchronously: a synchronous spawn would block the mirror served by this same process.
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn('npm', ['start'], {
      cwd: dir,
      env: { ...base, electron_config_cache: join(dir, 'cache'), ...env },
      shell: process.platform === 'win32',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-electron-'));
  requests = [];
  makeProject();
});

afterEach(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start fetches Electron when it is missing', () => {
  it('declares the step for both start and dev, not at install', () => {
    expect(pkg.scripts.prestart).toBe('node scripts/ensure-electron.js');
    expect(pkg.scripts.predev).toBe(pkg.scripts.prestart);
    expect(pkg.scripts.postinstall ?? '').not.toContain('ensure-electron');
  });

  it('downloads the right zip from ELECTRON_MIRROR, installs it, then starts; a second start downloads nothing', async () => {
    const url = await mirror();
    const first = await npmStart({ ELECTRON_MIRROR: url });
    expect(first.stderr).not.toContain('Electron uninstall');
    expect(first.status).toBe(0);
    expect(requests).toEqual([`/v${version}/${zipName}`]);
    expect(readFileSync(join(dir, 'node_modules/electron/path.txt'), 'utf8')).toBe(exeName);
    expect(existsSync(join(dir, 'node_modules/electron/dist', exeName))).toBe(true);
    expect(first.stdout).toContain('app started');

    const second = await npmStart({ ELECTRON_MIRROR: url });
    expect(second.status).toBe(0);
    expect(requests).toHaveLength(1);
    expect(second.stdout).not.toContain('Downloading Electron');
  });

  it('with an unreachable mirror prints one line saying what failed, that npm test does not need it, and ELECTRON_MIRROR', async () => {
    const url = await mirror();
    await new Promise((done) => server?.close(done)); // nothing listens on that port any more
    server = undefined;
    const run = await npmStart({ ELECTRON_MIRROR: url });
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toContain('app started');
    const ours = run.stderr.split('\n').filter((l) => l.startsWith('Mission Tray:'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain(`could not download Electron ${version}`);
    expect(ours[0]).toContain(url);
    expect(ours[0]).toContain('`npm test` does not need it');
    expect(ours[0]).toContain('ELECTRON_MIRROR');
    expect(run.stderr).not.toContain('Electron uninstall');
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack trace
  });

  it('a mirror without this version: the line names the HTTP failure', async () => {
    const url = await mirror();
    const run = await npmStart({ ELECTRON_MIRROR: `${url}missing/` });
    expect(run.status).not.toBe(0);
    expect(requests).toEqual([`/missing/v${version}/${zipName}`]);
    expect(run.stderr).toMatch(/^Mission Tray: could not download .*404/m);
  });

  it('with ELECTRON_SKIP_BINARY_DOWNLOAD set (as CI sets it) it downloads nothing and says why', async () => {
    const url = await mirror();
    const run = await npmStart({ ELECTRON_MIRROR: url, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(run.status).not.toBe(0);
    expect(requests).toEqual([]);
    expect(run.stderr).toMatch(
      /^Mission Tray: .*ELECTRON_SKIP_BINARY_DOWNLOAD is set.*`npm test` does not need it/m,
    );
  });
});
