/**
 * The Python side's virtual environment: created on first use under the bootstrap's cache
 * (`bench-venv-<hash of the pins>`), with pip from PyPI and the versions pinned in
 * bench/python/requirements.txt. A change of pins makes a new venv; the old one stays until removed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What scripts/bootstrap.sh calls AGENTS_SAMPLES_CACHE, with the same default. */
function cacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return process.env.AGENTS_SAMPLES_CACHE || join(xdg, 'temporal-agents-samples');
}

function run(command: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`.trim();
  return { ok: result.status === 0, output };
}

/** The venv's python, creating the venv first if needed; throws with the reason if it cannot. */
export function pythonForBench(requirementsFile: string, log: (message: string) => void): string {
  const requirements = readFileSync(requirementsFile, 'utf8');
  const pins = requirements
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .sort();
  const hash = createHash('sha256').update(pins.join('\n')).digest('hex').slice(0, 12);
  const dir = join(cacheDir(), `bench-venv-${hash}`);
  const python = join(dir, 'bin', 'python');
  const marker = join(dir, '.installed');
  if (existsSync(marker) && existsSync(python)) return python;

  const system = process.env.BENCH_PYTHON || 'python3';
  const version = run(system, [
    '-c',
    'import sys; print("%d.%d" % sys.version_info[:2]); sys.exit(sys.version_info < (3, 10))',
  ]);
  if (!version.ok) {
    throw new Error(`the Python side needs Python >= 3.10 as \`${system}\` (or BENCH_PYTHON): ${version.output}`);
  }
  log(`creating the Python venv ${dir} (Python ${version.output}; first run only): ${pins.join(', ')}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(cacheDir(), { recursive: true });
  const venv = run(system, ['-m', 'venv', dir]);
  if (!venv.ok) throw new Error(`\`${system} -m venv\` failed: ${venv.output}`);
  const pip = run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirementsFile]);
  if (!pip.ok) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`pip install -r ${requirementsFile} failed: ${pip.output.split('\n').slice(-5).join(' ')}`);
  }
  writeFileSync(marker, requirements);
  return python;
}
