import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';

/** Reports how far a long phase of a run has come. */
export interface Progress {
  /** Starts a phase of `total` steps; a total of 0 means the count is unknown. */
  start(phase: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

/** Phases shorter than this many steps are not reported. */
const MIN_STEPS = 200;

/**
 * Chooses how to show progress on standard error: a bar on a terminal, a plain line at each
 * quarter in CI or when standard error is a file or pipe, nothing with `quiet`. Standard output
 * stays for diagnostics and the summary line.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { start() {}, update() {}, stop() {} };
  const interactive = stream.isTTY === true && process.env.CI !== 'true';
  return interactive ? barProgress(stream) : lineProgress(stream);
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  let bar: SingleBar | null = null;
  return {
    start(phase, total) {
      if (total < MIN_STEPS) return;
      // Loaded here, so that short runs do not pay for it.
      const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
      bar = new cliProgress.SingleBar({ stream, format: `${phase.padEnd(5)} [{bar}] {value}/{total} docs`, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
      bar.start(total, 0);
    },
    update(done) {
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

function lineProgress(stream: NodeJS.WriteStream): Progress {
  let phase = '';
  let total = 0;
  let nextQuarter = 1;
  return {
    start(name, steps) {
      phase = name;
      total = steps >= MIN_STEPS ? steps : 0;
      nextQuarter = 1;
    },
    update(done) {
      if (total === 0) return;
      while (nextQuarter <= 4 && done >= (total * nextQuarter) / 4) {
        stream.write(`${phase}: ${Math.floor((total * nextQuarter) / 4)}/${total} docs\n`);
        nextQuarter += 1;
      }
    },
    stop() {
      total = 0;
    },
  };
}
