// Saving a view: its canvas as PNG and its numbers as CSV, named after the port and iteration.

import { downloadBlob, downloadText } from '../files/download';

export function savePng(canvas: HTMLCanvasElement | null, fileName: string): void {
  canvas?.toBlob((blob) => {
    if (blob) downloadBlob(fileName, blob);
  }, 'image/png');
}

export function saveCsv(fileName: string, text: string): void {
  downloadText(fileName, text, 'text/csv');
}

/** "coding-out-map-tsne-it120" */
export const viewFileName = (open: { node: string; port: string }, view: string, iteration: number): string =>
  `${open.node}-${open.port}-${view}-it${iteration}`.replace(/[^A-Za-z0-9_-]/g, '_');
