// electron-builder cannot package here (no Electron binary); this checks the config it would use.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';
import { LINK_SCHEME } from '../../../src/core/remote/remote-request.ts';
import { allTrayIconNames } from '../../../src/core/tray/tray-icon.ts';
import {
  APP_ID,
  DESKTOP_NAME,
  EXECUTABLE_NAME,
  PRODUCT_NAME,
} from '../../../src/main/app-identity.ts';

const root = process.cwd();
const file = join(root, 'electron-builder.yml');

// What the app needs from the packaging config, as a schema: everything else may vary.
const Needs = z.object({
  appId: z.literal(APP_ID),
  productName: z.literal(PRODUCT_NAME),
  files: z.array(z.string()),
  extraResources: z.array(
    z.object({ from: z.string(), to: z.string(), filter: z.array(z.string()) }),
  ),
  asarUnpack: z.array(z.string()),
  electronFuses: z.object({
    runAsNode: z.literal(false),
    enableNodeOptionsEnvironmentVariable: z.literal(false),
    enableNodeCliInspectArguments: z.literal(false),
  }),
  mac: z.object({
    target: z.array(z.object({ target: z.enum(['dmg', 'zip']), arch: z.array(z.string()) })),
    extendInfo: z.object({ LSUIElement: z.literal(true) }),
  }),
  win: z.object({ target: z.literal('nsis') }),
  protocols: z.array(z.object({ name: z.string(), schemes: z.array(z.string()) })),
  deb: z.object({ afterInstall: z.string().optional() }).passthrough(),
  linux: z.object({
    target: z.array(z.string()),
    executableName: z.string(),
    syncDesktopName: z.literal(true),
    desktop: z.object({ entry: z.object({ StartupWMClass: z.string() }) }),
  }),
});

describe('electron-builder.yml', () => {
  const raw: unknown = parse(readFileSync(file, 'utf8'));

  it("passes electron-builder's own schema", async () => {
    const config = await getConfig(root, file, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app as the OS knows it, with fuses off for RunAsNode, NODE_OPTIONS, inspector', () => {
    const needs = Needs.parse(raw);
    expect(needs.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    // dmg to install, zip for electron-updater, each for Apple silicon and Intel.
    expect(needs.mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
  });

  it('gives Linux one desktop identity: desktopName, the entry file, StartupWMClass', () => {
    const { linux } = Needs.parse(raw);
    const pkg = z
      .object({ desktopName: z.string() })
      .parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
    // A reverse-DNS id, as xdg-desktop-portal needs for the GlobalShortcuts portal.
    expect(DESKTOP_NAME).toBe('com.missiontray.app.desktop');
    expect(pkg.desktopName).toBe(DESKTOP_NAME);
    // syncDesktopName names the installed entry after desktopName; WM_CLASS/app_id match it.
    expect(linux.desktop.entry.StartupWMClass).toBe(DESKTOP_NAME.replace(/\.desktop$/, ''));
    expect(linux.executableName).toBe(EXECUTABLE_NAME);
  });

  it("unpacks node-notifier's helper binaries from the asar", () => {
    const { asarUnpack } = Needs.parse(raw);
    expect(asarUnpack).toContain('node_modules/node-notifier/vendor/**');
  });

  it('ships every tray icon, with its @2x, where the shell looks for them', () => {
    const { extraResources } = Needs.parse(raw);
    const icons = extraResources.find((r) => r.from === 'resources');
    expect(icons?.to).toBe('resources');
    expect(icons?.filter).toContain('tray-*.png');
    for (const name of allTrayIconNames()) {
      expect(existsSync(join(root, 'resources', name)), name).toBe(true);
      expect(existsSync(join(root, 'resources', name.replace('.png', '@2x.png'))), name).toBe(true);
    }
  });

  it('packages the build output, never the team server or the tests', () => {
    const { files } = Needs.parse(raw);
    expect(files).toContain('out/**/*');
    expect(files).toContain('!src/**/*');
    expect(files).toContain('!test/**/*');
  });

  it('registers missiontray:// links: the Linux desktop entry takes them (MimeType, %U)', async () => {
    const needs = Needs.parse(raw);
    expect(needs.protocols.flatMap((p) => p.schemes)).toEqual([LINK_SCHEME]);
    // electron-builder's own code writes the entry, from a packager holding what it reads.
    const pkg = z
      .object({ desktopName: z.string(), description: z.string() })
      .parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
    const packager = {
      appInfo: {
        productName: PRODUCT_NAME,
        sanitizedProductName: PRODUCT_NAME,
        description: pkg.description,
      },
      executableName: EXECUTABLE_NAME,
      info: { metadata: { desktopName: pkg.desktopName } },
      fileAssociations: [],
      config: needs,
      platformSpecificBuildOptions: needs.linux,
    };
    // A stub of the few fields computeDesktopEntry reads, not a whole Packager.
    const helper = new LinuxTargetHelper(packager as never);
    const entry: unknown = await helper.computeDesktopEntry(needs.linux, undefined, undefined);
    const lines = z.string().parse(entry).split('\n');
    expect(lines).toContain(`MimeType=x-scheme-handler/${LINK_SCHEME};`);
    // The OS starts the app with the link as an argument; a running one gets it as a second instance.
    expect(lines).toContain(`Exec="/opt/${PRODUCT_NAME}/${EXECUTABLE_NAME}" %U`);
  });

  it("the deb puts mission-tray on the PATH: electron-builder's after-install links /usr/bin to it", () => {
    const needs = Needs.parse(raw);
    expect(needs.deb.afterInstall).toBeUndefined(); // its default is the one used
    const template = readFileSync(
      join(root, 'node_modules/app-builder-lib/templates/linux/after-install.tpl'),
      'utf8',
    );
    // As FpmTarget fills it in.
    const values: Record<string, string> = {
      executable: EXECUTABLE_NAME,
      sanitizedProductName: PRODUCT_NAME,
    };
    const script = template.replace(/\$\{([a-zA-Z]+)\}/g, (_m, key: string) => values[key] ?? '');
    expect(script).toContain(
      `update-alternatives --install '/usr/bin/${EXECUTABLE_NAME}' '${EXECUTABLE_NAME}' '/opt/${PRODUCT_NAME}/${EXECUTABLE_NAME}'`,
    );
    expect(script).toContain(
      `ln -sf '/opt/${PRODUCT_NAME}/${EXECUTABLE_NAME}' '/usr/bin/${EXECUTABLE_NAME}'`,
    );
  });
});
