// High-frequency energy of images: how much fine detail (edges, texture) they hold. Blurry
// outputs, such as a generator trained on L1 alone produces, score low; sharp ones score high.

/**
 * Mean squared response of a 4-neighbour Laplacian (a high-pass filter) over the inner pixels of
 * `count` single-channel images of `height` x `width` values: 0 for flat or linear ramps, large
 * for sharp strokes and fine texture.
 */
export function highFrequencyEnergy(
  pixels: ArrayLike<number>,
  count: number,
  height: number,
  width: number,
): number {
  if (count < 1 || height < 3 || width < 3)
    throw new Error('high-frequency energy needs at least one image of at least 3x3 pixels');
  if (pixels.length < count * height * width)
    throw new Error(`expected ${count * height * width} pixel values, got ${pixels.length}`);
  let total = 0;
  for (let n = 0; n < count; n++) {
    const base = n * height * width;
    const at = (y: number, x: number): number => pixels[base + y * width + x] ?? 0;
    for (let y = 1; y < height - 1; y++) {
      for (let x = 1; x < width - 1; x++) {
        const laplacian = 4 * at(y, x) - at(y - 1, x) - at(y + 1, x) - at(y, x - 1) - at(y, x + 1);
        total += laplacian * laplacian;
      }
    }
  }
  return total / (count * (height - 2) * (width - 2));
}
