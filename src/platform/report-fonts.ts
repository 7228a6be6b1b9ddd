/**
 * The report font in the browser: the TTF files are built assets (precached by the service worker
 * like every other file, so reports work offline), fetched only when a report is made.
 */
import regularUrl from '../report/fonts/DejaVuSans.ttf?url';
import boldUrl from '../report/fonts/DejaVuSans-Bold.ttf?url';
import type { ReportFonts } from '../report/pdf';

async function fetchFont(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`font ${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

export async function loadBrowserFonts(): Promise<ReportFonts> {
  const [regular, bold] = await Promise.all([fetchFont(regularUrl), fetchFont(boldUrl)]);
  return { regular, bold };
}
