/** The report font read from disk, for making reports in Node (tests, `npm run bench`). Not used by the app. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ReportFonts } from './pdf';

// Paths, not URL objects: under jsdom `URL` is jsdom's, which Node's fs does not accept.
const path = (file: string) => fileURLToPath(new URL(file, import.meta.url).href);

export const FONT_FILES = {
  regular: path('./fonts/DejaVuSans.ttf'),
  bold: path('./fonts/DejaVuSans-Bold.ttf'),
};

export async function loadNodeFonts(): Promise<ReportFonts> {
  const [regular, bold] = await Promise.all([readFile(FONT_FILES.regular), readFile(FONT_FILES.bold)]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}
