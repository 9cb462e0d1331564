import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseResult } from '../model/types.ts';
import { currentBlockReader, useBlockReader, type BlockReader } from '../parse/blocks.ts';
import { parseMarkdown } from '../parse/command.ts';

export interface ParseRequest {
  /** Path of the doc as it appears in the model and in diagnostics. */
  source: string;
  text: string;
}

/** Below this many docs, starting workers costs more than it saves. */
const MIN_DOCS_FOR_WORKERS = 64;
const BATCH_SIZE = 16;

/**
 * Parses one doc. A parser exception becomes an `internal-error` diagnostic, so one bad doc never
 * stops the others.
 */
export function parseText(request: ParseRequest): ParseResult {
  try {
    return parseMarkdown(request.text, request.source);
  } catch (error) {
    return {
      command: null,
      skipped: null,
      diagnostics: [
        {
          file: request.source,
          line: 1,
          column: 1,
          severity: 'error',
          ruleId: 'internal-error',
          message: `The parser failed on this doc: ${error instanceof Error ? error.message : String(error)}.`,
          hint: 'This is a bug in cmdlet-ts; please report it with the doc attached.',
        },
      ],
    };
  }
}

/**
 * Parses docs on every core: worker threads (each loads the parser through tsx) take batches
 * in turn. Results come back in input order. Few docs, or `jobs` of 1, parse on this thread.
 *
 * @param onProgress Called with the number of docs parsed so far.
 */
export async function parseAll(requests: readonly ParseRequest[], options: { jobs?: number; parser?: BlockReader; onProgress?: (done: number) => void } = {}): Promise<ParseResult[]> {
  const previousReader = currentBlockReader();
  useBlockReader(options.parser ?? previousReader);
  try {
    return await parseWithReader(requests, options);
  } finally {
    useBlockReader(previousReader);
  }
}

async function parseWithReader(requests: readonly ParseRequest[], options: { jobs?: number; onProgress?: (done: number) => void }): Promise<ParseResult[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), Math.ceil(requests.length / BATCH_SIZE)));
  if (jobs === 1 || requests.length < MIN_DOCS_FOR_WORKERS) {
    const results: ParseResult[] = [];
    for (const request of requests) {
      results.push(parseText(request));
      options.onProgress?.(results.length);
    }
    return results;
  }

  const results = new Array<ParseResult>(requests.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: jobs }, () => startWorker());
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= requests.length) {
                resolve();
                return;
              }
              const start = next;
              next = Math.min(requests.length, next + BATCH_SIZE);
              worker.postMessage({ id: start, docs: requests.slice(start, next) });
            };
            worker.on('message', (message: { id: number; results: ParseResult[] }) => {
              message.results.forEach((result, index) => (results[message.id + index] = result));
              done += message.results.length;
              options.onProgress?.(done);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (next < requests.length || done < requests.length) reject(new Error(`A parse worker stopped with exit code ${code} before the work was done.`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}

/**
 * Starts a parse worker. The worker's sources are TypeScript, so a small script first registers
 * tsx in the new thread and then imports them: Node 20 does not apply `--import tsx` in
 * `execArgv` to a worker's own entry file.
 */
function startWorker(): Worker {
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: { reader: currentBlockReader() } });
}
