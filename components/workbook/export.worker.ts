/** The worker script of export-worker.ts: the writer or the deflater of one export (the page terminates it then). */
import { openAuditDb } from '../../lib/store/db';
import { exportWorkerMain } from './export-worker';

exportWorkerMain(self, (reply) => self.postMessage(reply), () => openAuditDb());
