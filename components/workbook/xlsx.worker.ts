/** The worker script of xlsx-worker.ts: one request, one reply (the page terminates it then). */
import { answerXlsx, type XlsxRequest } from './xlsx-worker';

self.addEventListener('message', (e: MessageEvent<XlsxRequest>) => {
  void answerXlsx(e.data).then((reply) => self.postMessage(reply));
});
