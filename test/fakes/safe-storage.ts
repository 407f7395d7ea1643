// Electron's safeStorage as a test sees it: a reversible transformation stands in for the OS
// keychain. As in Electron, `getSelectedStorageBackend` is Linux's alone (electron.d.ts
// @platform linux: elsewhere it is not there to call), reports 'unknown' before ready, and
// encryption can be unavailable, when encrypting rejects.
import type { SafeStorageLike } from '../../src/main/sync/safe-storage-secrets.ts';
import type { FakePlatform } from './electron-views.ts';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

export class FakeSafeStorage implements SafeStorageLike {
  backend: Backend;
  available = true;
  platform: FakePlatform;
  constructor(platform: FakePlatform = 'linux', backend: Backend = 'gnome_libsecret') {
    this.platform = platform;
    this.backend = backend;
  }
  getSelectedStorageBackend(): Backend {
    if (this.platform !== 'linux')
      throw new TypeError('safeStorage.getSelectedStorageBackend is not a function');
    return this.backend;
  }
  async isAsyncEncryptionAvailable() {
    return this.available;
  }
  async encryptStringAsync(plainText: string) {
    if (!this.available)
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptStringAsync. Encryption is not available.',
      );
    const hex = Buffer.from(plainText).toString('hex');
    return Buffer.from(`enc:${[...hex].reverse().join('')}`);
  }
  async decryptStringAsync(encrypted: Buffer) {
    const text = encrypted.toString();
    if (!this.available || !text.startsWith('enc:'))
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    const hex = [...text.slice(4)].reverse().join('');
    return { shouldReEncrypt: false, result: Buffer.from(hex, 'hex').toString() };
  }
}
