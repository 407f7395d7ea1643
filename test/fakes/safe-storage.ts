// Electron's safeStorage as a test sees it: a reversible transformation stands in for the OS
// keychain; the backend and availability can be switched to the refusals the app must handle.
import type { SafeStorageLike } from '../../src/main/sync/safe-storage-secrets.ts';

export class FakeSafeStorage implements SafeStorageLike {
  backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']> = 'gnome_libsecret';
  available = true;
  getSelectedStorageBackend() {
    return this.backend;
  }
  async isAsyncEncryptionAvailable() {
    return this.available;
  }
  async encryptStringAsync(plainText: string) {
    const hex = Buffer.from(plainText).toString('hex');
    return Buffer.from(`enc:${[...hex].reverse().join('')}`);
  }
  async decryptStringAsync(encrypted: Buffer) {
    const hex = [...encrypted.toString().replace(/^enc:/, '')].reverse().join('');
    return { shouldReEncrypt: false, result: Buffer.from(hex, 'hex').toString() };
  }
}
