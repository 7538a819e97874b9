/**
 * Exports of stored reports (CSV, XLSX, JSON) and the JSON import. Everything but
 * importJson is a pure function over plain data (ExportDetail), usable in the workbook page,
 * the CLI and Node tests.
 */
export * from './types';
export * from './rows';
export * from './csv';
export * from './xlsx';
export * from './json';
export * from './filename';
export { importJson, parseExportFile, ImportError, type ImportMode, type ImportErrorCode, type ImportOutcome } from './import';
