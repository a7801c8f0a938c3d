// The train command as a student runs it: bad input gets one clear line and exit 1; a good run
// writes metrics JSON and PNG previews.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const temp = mkdtempSync(join(tmpdir(), 'latent-lab-cli-'));

function train(...args: string[]) {
  const run = spawnSync(TSX, ['scripts/train.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 110_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm run train', () => {
  it('rejects an unknown backend with one line naming the flag', () => {
    const run = train('graphs/gan-ring.json', '--backend', 'cuda');
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe('train: --backend must be cpu, wasm or webgpu, got "cuda"');
  });

  it('rejects a step count that is not a whole number', () => {
    const run = train('graphs/gan-ring.json', '--steps', 'ten');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--steps must be a whole number >= 1, got "ten"');
  });

  it('rejects a missing file and a file with graph errors', () => {
    expect(train('graphs/nope.json').stderr).toContain('cannot read graph file "graphs/nope.json"');
    const broken = join(temp, 'broken.json');
    const doc = JSON.parse(readFileSync(join(ROOT, 'graphs/gan-ring.json'), 'utf8'));
    doc.edges = doc.edges.filter((e: { id: string }) => !e.id.startsWith('real.points'));
    writeFileSync(broken, JSON.stringify(doc));
    const run = train(broken);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: node d1 port in: input "in" is not connected');
    expect(run.stderr).toContain('has errors and cannot be trained');
  });

  it('trains a convolutional graph on wasm, whose filter gradient the project adds', () => {
    const out = join(temp, 'conv');
    const run = train(
      'graphs/conv-autoencoder.json',
      '--steps',
      '2',
      '--batch',
      '2',
      '--backend',
      'wasm',
      '--out',
      out,
    );
    expect(run.stderr).not.toMatch(/^train:/m);
    expect(run.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics).toMatchObject({ steps: 2, backend: 'wasm' });
    expect(Number.isFinite(metrics.finalLosses.mse)).toBe(true);
  });

  it('trains the GAN preset and writes metrics and readable PNGs', () => {
    const out = join(temp, 'gan');
    const run = train('graphs/gan-ring.json', '--steps', '30', '--batch', '64', '--out', out);
    expect(run.stderr).not.toMatch(/^train:/m);
    expect(run.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics).toMatchObject({ steps: 30, batchSize: 64, backend: 'cpu' });
    expect(metrics.history).toHaveLength(30);
    expect(Object.keys(metrics.finalLosses).sort()).toEqual(['dFakeMean', 'dLoss', 'dReal', 'gLoss']);
    // The metric nodes are probabilities: D's mean output on real and on generated points.
    for (const key of ['dReal', 'dFakeMean']) {
      expect(metrics.finalLosses[key]).toBeGreaterThan(0);
      expect(metrics.finalLosses[key]).toBeLessThan(1);
    }
    expect(metrics.samplesPerSec).toBeGreaterThan(0);
    const pngs = readdirSync(out).filter((f) => f.endsWith('.png'));
    expect(pngs).toEqual(expect.arrayContaining(['gOut.out.png', 'real.points.png', 'losses.png']));
    const scatter = PNG.sync.read(readFileSync(join(out, 'gOut.out.png')));
    expect([scatter.width, scatter.height]).toEqual([256, 256]);
    // Something was drawn: not every pixel is the white background.
    expect(scatter.data.some((v, i) => i % 4 !== 3 && v < 200)).toBe(true);
    expect(existsSync(join(out, 'dFake.out.png'))).toBe(true);
  });
});
