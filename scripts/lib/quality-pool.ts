// Running quality checks side by side: each check trains in its own Node process (tfjs on wasm
// has no threads in Node, so one process keeps one core busy), at most `jobs` at once, the
// costliest first so that the longest check does not start last. A check's own process is also
// what a single-check run uses, so both paths measure the same thing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QualityCheck, QualityRow } from './quality-checks';

export interface CheckOutcome {
  readonly check: string;
  readonly rows: readonly QualityRow[];
  readonly error: string | null;
  /** Wall time and CPU time (user + system) of the check's process, in seconds. */
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/** Runs one check in this process and measures it; errors are caught into the outcome. */
export async function runCheck(
  check: QualityCheck,
  scale: number,
  log: (line: string) => void,
): Promise<CheckOutcome> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let rows: QualityRow[] = [];
  let error: string | null = null;
  try {
    rows = await check.run(scale, log);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const used = process.cpuUsage(cpu);
  return {
    check: check.name,
    rows,
    error,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** Runs `script --check NAME --out FILE [--quick]` in a child process and reads its outcome back. */
function runInChild(script: string, check: QualityCheck, quick: boolean, dir: string): Promise<CheckOutcome> {
  const out = join(dir, `${check.name}.json`);
  const args = [
    ...process.execArgv,
    script,
    '--check',
    check.name,
    '--out',
    out,
    ...(quick ? ['--quick'] : []),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    const relay = (chunk: Buffer): void => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) console.log(`[${check.name}] ${line}`);
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('close', (code) => {
      if (pending) console.log(`[${check.name}] ${pending}`);
      try {
        resolve(JSON.parse(readFileSync(out, 'utf8')) as CheckOutcome);
      } catch {
        resolve({
          check: check.name,
          rows: [],
          error: `its process ended with code ${code} before writing a result`,
          seconds: 0,
          cpuSeconds: 0,
        });
      }
    });
  });
}

/** Runs the checks in up to `jobs` child processes, costliest first; outcomes come back in the given order. */
export async function runPool(
  script: string,
  checks: readonly QualityCheck[],
  jobs: number,
  quick: boolean,
): Promise<CheckOutcome[]> {
  const dir = mkdtempSync(join(tmpdir(), 'latent-lab-quality-'));
  const queue = [...checks].sort((a, b) => (b.cpuMinutes ?? 1) - (a.cpuMinutes ?? 1));
  const outcomes = new Map<string, CheckOutcome>();
  const lane = async (): Promise<void> => {
    for (let check = queue.shift(); check; check = queue.shift()) {
      const outcome = await runInChild(script, check, quick, dir);
      console.log(summaryLine(outcome));
      outcomes.set(check.name, outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, jobs) }, lane));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return checks.map((check) => outcomes.get(check.name)).filter((o): o is CheckOutcome => o !== undefined);
}

/** The terminal's lines for one finished check: a line per bar, or the error. */
export function summaryLine(outcome: CheckOutcome): string {
  const time = `[${outcome.seconds.toFixed(0)} s, ${outcome.cpuSeconds.toFixed(0)} s cpu]`;
  if (outcome.error) return `ERROR ${outcome.check}: ${outcome.error} ${time}`;
  return outcome.rows
    .map((row) => {
      const mark = row.pass === null ? 'n/a ' : row.pass ? 'pass' : 'FAIL';
      return `${mark}  ${row.preset}: ${row.metric} = ${row.value.toPrecision(4)} (bar ${row.bar}) ${time}`;
    })
    .join('\n');
}
