// Registering missiontray:// with the OS, as app.setAsDefaultProtocolClient takes it. A packaged
// app registers itself; electron-builder.yml's `protocols` also declares the scheme where the OS
// reads it from the package (macOS Info.plist, the Linux desktop entry's MimeType, the Windows
// installer's registry keys). A development run registers only on Windows, where the OS must
// start `electron.exe <app folder>`; elsewhere it would make the bare Electron binary the handler.
import { LINK_SCHEME } from '../../core/remote/remote-request.ts';

/** app.setAsDefaultProtocolClient's arguments; path and args only for a development run. */
export interface ProtocolClientCall {
  scheme: string;
  path?: string;
  args?: string[];
}

export function protocolClientCall(options: {
  platform: NodeJS.Platform;
  packaged: boolean;
  execPath: string;
  /** The app's folder, as a development run was given it (process.argv[1]). */
  appFolder: string | undefined;
}): ProtocolClientCall | null {
  if (options.packaged) return { scheme: LINK_SCHEME };
  if (options.platform === 'win32' && options.appFolder) {
    return { scheme: LINK_SCHEME, path: options.execPath, args: [options.appFolder] };
  }
  return null;
}
