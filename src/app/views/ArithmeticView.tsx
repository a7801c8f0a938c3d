// Vector arithmetic on codes: A - B + C, where each of A, B, C is the mean code of a few chosen
// samples, decoded; under it the same sum over the pictures, to show that the codes, not the
// pixels, carry the concepts. The chosen samples are drawn above, so a student sees what was averaged.

import { ExportButtons } from './ExportButtons';
import { DecodeStatus } from './DecodeStatus';
import { useEffect, useRef } from 'react';
import type { CodingsAnswer, ImageSet } from '../../core/views/view-requests';
import { arithmeticCsv } from '../../core/views/views-csv';
import { drawGrid, type GridRow } from './draw';
import { viewFileName } from './export';
import { runArithmetic } from './views-actions';
import { type ArithmeticResult, useViews, viewsStore } from './views-store';

const COLUMNS = ['A', 'B', 'C', 'A − B + C'];

/** The chosen samples, one row per letter, padded with white where a letter has fewer. */
function members(result: ArithmeticResult, images: ImageSet): { pictures: ImageSet; columns: number } {
  const lists = [result.picks.a, result.picks.b, result.picks.c];
  const columns = Math.max(...lists.map((l) => l.length));
  const size = images.height * images.width * images.channels;
  const pixels = new Uint8Array(3 * columns * size).fill(255);
  lists.forEach((list, r) =>
    list.forEach((index, c) =>
      pixels.set(images.pixels.subarray(index * size, (index + 1) * size), (r * columns + c) * size),
    ),
  );
  return { pictures: { ...images, count: 3 * columns, pixels }, columns };
}

function Result({ result, codings }: { result: ArithmeticResult; codings: CodingsAnswer | null }) {
  const open = useViews((s) => s.open);
  const sums = useRef<HTMLCanvasElement>(null);
  const chosen = useRef<HTMLCanvasElement>(null);
  const samples = codings?.imagesFrom === 'decoded';
  useEffect(() => {
    if (!sums.current || !open) return;
    const rows: GridRow[] = [
      { label: 'codes', note: 'mean codes, decoded', pictures: result.decoded, first: 0 },
    ];
    if (result.pixels && codings?.images) {
      rows.push({
        label: 'pixels',
        note: 'same sum of pictures',
        pictures: { ...codings.images, pixels: result.pixels },
        first: 0,
      });
    }
    drawGrid(sums.current, {
      title: `Vector arithmetic in ${open.node}.${open.port}`,
      subtitle: `iteration ${result.iteration} · each letter is the mean of its chosen ${samples ? 'samples' : 'images'}`,
      columns: COLUMNS,
      rows,
      scale: 3,
      labelWidth: 150,
    });
  }, [result, codings, open, samples]);
  useEffect(() => {
    if (!chosen.current || !codings?.images) return;
    const { pictures, columns } = members(result, codings.images);
    drawGrid(chosen.current, {
      title: samples ? 'Chosen samples' : 'Chosen test images',
      subtitle: 'averaged into each letter',
      columns: Array.from({ length: columns }, (_, c) => String(c + 1)),
      rows: (['A', 'B', 'C'] as const).map((label, r) => ({
        label,
        note: [result.picks.a, result.picks.b, result.picks.c][r]?.map((i) => `#${i}`).join(' '),
        pictures,
        first: r * columns,
      })),
      scale: 2,
      labelWidth: 150,
    });
  }, [result, codings, samples]);
  const name = open ? viewFileName(open, 'arithmetic', result.iteration) : 'arithmetic';
  return (
    <>
      <div className="views-scroll">
        <canvas ref={sums} data-testid="arithmetic-grid" data-rows={result.pixels ? 2 : 1} />
        {codings?.images && <canvas ref={chosen} data-testid="arithmetic-chosen" />}
      </div>
      <ExportButtons
        canvas={sums}
        name={name}
        csv={() =>
          arithmeticCsv(
            [result.picks.a, result.picks.b, result.picks.c],
            result.codes,
            result.codes.length / 4,
          )
        }
      />
    </>
  );
}

export function ArithmeticView() {
  const typed = useViews((s) => s.analogy);
  const job = useViews((s) => s.arithmetic);
  const codings = useViews((s) => (s.codings.status === 'done' ? s.codings.value : null));
  const samples = codings?.imagesFrom === 'decoded';
  const field = (key: 'a' | 'b' | 'c') => (
    <label>
      {key.toUpperCase()}{' '}
      <input
        type="text"
        size={10}
        value={typed[key]}
        onChange={(event) => viewsStore.setState({ analogy: { ...typed, [key]: event.target.value } })}
        data-testid={`analogy-${key}`}
      />
    </label>
  );
  return (
    <section className="views-panel" aria-label="Vector arithmetic">
      <div className="views-controls">
        {field('a')} − {field('b')} + {field('c')}
        <button
          type="button"
          disabled={!codings || job.status === 'running'}
          onClick={() => void runArithmetic()}
          data-testid="run-arithmetic"
        >
          Decode
        </button>
      </div>
      <p className="views-hint">
        Type {samples ? 'sample' : 'test image'} numbers (up to 8 per letter, separated by spaces); each
        letter is their mean code.{' '}
        {samples
          ? 'The samples are numbered as on the latent map: hover its points to see them.'
          : 'Test images are in class-balanced order: 0, 10, 20, … are of the first class.'}
      </p>
      <DecodeStatus job={job} />
      {job.status === 'done' && <Result result={job.value} codings={codings} />}
    </section>
  );
}
