// The quality command's plumbing: checks run in separate processes side by side, and the report
// keeps the registry's order, each check's timing, and a clear line for a name it does not know.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const temp = mkdtempSync(join(tmpdir(), 'latent-lab-quality-'));

const quality = (...args: string[]) =>
  spawnSync(TSX, ['scripts/quality.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });

afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Report {
  readonly jobs: number;
  readonly checks: { check: string; cpuSeconds: number; error: string | null }[];
  readonly rows: { preset: string; metric: string; value: number; cpuSeconds: number }[];
}

describe('npm run quality', () => {
  it('names an unknown check and the known ones, and exits 1', () => {
    const run = quality('--only', 'linear-ae-plane,nope');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^quality: no quality check named nope; known: stacked-autoencoder, /);
  });

  it('runs two quick checks in two processes and reports both in registry order with their times', () => {
    const report = join(temp, 'report.json');
    // Given in the reverse of the registry's order: the report still lists them as the registry does.
    const run = quality(
      '--quick',
      '--only',
      'gan-ring-minimax-gradient,linear-ae-plane',
      '--jobs',
      '2',
      '--report',
      report,
    );
    expect(run.status, run.stderr).toBe(0);
    const written = JSON.parse(readFileSync(report, 'utf8')) as Report;
    expect(written.jobs).toBe(2);
    expect(written.checks.map((c) => c.check)).toEqual(['linear-ae-plane', 'gan-ring-minimax-gradient']);
    for (const check of written.checks) {
      expect(check.error).toBeNull();
      expect(check.cpuSeconds).toBeGreaterThan(0);
    }
    expect(written.rows.map((r) => r.preset)).toEqual(['linear-ae-plane', 'linear-ae-plane', 'gan-ring']);
    expect(written.rows.every((r) => Number.isFinite(r.value))).toBe(true);
    // Each check's lines on the terminal carry its name.
    expect(run.stdout).toContain('[linear-ae-plane]');
    expect(run.stdout).toContain('[gan-ring-minimax-gradient]');
  }, 180_000);
});
