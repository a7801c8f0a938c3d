// The image grid painter: every source pixel lands, scaled, in its cell; gaps stay dark; colour and
// grey images both; a partial last row leaves its empty cells dark.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/data/rng';
import type { ImageGridPreview } from '../../src/core/train/previews';
import { renderImageGrid } from '../../src/core/train/render';

function grid(count: number, height: number, width: number, channels: number): ImageGridPreview {
  const rng = createRng(3);
  const pixels = Float32Array.from({ length: count * height * width * channels }, () => rng.next());
  return { kind: 'image-grid', node: 'n', port: 'out', count, height, width, channels, pixels };
}

/** The RGBA the painter should put at grid pixel (px, py), worked out from the layout alone. */
function expected(p: ImageGridPreview, cols: number, scale: number, px: number, py: number): number[] {
  const cellW = p.width * scale + 1;
  const cellH = p.height * scale + 1;
  const cx = px - 1 - Math.floor((px - 1) / cellW) * cellW;
  const cy = py - 1 - Math.floor((py - 1) / cellH) * cellH;
  const n = Math.floor((py - 1) / cellH) * cols + Math.floor((px - 1) / cellW);
  if (px < 1 || py < 1 || cx >= p.width * scale || cy >= p.height * scale || n >= p.count)
    return [40, 40, 40, 40];
  const base = ((n * p.height + Math.floor(cy / scale)) * p.width + Math.floor(cx / scale)) * p.channels;
  const v = (c: number) => Math.round((p.pixels[base + (p.channels >= 3 ? c : 0)] ?? 0) * 255);
  return [v(0), v(1), v(2), 255];
}

describe('renderImageGrid', () => {
  it.each([
    { name: 'grey, scale 2, 16 images in rows of 8', p: grid(16, 5, 4, 1), cols: 8, scale: 2 },
    { name: 'colour, scale 3, 5 images in rows of 3', p: grid(5, 3, 4, 3), cols: 3, scale: 3 },
    { name: 'grey, scale 1, one image', p: grid(1, 6, 6, 1), cols: 8, scale: 1 },
  ])('puts every pixel where the layout says: $name', ({ p, cols, scale }) => {
    const img = renderImageGrid(p, cols, scale);
    const shownCols = Math.min(cols, p.count);
    expect(img.width).toBe(shownCols * (p.width * scale + 1) + 1);
    expect(img.height).toBe(Math.ceil(p.count / shownCols) * (p.height * scale + 1) + 1);
    let wrong = 0;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const want = expected(p, shownCols, scale, x, y);
        const i = (y * img.width + x) * 4;
        if (want.some((v, c) => img.data[i + c] !== v)) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });
});
