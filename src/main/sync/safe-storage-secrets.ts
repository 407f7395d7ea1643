// The SecretStorePort over Electron's safeStorage: values are encrypted by the OS keychain
// (Keychain, DPAPI, libsecret/kwallet) and only the ciphertext is written, in the store's
// "secrets" document. Where Linux falls back to safeStorage's "basic_text" backend (a hard-coded
// key), or encryption is unavailable, nothing is stored and the rep is told why.
import { z } from 'zod';
import type { SafeStorage } from 'electron';
import type { DocSpec, StorePort } from '../../core/kernel/ports.ts';
import type { SecretStorePort } from '../../core/sync/sync-ports.ts';

export type SafeStorageLike = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

const SecretsDoc = z.object({
  schemaVersion: z.literal(1),
  /** name → base64 ciphertext. */
  values: z.record(z.string(), z.string()),
});
type SecretsDoc = z.infer<typeof SecretsDoc>;
const secretsSpec: DocSpec<SecretsDoc> = {
  schema: SecretsDoc,
  empty: () => ({ schemaVersion: 1, values: {} }),
};

export function createSafeStorageSecrets(deps: {
  safeStorage: SafeStorageLike;
  store: StorePort;
  platform: NodeJS.Platform;
}): SecretStorePort {
  const { safeStorage } = deps;
  const doc = () => deps.store.open('secrets', secretsSpec);

  async function unavailableReason(): Promise<string | null> {
    if (deps.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
      return 'This computer has no keyring (such as GNOME Keyring or KWallet) to encrypt your team token, so Mission Tray will not store it. Install or unlock a keyring, then try again.';
    if (!(await safeStorage.isAsyncEncryptionAvailable()))
      return 'Encryption is not available on this computer right now, so Mission Tray will not store your team token. Try again after signing in to your desktop.';
    return null;
  }

  return {
    unavailableReason,

    async get(name) {
      const cipher = (await doc()).data.values[name];
      if (cipher === undefined || (await unavailableReason())) return null;
      try {
        const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'));
        return result;
      } catch {
        // A keyring reset makes old ciphertext unreadable: the rep enters the token again.
        return null;
      }
    },

    async set(name, value) {
      const reason = await unavailableReason();
      if (reason) throw new Error(reason);
      const cipher = (await safeStorage.encryptStringAsync(value)).toString('base64');
      await (await doc()).update((d) => ({ ...d, values: { ...d.values, [name]: cipher } }));
    },

    async delete(name) {
      const secrets = await doc();
      await secrets.update((d) => ({
        ...d,
        values: Object.fromEntries(Object.entries(d.values).filter(([key]) => key !== name)),
      }));
    },
  };
}
