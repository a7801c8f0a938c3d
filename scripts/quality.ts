// `npm run quality`: trains presets headless and measures the lecture's bars (LECTURE.md),
// printing a table and writing quality/report.json. `--quick` scales every run down (a smoke
// run, not a measurement); `--only a,b` picks checks by preset name.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { QUALITY_CHECKS, type QualityRow } from './lib/quality-checks';
import { GAN_QUALITY_CHECKS } from './lib/quality-gan';
import { GAN_IMAGE_CHECKS } from './lib/quality-gan-images';
import { IMAGE_QUALITY_CHECKS } from './lib/quality-image';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } });
  const only = values.only?.split(',');
  const scale = values.quick ? 0.05 : 1;
  const rows: (QualityRow & { seconds: number })[] = [];
  const failures: { check: string; error: string }[] = [];
  for (const check of [
    ...QUALITY_CHECKS,
    ...IMAGE_QUALITY_CHECKS,
    ...GAN_QUALITY_CHECKS,
    ...GAN_IMAGE_CHECKS,
  ]) {
    if (only && !only.includes(check.name)) continue;
    const started = performance.now();
    try {
      const found = await check.run(scale, (line) => console.log(`  ${line}`));
      const seconds = (performance.now() - started) / 1000;
      for (const row of found) {
        rows.push({ ...row, seconds });
        const mark = row.pass === null ? 'n/a ' : row.pass ? 'pass' : 'FAIL';
        console.log(
          `${mark}  ${row.preset}: ${row.metric} = ${row.value.toPrecision(4)} (bar ${row.bar}) [${seconds.toFixed(0)} s]`,
        );
      }
    } catch (error) {
      failures.push({ check: check.name, error: error instanceof Error ? error.message : String(error) });
      console.log(`ERROR ${check.name}: ${failures.at(-1)?.error}`);
    }
  }
  mkdirSync('quality', { recursive: true });
  writeFileSync(
    'quality/report.json',
    JSON.stringify({ date: new Date().toISOString(), quick: !!values.quick, rows, failures }, null, 2) + '\n',
  );
  console.log(`wrote quality/report.json: ${rows.filter((r) => r.pass).length} of ${rows.length} bars met`);
}

main().catch((error: unknown) => {
  console.error(`quality: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
