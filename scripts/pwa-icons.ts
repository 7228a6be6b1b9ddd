/**
 * App icons drawn at build time: the Polku mark (a path rising to a point) rasterized here and
 * written as PNG with Node's zlib, so the build downloads nothing and needs no image library.
 */
import { deflateSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './security-headers';

export { CONTENT_SECURITY_POLICY };

type RGB = [number, number, number];
const TEAL: RGB = [0x0f, 0x4c, 0x5c];
const WHITE: RGB = [0xff, 0xff, 0xff];
const AMBER: RGB = [0xf2, 0xb1, 0x34];

const SAMPLES = 4;

/** Points along the path M14 48 c10-2 14-10 18-18 s10-14 18-16 (public/favicon.svg), 64×64 space. */
function pathPoints(): [number, number][] {
  const segments: [number, number][][] = [
    [
      [14, 48],
      [24, 46],
      [28, 38],
      [32, 30],
    ],
    [
      [32, 30],
      [36, 22],
      [42, 16],
      [50, 14],
    ],
  ];
  return segments.flatMap(([p0, p1, p2, p3]) =>
    Array.from({ length: 121 }, (_, i): [number, number] => {
      const t = i / 120;
      const a = (1 - t) ** 3,
        b = 3 * (1 - t) ** 2 * t,
        c = 3 * (1 - t) * t * t,
        d = t ** 3;
      return [a * p0![0] + b * p1![0] + c * p2![0] + d * p3![0], a * p0![1] + b * p1![1] + c * p2![1] + d * p3![1]];
    }),
  );
}

/** Colour index per supersample (0 transparent, 1 teal, 2 white, 3 amber) on an S×S grid. */
function rasterize(size: number, maskable: boolean): Uint8Array {
  const S = size * SAMPLES;
  const unit = S / 64;
  const grid = new Uint8Array(S * S);
  const r = 14 * unit;
  for (let y = 0; y < S; y += 1) {
    for (let x = 0; x < S; x += 1) {
      if (maskable) {
        grid[y * S + x] = 1;
        continue;
      }
      const cx = Math.min(Math.max(x + 0.5, r), S - r);
      const cy = Math.min(Math.max(y + 0.5, r), S - r);
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) grid[y * S + x] = 1;
    }
  }
  // Maskable icons keep the mark inside the 80 % safe zone.
  const scale = maskable ? 0.8 : 1;
  const toGrid = (v: number) => (32 + (v - 32) * scale) * unit;
  const disc = (px: number, py: number, radius: number, colour: number) => {
    const gx = toGrid(px),
      gy = toGrid(py),
      rr = radius * scale * unit;
    for (let y = Math.max(0, Math.floor(gy - rr)); y <= Math.min(S - 1, Math.ceil(gy + rr)); y += 1) {
      for (let x = Math.max(0, Math.floor(gx - rr)); x <= Math.min(S - 1, Math.ceil(gx + rr)); x += 1) {
        if ((x + 0.5 - gx) ** 2 + (y + 0.5 - gy) ** 2 <= rr * rr && grid[y * S + x]) grid[y * S + x] = colour;
      }
    }
  };
  for (const [x, y] of pathPoints()) disc(x, y, 3, 2);
  disc(50, 14, 5, 3);
  return grid;
}

const PALETTE: (RGB | null)[] = [null, TEAL, WHITE, AMBER];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A size×size RGBA PNG of the mark, 4×4 supersampled for smooth edges. */
export function iconPng(size: number, { maskable = false } = {}): Buffer {
  const grid = rasterize(size, maskable);
  const S = size * SAMPLES;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py += 1) {
    rows[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px += 1) {
      let r = 0,
        g = 0,
        b = 0,
        covered = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const colour = PALETTE[grid[(py * SAMPLES + sy) * S + px * SAMPLES + sx]!];
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered += 1;
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      rows[o] = covered ? Math.round(r / covered) : 0;
      rows[o + 1] = covered ? Math.round(g / covered) : 0;
      rows[o + 2] = covered ? Math.round(b / covered) : 0;
      rows[o + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export const ICONS = [
  { file: 'icons/icon-192.png', size: 192, maskable: false },
  { file: 'icons/icon-512.png', size: 512, maskable: false },
  { file: 'icons/icon-maskable-512.png', size: 512, maskable: true },
  { file: 'icons/apple-touch-icon-180.png', size: 180, maskable: true },
] as const;

/** Emits the icons into the build (before the service worker precaches the output). */
export function pwaIcons(): Plugin {
  return {
    name: 'polku-pwa-icons',
    apply: 'build',
    generateBundle() {
      for (const icon of ICONS) this.emitFile({ type: 'asset', fileName: icon.file, source: iconPng(icon.size, { maskable: icon.maskable }) });
    },
  };
}

/**
 * Content Security Policy for the built app: only its own origin, nothing from elsewhere. Added to
 * the built index.html only (the dev server injects inline scripts for hot reload). The headers a
 * host must also send (frame-ancestors works only as a header) are in ./security-headers.ts.
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'polku-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}
