/**
 * Draws the two Teams app icons with pngjs (run once: `npx tsx scripts/make-icons.ts`;
 * the PNGs are committed):
 *
 *   manifest/color.png    192×192, a white contact card (person + text lines)
 *                         on a solid accent background, glyph inside the
 *                         central 120×120 safe area.
 *   manifest/outline.png  32×32, the same card as a white outline on a fully
 *                         transparent background; every pixel is either opaque
 *                         white or fully transparent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

type Shape = (x: number, y: number) => boolean;
type Rgb = readonly [number, number, number];

const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** Upper half of an ellipse: head-and-shoulders bust. */
const bust =
  (cx: number, cy: number, rx: number, ry: number): Shape =>
  (x, y) =>
    y <= cy && ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

/** Fraction of the pixel (px, py) covered by the shape, by supersampling. */
function coverage(shape: Shape, px: number, py: number, samples = 8): number {
  let hits = 0;
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < samples; j++) {
      if (shape(px + (i + 0.5) / samples, py + (j + 0.5) / samples)) hits++;
    }
  }
  return hits / (samples * samples);
}

const hex = (color: string): Rgb => [
  parseInt(color.slice(1, 3), 16),
  parseInt(color.slice(3, 5), 16),
  parseInt(color.slice(5, 7), 16),
];

export const ACCENT = '#0F6CBD';
const WHITE: Rgb = [255, 255, 255];
const LIGHT_ACCENT = '#7FB2E5';

/** 192×192 opaque: layers painted in order over the accent background, anti-aliased. */
export function drawColorIcon(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const layers: Array<[Shape, Rgb]> = [
    [roundRect(36, 52, 156, 140, 14), WHITE], // card
    [union(circle(72, 82, 14), bust(72, 126, 26, 22)), hex(ACCENT)], // person
    [
      union(roundRect(100, 72, 140, 80, 4), roundRect(100, 90, 140, 98, 4), roundRect(100, 108, 126, 116, 4)),
      hex(LIGHT_ACCENT),
    ], // text lines
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b] = hex(ACCENT);
      for (const [shape, color] of layers) {
        const a = coverage(shape, x, y);
        r = r * (1 - a) + color[0] * a;
        g = g * (1 - a) + color[1] * a;
        b = b * (1 - a) + color[2] * a;
      }
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(r);
      png.data[i + 1] = Math.round(g);
      png.data[i + 2] = Math.round(b);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** 32×32: white where the glyph covers at least half a pixel, fully transparent elsewhere. */
export function drawOutlineIcon(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  const glyph = union(
    minus(roundRect(1, 5, 31, 27, 4), roundRect(3, 7, 29, 25, 2)), // card outline, 2 px
    circle(11, 12.5, 3), // head
    bust(11, 22.5, 5.5, 5), // shoulders
    roundRect(17, 10, 26, 12, 1), // text lines
    roundRect(17, 14, 26, 16, 1),
    roundRect(17, 18, 23, 20, 1),
  );
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = coverage(glyph, x, y) >= 0.5 ? 255 : 0;
    }
  }
  return png;
}

export function writeIcons(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(path.join(outDir, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'manifest');
  writeIcons(outDir);
  console.log(`wrote ${path.join(outDir, 'color.png')} and outline.png`);
}
