/** The worker script of xlsx-worker.ts: the writer or the deflater of one export (the page terminates it then). */
import { openAuditDb } from '../../lib/store/db';
import { xlsxWorkerMain } from './xlsx-worker';

xlsxWorkerMain(self, (reply) => self.postMessage(reply), () => openAuditDb());
