// Draws the tray and app icons into resources/ (run: node scripts/make-icons.ts). A target
// glyph: a ring for idle, a centre dot when on track, a badge when behind, a check when done.
// Shapes are signed distances, so every size is antialiased alike; PNGs are encoded by hand
// with zlib so no image tool is needed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { trayIconName, TRAY_STATUSES } from '../src/core/tray/tray-icon.ts';
import type { TrayStatus } from '../src/shared/snapshot.ts';

type Rgb = [number, number, number];
type Layer = { dist: (x: number, y: number) => number; color: Rgb; cut?: boolean };

const circle = (cx: number, cy: number, r: number) => (x: number, y: number) =>
  Math.hypot(x - cx, y - cy) - r;
const ring = (cx: number, cy: number, r: number, w: number) => (x: number, y: number) =>
  Math.abs(Math.hypot(x - cx, y - cy) - r) - w / 2;
function segment(ax: number, ay: number, bx: number, by: number, w: number) {
  return (x: number, y: number) => {
    const [dx, dy] = [bx - ax, by - ay];
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - ax - t * dx, y - ay - t * dy) - w / 2;
  };
}
const check = (w: number) => (x: number, y: number) =>
  Math.min(segment(4.6, 8.4, 7, 10.8, w)(x, y), segment(7, 10.8, 11.4, 5.6, w)(x, y));

/** The glyph on a 16-unit canvas. */
function glyph(status: TrayStatus, ink: Rgb, accent: { behind: Rgb; done: Rgb }): Layer[] {
  switch (status) {
    case 'idle':
      return [{ dist: ring(8, 8, 6, 1.6), color: ink }];
    case 'on-track':
      return [
        { dist: ring(8, 8, 6, 1.6), color: ink },
        { dist: circle(8, 8, 2.4), color: ink },
      ];
    case 'behind':
      return [
        { dist: ring(7, 9, 5.4, 1.5), color: ink },
        { dist: circle(7, 9, 2), color: ink },
        { dist: circle(12.6, 3.4, 3.4), color: [0, 0, 0], cut: true },
        { dist: circle(12.6, 3.4, 2.6), color: accent.behind },
      ];
    case 'done':
      return [
        { dist: circle(8, 8, 7), color: accent.done },
        { dist: check(1.8), color: [0, 0, 0], cut: true },
      ];
  }
}

function render(layers: Layer[], size: number): Buffer {
  const scale = 16 / size;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const [x, y] = [(px + 0.5) * scale, (py + 0.5) * scale];
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        const cover = Math.max(0, Math.min(1, 0.5 - layer.dist(x, y) / scale));
        if (layer.cut) {
          a *= 1 - cover;
          continue;
        }
        const out = cover + a * (1 - cover);
        if (out === 0) continue;
        const mix = (c: number, l: number) => (l * cover + c * a * (1 - cover)) / out;
        [r, g, b, a] = [
          mix(r, layer.color[0]),
          mix(g, layer.color[1]),
          mix(b, layer.color[2]),
          out,
        ];
      }
      rgba.set([r, g, b, Math.round(a * 255)].map(Math.round), (py * size + px) * 4);
    }
  }
  return png(rgba, size);
}

function png(rgba: Buffer, size: number): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = 'resources';
const accent = { behind: [232, 113, 10] as Rgb, done: [30, 142, 62] as Rgb };
for (const status of TRAY_STATUSES) {
  for (const [platform, darkMode, ink, colors] of [
    // Template images must be black with alpha: macOS tints them for the menu bar.
    ['darwin', false, [0, 0, 0], { behind: [0, 0, 0], done: [0, 0, 0] }],
    ['linux', false, [34, 34, 34], accent],
    ['linux', true, [238, 238, 238], accent],
  ] as const) {
    const name = trayIconName({ platform, status, darkMode });
    const layers = glyph(status, [...ink], { behind: [...colors.behind], done: [...colors.done] });
    writeFileSync(join(out, name), render(layers, 16));
    writeFileSync(join(out, name.replace('.png', '@2x.png')), render(layers, 32));
  }
}
// The app icon: the on-track glyph, white on the brand blue.
const app: Layer[] = [
  { dist: circle(8, 8, 7.6), color: [37, 99, 235] },
  { dist: ring(8, 8, 4.6, 1.3), color: [255, 255, 255] },
  { dist: circle(8, 8, 1.9), color: [255, 255, 255] },
];
writeFileSync(join(out, 'icon.png'), render(app, 512));
console.log('icons written to resources/');
