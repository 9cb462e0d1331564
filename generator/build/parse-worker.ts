/**
 * Worker thread that parses docs for the parse pool. It receives batches of `{ source, text }`
 * and answers with the parse results in the same order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useBlockReader, type BlockReader } from '../parse/blocks.ts';
import { parseText, type ParseRequest } from './parse-pool.ts';

const { reader } = workerData as { reader: BlockReader };
useBlockReader(reader);

parentPort!.on('message', (batch: { id: number; docs: ParseRequest[] }) => {
  parentPort!.postMessage({ id: batch.id, results: batch.docs.map(parseText) });
});
