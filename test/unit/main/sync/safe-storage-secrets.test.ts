// The token's SecretStore over a fake safeStorage (the Electron binary is not in its npm package,
// so no test runs it) and the real store: only ciphertext reaches the disk, and with Linux's
// plain-text fallback nothing does.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecrets } from '../../../../src/main/sync/safe-storage-secrets.ts';
import { FakeSafeStorage } from '../../../fakes/safe-storage.ts';
import { newClock, openRepStore, removeDir, tempDir } from '../../core/sync/sync-fixture.ts';

const TOKEN = 'mt_super-secret-token-value-1234567890';
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

async function filesText(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    names.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')),
  );
  return texts.join('\n');
}

describe('the token secret store', () => {
  it('keeps only ciphertext on disk and reads the token back', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const store = await openRepStore(dir, newClock());
    const secrets = createSafeStorageSecrets({
      safeStorage: new FakeSafeStorage(),
      store,
      platform: 'linux',
    });
    expect(await secrets.unavailableReason()).toBeNull();
    await secrets.set('team-sync-token', TOKEN);
    expect(await secrets.get('team-sync-token')).toBe(TOKEN);
    expect(await filesText(dir)).not.toContain(TOKEN);
    await secrets.delete('team-sync-token');
    expect(await secrets.get('team-sync-token')).toBeNull();
    await store.close();
  });

  it("refuses Linux's basic_text fallback with a sentence, and writes nothing", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const store = await openRepStore(dir, newClock());
    const safeStorage = new FakeSafeStorage();
    safeStorage.backend = 'basic_text';
    const secrets = createSafeStorageSecrets({ safeStorage, store, platform: 'linux' });
    expect(await secrets.unavailableReason()).toMatch(/keyring/);
    await expect(secrets.set('team-sync-token', TOKEN)).rejects.toThrow(/keyring/);
    expect(await filesText(dir)).not.toContain('enc:');
    expect(await secrets.get('team-sync-token')).toBeNull();
    await store.close();
  });

  it('refuses when encryption is unavailable', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const store = await openRepStore(dir, newClock());
    const safeStorage = new FakeSafeStorage();
    safeStorage.available = false;
    const secrets = createSafeStorageSecrets({ safeStorage, store, platform: 'darwin' });
    expect(await secrets.unavailableReason()).toMatch(/Encryption is not available/);
    await expect(secrets.set('team-sync-token', TOKEN)).rejects.toThrow();
    await store.close();
  });
});
