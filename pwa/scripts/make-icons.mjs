// Draws the app icons (a gauge on dark blue) as PNGs with no image library: pixels are
// computed with 4x4 supersampling and written with node:zlib. Run: npm run icons
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/icons');
const colors = { bg: [11, 61, 92], arc: [255, 255, 255], needle: [230, 159, 0] };

function crc32(buf) {
  let c;
  const table = crc32.table ??= Array.from({ length: 256 }, (_, n) => {
    c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of buf) crc = table[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function distToSegment(px, py, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** Colour of a point in unit coordinates (0..1), or null for transparent. */
function shade(x, y, { maskable }) {
  // Maskable icons fill the square and keep the drawing in the central safe zone.
  const inset = maskable ? 0.2 : 0.1;
  const radius = maskable ? 0 : 0.2;
  const inBg = maskable || (() => {
    const cx = Math.min(Math.max(x, radius), 1 - radius);
    const cy = Math.min(Math.max(y, radius), 1 - radius);
    return Math.hypot(x - cx, y - cy) <= radius;
  })();
  if (!inBg) return null;
  const s = 1 - 2 * inset;
  const u = (x - inset) / s;
  const v = (y - inset) / s;
  const [cx, cy, r] = [0.5, 0.68, 0.36];
  const d = Math.hypot(u - cx, v - cy);
  if (v <= cy + 0.02 && Math.abs(d - r) <= 0.06) return colors.arc;
  const angle = -Math.PI / 4;
  if (distToSegment(u, v, cx, cy, cx + 0.3 * Math.cos(angle), cy + 0.3 * Math.sin(angle)) <= 0.05) return colors.needle;
  if (Math.hypot(u - cx, v - cy) <= 0.07) return colors.needle;
  return colors.bg;
}

function render(size, options) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, options);
          if (!c) continue;
          acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255;
        }
      }
      const covered = acc[3] / 255;
      const i = (py * size + px) * 4;
      if (covered > 0) {
        rgba[i] = Math.round(acc[0] / covered);
        rgba[i + 1] = Math.round(acc[1] / covered);
        rgba[i + 2] = Math.round(acc[2] / covered);
      }
      rgba[i + 3] = Math.round(acc[3] / (n * n));
    }
  }
  return png(size, rgba);
}

await mkdir(out, { recursive: true });
const targets = [
  ['icon-192.png', 192, { maskable: false }],
  ['icon-512.png', 512, { maskable: false }],
  ['maskable-192.png', 192, { maskable: true }],
  ['maskable-512.png', 512, { maskable: true }],
  ['apple-touch-icon.png', 180, { maskable: true }],
];
for (const [name, size, options] of targets) {
  await writeFile(path.join(out, name), render(size, options));
  console.log(`wrote icons/${name}`);
}
await writeFile(path.join(out, 'favicon.svg'),
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b3d5c"/><path d="M7 21a9 9 0 0 1 18 0" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round"/><path d="M16 21l5-7" stroke="#E69F00" stroke-width="3" stroke-linecap="round"/></svg>\n');
