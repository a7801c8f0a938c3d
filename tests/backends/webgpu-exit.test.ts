// A fresh process with no Vulkan variables finds SwiftShader by itself and exits after using webgpu.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/webgpu-then-exit.ts', import.meta.url));

interface ChildResult {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
}

function runChild(limitMs: number): Promise<ChildResult> {
  const env = { ...process.env };
  delete env.VK_ICD_FILENAMES;
  delete env.VK_DRIVER_FILES;
  delete env.LD_LIBRARY_PATH;
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], { cwd: repoRoot, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, limitMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, killed, stdout, stderr });
    });
  });
}

describe('a Node process using webgpu', () => {
  it('computes on SwiftShader without VK_ICD_FILENAMES and exits without releaseBackend', async () => {
    const result = await runChild(60_000);
    expect(result.killed, `still running after 60 s; stderr: ${result.stderr}`).toBe(false);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    expect(report.backend).toBe('webgpu');
    expect(report.value).toBe(64);
    expect(String(report.detail)).toMatch(/adapter/);
  });
});
