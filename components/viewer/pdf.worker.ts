/**
 * pdf.js's worker, bundled with the extension (no remote code): a module worker started by the
 * viewer page (entrypoints/viewer/main.tsx) and handed to pdf.js as its `workerPort`. Importing
 * the worker module sets up its message handler on this worker's global scope.
 */
import { WorkerMessageHandler } from 'pdfjs-dist/build/pdf.worker.mjs';

// keep the import (and its set-up) in the bundle
(self as unknown as { pdfjsWorker?: unknown }).pdfjsWorker = { WorkerMessageHandler };
