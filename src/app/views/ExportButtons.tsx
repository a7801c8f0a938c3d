// The two buttons under every view: its canvas as PNG and its numbers as CSV, named `name`.

import type { RefObject } from 'react';
import { saveCsv, savePng } from './export';

export function ExportButtons({
  canvas,
  name,
  csv,
}: {
  readonly canvas: RefObject<HTMLCanvasElement | null>;
  readonly name: string;
  /** Made only when asked for. */
  readonly csv: () => string;
}) {
  return (
    <div className="views-actions">
      <button type="button" onClick={() => savePng(canvas.current, `${name}.png`)}>
        Download PNG
      </button>
      <button type="button" onClick={() => saveCsv(`${name}.csv`, csv())}>
        Download CSV
      </button>
    </div>
  );
}
