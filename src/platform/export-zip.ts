/**
 * The export worker's work, also run in-process where there is no Worker (Node, jsdom): the
 * streamed build, its zip parts made into a Blob (kept out of the JS heap where the browser can).
 * A file of its own so that the worker does not import run-in-worker.ts, which starts workers.
 */
import { buildAndZip, type BuildProgress, type BuiltExport } from '../export/build';
import type { ExportInput, ExportOptions } from '../export/types';

/** What a build hands back: the zip file and the facts for the audit trail. */
export interface BuiltZip extends Omit<BuiltExport, 'parts'> {
  zip: Blob;
}

export async function buildZip(input: ExportInput, options: ExportOptions, progress: BuildProgress = {}): Promise<BuiltZip> {
  const { parts, ...facts } = await buildAndZip(input, options, progress);
  return { zip: new Blob(parts as Uint8Array<ArrayBuffer>[], { type: 'application/zip' }), ...facts };
}
