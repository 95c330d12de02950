import { workerData } from 'node:worker_threads';
import { serveStream } from '../compute/thread-stream';
import { type ParseJob, parsedBatches } from './row-parse';

// The thread that reads and checks an import file's rows while the main thread looks up
// customers and writes: parsing and validation are most of an import's CPU time.
void serveStream(parsedBatches(workerData as ParseJob));
