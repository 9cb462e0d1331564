import path from 'node:path';
import { watch } from 'chokidar';
import { generate, type GenerateOptions, type GenerateReport } from './generate.ts';

export interface WatchOptions {
  /** Ends the watch; the promise of `watchBuild` then resolves. */
  signal: AbortSignal;
  /** Called after each run, the first one included, with its report or the error that stopped it. */
  onRun: (outcome: { report: GenerateReport } | { error: unknown }) => void;
  /** Called once the watcher has scanned the inputs and reports changes. */
  onReady?: () => void;
  /** Quiet time after the last change before a run starts, in milliseconds (default 100). */
  debounceMs?: number;
}

/**
 * Generates once, then again after every change to a doc under the inputs, until `signal`
 * aborts. Each run goes through the content-hash cache, so only the docs that changed are
 * parsed and emitted again. Changes that arrive during a run start one more run after it.
 */
export async function watchBuild(options: GenerateOptions, watchOptions: WatchOptions): Promise<void> {
  const build = { ...options, check: false, cache: options.cache ?? true };
  const runOnce = async () => {
    try {
      watchOptions.onRun({ report: await generate(build) });
    } catch (error) {
      watchOptions.onRun({ error });
    }
  };
  await runOnce();
  if (watchOptions.signal.aborted) return;

  const outDir = path.resolve(options.out);
  const watcher = watch(options.inputs, {
    ignoreInitial: true,
    ignored: (file, stats) => path.resolve(file).startsWith(outDir + path.sep) || (stats?.isFile() === true && !file.toLowerCase().endsWith('.md')),
  });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (running) {
        again = true;
        return;
      }
      running = runOnce().finally(() => {
        running = null;
        if (again && !watchOptions.signal.aborted) {
          again = false;
          schedule();
        }
      });
    }, watchOptions.debounceMs ?? 100);
  };
  watcher.on('all', (event, file) => {
    if (event === 'addDir') return;
    if ((event === 'add' || event === 'change' || event === 'unlink') && !file.toLowerCase().endsWith('.md')) return;
    schedule();
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  watchOptions.onReady?.();
  if (!watchOptions.signal.aborted) {
    await new Promise<void>((resolve) => watchOptions.signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  if (timer) clearTimeout(timer);
  await watcher.close();
  await running;
}
