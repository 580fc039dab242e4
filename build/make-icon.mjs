// Draws the app icon (build/icon.png, 512x512 RGBA) with no dependencies: a deep-blue rounded
// square holding a white queue ticket with a tear-off notch on each side, three text bars and a
// green "go" dot. electron-builder turns this PNG into the Windows .ico and the Linux icon set.
// Usage: node build/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // 4x4 supersampling for smooth edges

const BLUE = [11, 61, 145];
const WHITE = [255, 255, 255];
const INK = [11, 61, 145];
const GREEN = [0, 122, 51];

function insideRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

const insideCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** Colour at a sub-pixel point, or null for transparent. Later shapes paint over earlier ones. */
function colourAt(x, y) {
  if (!insideRoundedRect(x, y, 16, 16, 496, 496, 96)) return null;
  let colour = BLUE;
  const onTicket =
    insideRoundedRect(x, y, 96, 120, 416, 392, 28) &&
    !insideCircle(x, y, 96, 256, 34) &&
    !insideCircle(x, y, 416, 256, 34);
  if (onTicket) colour = WHITE;
  if (onTicket && insideRoundedRect(x, y, 156, 170, 356, 214, 14)) colour = INK;
  if (onTicket && insideRoundedRect(x, y, 156, 240, 316, 272, 12)) colour = INK;
  if (onTicket && insideRoundedRect(x, y, 156, 298, 276, 330, 12)) colour = INK;
  if (onTicket && insideCircle(x, y, 340, 314, 30)) colour = GREEN;
  return colour;
}

function render() {
  const rows = [];
  for (let py = 0; py < SIZE; py += 1) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0 = none
    for (let px = 0; px < SIZE; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const c = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered += 1;
        }
      }
      const o = 1 + px * 4;
      if (covered > 0) {
        row[o] = Math.round(r / covered);
        row[o + 1] = Math.round(g / covered);
        row[o + 2] = Math.round(b / covered);
        row[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
      }
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function makeIconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
  writeFileSync(out, makeIconPng());
  console.log(`icon written to ${out}`);
}
