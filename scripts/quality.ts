// `npm run quality`: trains presets headless and measures the lecture's bars (LECTURE.md),
// printing a table and writing quality/report.json. `--quick` scales every run down (a smoke
// run, not a measurement); `--only a,b` picks checks by name and writes quality/report-only.json
// instead, so a partial run never replaces the full report (`--report FILE` names another). Checks
// run in `--jobs` processes at once (default: one per core).
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { QUALITY_CHECKS, type QualityCheck } from './lib/quality-checks';
import { GAN_QUALITY_CHECKS } from './lib/quality-gan';
import { GAN_IMAGE_CHECKS } from './lib/quality-gan-images';
import { IMAGE_QUALITY_CHECKS } from './lib/quality-image';
import { type CheckOutcome, runCheck, runPool, summaryLine } from './lib/quality-pool';

const ALL_CHECKS: readonly QualityCheck[] = [
  ...QUALITY_CHECKS,
  ...IMAGE_QUALITY_CHECKS,
  ...GAN_QUALITY_CHECKS,
  ...GAN_IMAGE_CHECKS,
];

function writeReport(
  file: string,
  quick: boolean,
  jobs: number,
  outcomes: readonly CheckOutcome[],
  wall: number,
): void {
  const rows = outcomes.flatMap((o) =>
    o.rows.map((row) => ({ ...row, seconds: o.seconds, cpuSeconds: o.cpuSeconds })),
  );
  const report = {
    date: new Date().toISOString(),
    quick,
    jobs,
    wallSeconds: wall,
    cpuSeconds: outcomes.reduce((s, o) => s + o.cpuSeconds, 0),
    checks: outcomes.map(({ check, seconds, cpuSeconds, error }) => ({ check, seconds, cpuSeconds, error })),
    rows,
    failures: outcomes.filter((o) => o.error).map((o) => ({ check: o.check, error: o.error })),
  };
  console.log('\n' + outcomes.map(summaryLine).join('\n'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  const met = rows.filter((r) => r.pass).length;
  const measured = rows.filter((r) => r.pass !== null).length;
  console.log(
    `wrote ${file}: ${met} of ${measured} bars met, ${report.failures.length} checks failed to run; ` +
      `${(wall / 60).toFixed(1)} min wall, ${(report.cpuSeconds / 60).toFixed(1)} min cpu, ${jobs} at once`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      jobs: { type: 'string' },
      check: { type: 'string' },
      out: { type: 'string' },
      report: { type: 'string' },
    },
  });
  const quick = !!values.quick;
  const scale = quick ? 0.05 : 1;
  if (values.check) {
    // One check in this process, for the pool (which reads `--out`) or by hand.
    const check = ALL_CHECKS.find((c) => c.name === values.check);
    if (!check) throw new Error(`no quality check named ${values.check}`);
    const outcome = await runCheck(check, scale, (line) => console.log(`  ${line}`));
    if (values.out) writeFileSync(values.out, JSON.stringify(outcome));
    else console.log(summaryLine(outcome));
    return;
  }
  const only = values.only?.split(',');
  const unknown = only?.filter((name) => !ALL_CHECKS.some((c) => c.name === name)) ?? [];
  if (unknown.length > 0)
    throw new Error(
      `no quality check named ${unknown.join(', ')}; known: ${ALL_CHECKS.map((c) => c.name).join(', ')}`,
    );
  const checks = ALL_CHECKS.filter((c) => !only || only.includes(c.name));
  const jobs = Math.min(checks.length, Math.max(1, Number(values.jobs ?? availableParallelism())));
  if (!Number.isInteger(jobs)) throw new Error(`--jobs must be a whole number, got ${values.jobs}`);
  const started = performance.now();
  const outcomes = await runPool(fileURLToPath(import.meta.url), checks, jobs, quick);
  const wall = (performance.now() - started) / 1000;
  const file = values.report ?? (only ? 'quality/report-only.json' : 'quality/report.json');
  writeReport(file, quick, jobs, outcomes, wall);
}

main().catch((error: unknown) => {
  console.error(`quality: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
