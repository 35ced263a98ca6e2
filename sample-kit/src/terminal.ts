/**
 * The launcher's stdout as one place: streamed text, status lines and one progress line share it,
 * so a status never lands in the middle of a streamed word and the stream goes on on a fresh line.
 */
class LauncherTerminal {
  /** The last thing written left the cursor after streamed text, not at the start of a line. */
  #midLine = false;
  /** A progress line (a terminal only) is on screen and is rewritten in place. */
  #progressShown = false;

  /** Streamed text (a model's deltas), as it comes. */
  text(text: string): void {
    if (text === '') return;
    this.clearProgress();
    process.stdout.write(text);
    this.#midLine = !text.endsWith('\n');
  }

  /** A line that stays, on a line of its own. */
  line(text: string, to: 'stdout' | 'stderr' = 'stdout'): void {
    this.#freshLine();
    if (to === 'stderr') console.error(text);
    else console.log(text);
  }

  /** On a terminal, one line that rewrites itself until something else is written. */
  progress(line: string): void {
    if (this.#progressShown) {
      process.stdout.write(`\r\x1b[K${line}`);
      return;
    }
    this.#freshLine();
    process.stdout.write(line);
    this.#progressShown = true;
  }

  /** Removes the progress line, so what follows starts at the beginning of that line. */
  clearProgress(): void {
    if (this.#progressShown) process.stdout.write('\r\x1b[K');
    this.#progressShown = false;
  }

  #freshLine(): void {
    this.clearProgress();
    if (this.#midLine) process.stdout.write('\n');
    this.#midLine = false;
  }
}

export const launcherTerminal = new LauncherTerminal();

/**
 * Writes streamed text (a model's deltas) to stdout, so the launcher's status lines, which share
 * stdout with it, go on lines of their own instead of into the middle of a word.
 */
export function writeStreamedText(text: string): void {
  launcherTerminal.text(text);
}

/**
 * Ends a launcher or worker that has printed its failure, with exit code 1. Run through
 * `pnpm --filter … run …`, pnpm follows any non-zero exit with its own ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL
 * block (nothing a script can do keeps the code and drops it), so the failure's last line says what
 * that block is: the exit code, reported, not a crash of pnpm.
 */
export function exitAfterFailure(): never {
  if (runByPnpm()) {
    launcherTerminal.line(
      'Exit code 1. pnpm reports that code next (ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL): the failure is the one above.',
      'stderr',
    );
  }
  process.exit(1);
}

function runByPnpm(): boolean {
  return process.env.npm_lifecycle_event !== undefined && (process.env.npm_config_user_agent ?? '').startsWith('pnpm/');
}
