// pdfjs-dist ships no types for its worker module (components/viewer/pdf.worker.ts imports it).
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
