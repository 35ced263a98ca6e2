/**
 * Where a sample runs from, its `.env` files, and its command-line flags. Sample workers and
 * launchers call these through the other helpers, so a sample file never handles them itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import dotenv from 'dotenv';

/** The sample package a worker or launcher belongs to: its folder and its package name. */
export interface SampleFolder {
  /** The folder holding the script's package.json (e.g. `.../basic`). */
  dir: string;
  /** Its package name, as `pnpm --filter <name>` takes it. */
  name: string;
  /** The workspace root (the folder with pnpm-workspace.yaml), if there is one above. */
  repoRoot: string | undefined;
}

function findUp(start: string, file: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, file))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

let folder: SampleFolder | undefined;

/** The package of the script being run (process.argv[1]); the working directory when there is none. */
export function sampleFolder(): SampleFolder {
  if (folder) return folder;
  const script = process.argv[1];
  const start = script ? dirname(resolve(script)) : process.cwd();
  const dir = findUp(start, 'package.json') ?? process.cwd();
  let name = relative(process.cwd(), dir) || '.';
  try {
    const parsed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof parsed.name === 'string') name = parsed.name;
  } catch {
    // No readable package.json: the folder's path names it.
  }
  folder = { dir, name, repoRoot: findUp(dir, 'pnpm-workspace.yaml') };
  return folder;
}

let loadedEnvFiles: string[] | undefined;

/**
 * Loads `.env` from the sample's folder, then from the repo root. The first file that sets a
 * variable wins, and a variable already in the environment wins over both. Runs once; returns the
 * files it read.
 */
export function loadSampleEnv(): string[] {
  if (loadedEnvFiles) return loadedEnvFiles;
  const { dir, repoRoot } = sampleFolder();
  const candidates = [join(dir, '.env'), ...(repoRoot && repoRoot !== dir ? [join(repoRoot, '.env')] : [])];
  loadedEnvFiles = candidates.filter((file) => existsSync(file));
  if (loadedEnvFiles.length > 0) {
    const { error } = dotenv.config({ path: loadedEnvFiles, quiet: true });
    if (error) throw new Error(`Could not read ${loadedEnvFiles.join(' or ')}: ${error.message}`);
  }
  return loadedEnvFiles;
}

/** `--verbose` on the command line, or SAMPLES_VERBOSE=1 (e.g. in .env): full logs and cause chains. */
export function isVerbose(): boolean {
  loadSampleEnv();
  const fromEnv = process.env.SAMPLES_VERBOSE;
  return process.argv.includes('--verbose') || fromEnv === '1' || fromEnv === 'true';
}

/** The script's own command-line arguments, without the flags the helpers read (`--verbose`). */
export function sampleArguments(): string[] {
  return process.argv.slice(2).filter((arg) => arg !== '--verbose');
}

/**
 * The launcher's first argument as a whole number of 0 or more (`fallback` when there is none). Anything else
 * ends the launcher with exit code 1 and a line that names what was given, before it connects to Temporal.
 */
export function wholeNumberArgument(what: string, fallback: number): number {
  const [given = String(fallback)] = sampleArguments();
  const value = Number(given);
  if (given.trim() === '' || !Number.isInteger(value) || value < 0) {
    console.error(`The ${what} must be a whole number of 0 or more, not "${given}".`);
    process.exit(1);
  }
  return value;
}

/** The command that starts this sample folder's worker, as a reader would type it at the repo root. */
export function workerCommand(): string {
  const { name, repoRoot } = sampleFolder();
  return repoRoot ? `pnpm --filter ${name} run worker` : 'pnpm run worker';
}
