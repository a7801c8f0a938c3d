// Writes RGBA images as PNG files for the command line (pngjs does the encoding).
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { RgbaImage } from '../../src/core/train/render';

export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}

export function writePng(path: string, image: RgbaImage): void {
  writeFileSync(path, encodePng(image));
}
