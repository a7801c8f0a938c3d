// Puts a preview's RGBA pixels on a canvas, sized to the picture (CSS scales it up).

import type { RenderedPreview } from '../../core/train/frames';

export function paint(canvas: HTMLCanvasElement | null, preview: RenderedPreview): void {
  if (!canvas) return;
  canvas.width = preview.width;
  canvas.height = preview.height;
  const image = new ImageData(preview.rgba as Uint8ClampedArray<ArrayBuffer>, preview.width, preview.height);
  canvas.getContext('2d')?.putImageData(image, 0, 0);
}
