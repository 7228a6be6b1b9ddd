/**
 * Part 5 (Node side, for comparison with Chromium): the PDF report of the example case with
 * makeCaseReport, every part on, in English, as the report screen makes it. The database is
 * fake-indexeddb, the font is read from disk (node-fonts.ts), the texts are the app's locale
 * files. Run in its own process (child.ts) so that its peak RSS is its own.
 */
import { unlockedSession } from '../../tests/support/session';
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type Resource, type ResourceLanguage } from 'i18next';
import { loadShippedDefinitions } from '../../src/cli/io';
import { Catalog } from '../../src/instrument/catalog';
import type { Language } from '../../src/instrument/languages';
import { makeCaseReport, type ReportStage } from '../../src/jobs/case-report';
import { REPORT_PARTS, type Translate } from '../../src/report/model';
import { loadNodeFonts } from '../../src/report/node-fonts';
import { PolkuDatabase } from '../../src/storage/db';
import { loadExampleCase } from '../../src/storage/example-case';
import { collectGarbage, isMain, peakRss, reply } from './child';

const RUNS = 5;
const LANGUAGE: Language = 'en';
const locales = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'locales');

/**
 * The report's texts from the locale files on disk. The app reads them through Vite's
 * import.meta.glob (src/ui/i18n.ts), which does not exist under tsx; the i18next settings are the
 * app's (setupI18n), and every namespace is loaded, so the report's borrowed ones are there.
 */
async function translate(language: Language): Promise<Translate> {
  const resources: Resource = {};
  for (const lng of readdirSync(locales)) {
    resources[lng] = Object.fromEntries(
      readdirSync(join(locales, lng))
        .filter((f) => f.endsWith('.json'))
        .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(locales, lng, f), 'utf8')) as ResourceLanguage[string]]),
    );
  }
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: Object.keys(resources.en ?? {}),
    defaultNS: 'report',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = instance.getFixedT(language, 'report');
  return (key, options) => String(fixed(key, options as never));
}

export interface PdfRun {
  /** From the call to the bytes. */
  total: number;
  /** Reading the case and building the document (model.ts). */
  load: number;
  /** Loading jsPDF (a dynamic import) and the font files. */
  fonts: number;
  /** Drawing the pages (pdf.ts). */
  draw: number;
}

export interface NodePdfFigures {
  runs: PdfRun[];
  pages: number;
  bytes: number;
  administrations: number;
  rssBefore: number;
  peakBefore: number;
  peakAfterFirst: number;
  peakAfterAll: number;
}

export async function benchPdfNode(): Promise<NodePdfFigures> {
  const catalog = new Catalog(loadShippedDefinitions());
  const db = new PolkuDatabase('polku-bench-pdf', { session: unlockedSession() });
  const record = await loadExampleCase(db, catalog, new Date());
  const administrationIds = (await db.administrations.where('caseId').equals(record.id).toArray()).filter((a) => a.status === 'complete').map((a) => a.id);
  const planIds = (await db.plans.where('caseId').equals(record.id).toArray()).map((p) => p.id);
  const t = await translate(LANGUAGE);
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = peakRss();

  const runs: PdfRun[] = [];
  let pages = 0;
  let bytes = 0;
  let peakAfterFirst = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const marks: Partial<Record<ReportStage, number>> = {};
    const started = performance.now();
    const made = await makeCaseReport({
      db,
      caseId: record.id,
      definitions: catalog,
      t,
      fonts: loadNodeFonts,
      options: { language: LANGUAGE, includeName: false, parts: new Set(REPORT_PARTS), administrationIds, planIds },
      onProgress: (stage) => (marks[stage] = performance.now()),
    });
    const ended = performance.now();
    runs.push({ total: ended - started, load: marks.fonts! - started, fonts: marks.draw! - marks.fonts!, draw: ended - marks.draw! });
    pages = made.pages;
    bytes = made.bytes.length;
    if (run === 0) peakAfterFirst = peakRss();
  }
  db.close();
  return { runs, pages, bytes, administrations: administrationIds.length, rssBefore, peakBefore, peakAfterFirst, peakAfterAll: peakRss() };
}

if (isMain(import.meta.url)) reply(await benchPdfNode());
