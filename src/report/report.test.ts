import type { Language } from '../instrument/languages';
import { setupI18n } from '../ui/i18n';
import { reportTranslate } from '../ui/report/report-texts';
import { testDatabase } from '../../tests/support/db';
import { shippedCatalog } from '../../tests/support/shipped';
import type { PolkuDatabase } from '../storage/db';
import type { AdministrationRecord } from '../storage/records';
import { makeCaseReport, isOutOfMemory } from '../jobs/case-report';
import { REPORT_PARTS, buildReport, reportFileName, type ReportPart } from './model';
import { loadNodeFonts } from './node-fonts';
import { PLAN_ID, TODAY, dumpDatabase, exampleCaseWithPlan, pdfText } from './test-helpers';

async function make(
  db: PolkuDatabase,
  caseId: string,
  language: Language,
  {
    includeName = false,
    parts = REPORT_PARTS as readonly ReportPart[],
    administrationIds,
  }: { includeName?: boolean; parts?: readonly ReportPart[]; administrationIds?: string[] } = {},
) {
  const i18n = await setupI18n('en');
  const ids = administrationIds ?? (await db.administrations.where('caseId').equals(caseId).toArray()).map((a) => a.id);
  return makeCaseReport({
    db,
    caseId,
    definitions: shippedCatalog,
    t: await reportTranslate(i18n, language),
    madeAt: TODAY,
    fonts: loadNodeFonts,
    options: { language, includeName, parts: new Set(parts), administrationIds: ids, planIds: [PLAN_ID] },
  });
}

/** Text of every page, one string per page. */
function pages(bytes: Uint8Array, count: number): string[] {
  return Array.from({ length: count }, (_, i) => pdfText(bytes, { page: i + 1 }));
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('the PDF report of the example case, read back with pdftotext', () => {
  test('English: facts, scores as the screens print them, plan steps, attendance, footer on every page, no name', async () => {
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    const made = await make(db, record.id, 'en');
    expect(made.fileName).toBe(`polku-${record.code}-2026-11-20-en.pdf`);
    const text = pdfText(made.bytes);
    const flat = squash(pdfText(made.bytes, { layout: false }));

    expect(text).toContain(`Report on case ${record.code}`);
    expect(text).toMatch(/Report made\s+20 Nov 2026/);
    expect(text).not.toContain('Esimerkki Oppilas');
    for (const heading of [
      'Questionnaires',
      'Results per questionnaire',
      'Informants compared',
      'Change over time',
      'Quality and function',
      'Absence',
      'What the primary function suggests',
      'Gradual-return plan: Syksyn paluu',
      'Attendance',
      'About the questionnaires and scoring rules',
    ]) {
      expect(text).toContain(heading);
    }
    // The child's first function form: avoidance 5, 6, 5, 5, 4 → 5.00 (primary), as the case page shows it.
    expect(text).toMatch(/Avoiding school-related\s+Negative reinforcement \(getting away from\s+5\.00 5 of 5/);
    expect(flat).toContain('Primary: Avoiding school-related distress');
    // The chart summary under the profile (charts namespace).
    expect(flat).toMatch(/Primary function: avoiding school-related distress \(5\.00\)\./i);
    // The plan: steps in order with responsibilities, dates in en-GB, and the review meeting.
    expect(flat).toContain('Attends the first two lessons with the resource teacher');
    expect(text).toMatch(/1 Attends\b[^\n]*5\sOct\s2026\s+16\sOct\s2026/);
    expect(flat).toContain(
      '1 Attends the first two lessons with the resource teacher 5 Oct 2026 16 Oct 2026 4 of 5 mornings Quiet room; taxi in the morning Pupil, Teacher Achieved',
    );
    expect(text).toMatch(/2 Attends\b[^\n]*19\sOct\s2026\s+6\sNov\s2026/);
    expect(flat).toContain('Parent drives; check-in with the school nurse Parent, Psychologist: Åsa Öberg In progress');
    expect(flat).toMatch(/Full school days by January, with the resource teacher’s support/);
    expect(text).toMatch(/Agreed return date\s+11 Jan 2027/);
    expect(flat).toContain('Zoë Łukasiewicz');
    expect(flat).toContain('Good start — “better than expected”.');
    // Attendance over the plan: 40 of 48 lessons; week 41: 22 of 30.
    expect(flat).toContain('From 5 Oct 2026 to 20 Nov 2026: 8 school days recorded, attendance 83.3% (problematic-absence threshold 10%).');
    expect(text).toMatch(/wk 41\/2026\s+5 Oct 2026 – 11 Oct 2026\s+5\s+30 lessons\s+22\s+73\.3%\s+1/);
    // Instruments: the not-validated notice and the rules marked as our decision.
    expect(flat).toContain('Not a validated instrument');
    expect(text).toContain('Our decision');

    const all = pages(made.bytes, made.pages);
    expect(made.pages).toBeGreaterThan(5);
    all.forEach((page, i) => {
      expect(page).toContain(`Polku · Report on case ${record.code}`);
      expect(page).toContain(`Made 20 Nov 2026 · case ${record.code}`);
      expect(page).toContain(`Page ${i + 1} of ${made.pages}`);
    });
  });

  test('Finnish: headings, decimal commas, dates and plan labels in Finnish', async () => {
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    const made = await make(db, record.id, 'fi');
    const text = pdfText(made.bytes);
    const flat = squash(pdfText(made.bytes, { layout: false }));
    expect(text).toContain(`Raportti, tapaus ${record.code}`);
    for (const heading of [
      'Kyselyt',
      'Tulokset kyselyittäin',
      'Vastaajien vertailu',
      'Muutos ajan myötä',
      'Laatu ja funktio',
      'Poissaolot',
      'Mihin ensisijainen funktio viittaa',
      'Asteittaisen paluun suunnitelma: Syksyn paluu',
      'Koulussa käynti',
      'Kyselyistä ja pisteytyssäännöistä',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/Koulun herättämien kielteisten\s+Negatiivinen vahvistaminen \(jostakin\s+5,00 5\/5/);
    // One word for "administered by"; the amount agrees with its number ("30 oppituntia", not "30 oppitunnit").
    expect(text).toMatch(/Tapa\s+Kyselyn antaja\n/);
    expect(text).toMatch(/vk 41\/2026\s+5\.10\.2026 – 11\.10\.2026\s+5\s+30 oppituntia\s+22\s+73,3 %\s+1/);
    // The interpretation of the newest function form (1.1.0): psychoeducation and a time-limited safe place.
    expect(flat).toContain('Psykoedukaatio oppilaalle ja vanhemmille: poissa pysyminen helpottaa hetkeksi mutta pitää ahdistusta yllä, ja jokainen paluun askel heikentää sitä');
    expect(flat).toContain('lyhyelle, ennalta rajatulle tauolle ahdistuksen kasvaessa, ja sovittu paluu luokkaan');
    expect(flat).toContain('(5,00)');
    expect(text).toMatch(/Sovittu paluupäivä\s+11\.1\.2027/);
    expect(text).toMatch(/1 Attends\b[^\n]*5\.10\.2026\s+16\.10\.2026/);
    expect(flat).toContain('Quiet room; taxi in the morning Oppilas, Opettaja Saavutettu');
    expect(flat).toContain('Huoltaja, Psykologi: Åsa Öberg Käynnissä');
    expect(flat).toContain('läsnäolo 83,3 %');
    pages(made.bytes, made.pages).forEach((page, i) => {
      expect(page).toContain(`Tehty 20.11.2026 · tapaus ${record.code}`);
      expect(page).toContain(`Sivu ${i + 1}/${made.pages}`);
    });
  });

  test('Swedish: headings, decimal commas, dates and plan labels in Swedish', async () => {
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    const made = await make(db, record.id, 'sv');
    const text = pdfText(made.bytes);
    const flat = squash(pdfText(made.bytes, { layout: false }));
    expect(text).toContain(`Rapport för ärende ${record.code}`);
    for (const heading of [
      'Formulär',
      'Resultat per formulär',
      'Jämförelse mellan informanter',
      'Förändring över tid',
      'Kvalitet och funktion',
      'Frånvaro',
      'Vad den primära funktionen tyder på',
      'Plan för gradvis återgång: Syksyn paluu',
      'Närvaro',
      'Om formulären och poängreglerna',
    ]) {
      expect(text).toContain(heading);
    }
    expect(flat).toContain('(5,00)');
    expect(text).toMatch(/Överenskommet datum för\s+11 jan\. 2027|Överenskommet datum för återgång\s+11 jan\. 2027/);
    expect(text).toMatch(/1 Attends\b[^\n]*5\sokt\.\s2026\s+16\sokt\.\s2026/);
    expect(flat).toContain('Quiet room; taxi in the morning Eleven, Lärare Uppnått');
    expect(flat).toContain('Vårdnadshavare, Psykolog: Åsa Öberg Pågår');
    expect(text).toMatch(/Undvika skolrelaterat obehag\s+Negativ förstärkning \(att komma undan något\s+5,00 5 av 5/);
    expect(text).toMatch(/Sätt\s+Genomfört av\n/);
    expect(text).toMatch(/v\. 41\/2026\s+5 okt\. 2026 – 11 okt\. 2026\s+5\s+30 lektioner\s+22\s+73,3 %\s+1/);
    expect(flat).toContain('med en överenskommen återgång till lektionen');
    pages(made.bytes, made.pages).forEach((page, i) => {
      expect(page).toContain(`Gjord 20 nov. 2026 · ärende ${record.code}`);
      expect(page).toContain(`Sida ${i + 1} av ${made.pages}`);
    });
  });

  test('page one is the case at a glance (the case page’s words), the combined profile and the next steps; details start on page two', async () => {
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    const made = await make(db, record.id, 'en');
    const [first = '', second = ''] = pages(made.bytes, 2).map(squash);
    expect(first).toContain('At a glance');
    // The example's driving profile: pupil, mother and father in November; escape 2.00 and avoidance 1.80 are within the 0.25 tie margin.
    expect(first).toContain(
      'Primary function Co-primary functions: escaping social or evaluative situations and avoiding school-related distress. Rests on 3 forms: pupil, mother and father, up to 13 Nov 2026.',
    );
    expect(first).toContain('Informants No two informants differ by 1.5 points or more on any function.');
    expect(first).toContain('Latest absence checklist, 12 Nov 2026: All absence: 2.5 of 20 school days (12.5%), at or above the threshold of 10%.');
    // The log's last day is 14 Oct, more than four weeks before the report (20 Nov).
    expect(first).toContain('Attendance No attendance recorded since 24 Oct 2026; the last recorded day is 14 Oct 2026.');
    expect(first).toContain('Active plan: Syksyn paluu. Current step: “Attends mornings until lunch”. Review overdue since 6 Nov 2026.');
    expect(first).toContain('Next steps Attends mornings until lunch (19 Oct 2026 to 6 Nov 2026, in progress).');
    expect(first).toMatch(/Combined profile of the informants .*Escaping social or evaluative 2\.00 situations/);
    expect(first).not.toContain('Questionnaires Date');
    expect(second).toMatch(/^Polku · Report on case \S+ Questionnaires Date/);
  });

  test('the name is printed only when asked for', async () => {
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    const without = pdfText((await make(db, record.id, 'en', { parts: ['caseDetails'] })).bytes);
    expect(without).not.toContain('Esimerkki Oppilas');
    const named = pdfText((await make(db, record.id, 'en', { parts: ['caseDetails'], includeName: true })).bytes);
    expect(named).toMatch(/Name\s+Esimerkki Oppilas/);
  });

  test('making a report changes nothing stored', async () => {
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    const before = await dumpDatabase(db);
    await make(db, record.id, 'sv', { includeName: true });
    expect(await dumpDatabase(db)).toEqual(before);
  });

  test('a table that runs over a page break repeats its header on the next page', async () => {
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    const first = (await db.administrations.where('caseId').equals(record.id).toArray()).find((a) => a.instrumentId === 'absence-checklist')!;
    // 60 more absence checklists, a week apart: the questionnaire table needs three pages.
    const extra: AdministrationRecord[] = Array.from({ length: 60 }, (_, i) => {
      const at = new Date(Date.UTC(2025, 0, 6 + 7 * i, 12)).toISOString();
      return { ...first, id: `extra-${i}`, startedAt: at, updatedAt: at, completedAt: at };
    });
    await db.administrations.bulkAdd(extra);
    const made = await make(db, record.id, 'en', { parts: ['administered'] });
    expect(made.pages).toBeGreaterThanOrEqual(3);
    const header = /Date\s+Questionnaire and version\s+Answered\s+Language\s+How\s+Administered/;
    const texts = pages(made.bytes, made.pages);
    const withTable = texts.filter((page) => /Absence checklist/.test(page));
    expect(withTable.length).toBeGreaterThanOrEqual(3);
    for (const page of withTable) expect(page).toMatch(header);
    // Every row printed once: 3 of the example case and the 60 added.
    expect(texts.join('\n').match(/Absence checklist: reasons for/g)).toHaveLength(63);
  });
});

describe('report model', () => {
  test('file names keep the case code safe for every file system', () => {
    expect(reportFileName('ABC-123', TODAY, 'sv')).toBe('polku-ABC-123-2026-11-20-sv.pdf');
    expect(reportFileName('Äiti / Ö 7', TODAY, 'fi')).toBe('polku-Aiti-O-7-2026-11-20-fi.pdf');
  });

  test('only the chosen parts and questionnaires are in the document', async () => {
    const db = testDatabase();
    const record = await exampleCaseWithPlan(db, shippedCatalog);
    const i18n = await setupI18n('en');
    const administrations = await db.administrations.toArray();
    const child = administrations.filter((a) => a.instrumentId === 'function-child');
    const document = buildReport(
      { caseRecord: record, administrations, definitions: shippedCatalog, plans: [], attendance: [], thresholdPercent: 10, comparisonMargin: 1.5, madeAt: TODAY },
      { language: 'en', includeName: false, parts: new Set<ReportPart>(['scores']), administrationIds: child.map((a) => a.id), planIds: [] },
      await reportTranslate(i18n, 'en'),
    );
    const headings = document.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(headings).toEqual([
      'Results per questionnaire',
      'Polku function questionnaire – child form — Pupil, 31 Jul 2026',
      'Polku function questionnaire – child form — Pupil, 25 Sept 2026',
      'Polku function questionnaire – child form — Pupil, 13 Nov 2026',
    ]);
    const tables = document.blocks.filter((b) => b.kind === 'table');
    // Latest child form: avoidance 2, 1, 2, 2, 1 → 1.60; escape 2, 3, 2, 2, 2 → 2.20 (primary).
    expect(tables[2]!.rows.map((r) => [r[0], r.at(-2)])).toEqual([
      ['Avoiding school-related distress', '1.60'],
      ['Escaping social or evaluative situations (primary)', '2.20'],
      ['Seeking attention from significant others', '0.60'],
      ['Pursuing rewards outside school', '0.20'],
    ]);
    expect(tables[2]!.emphasis).toEqual([false, true, false, false]);
  });

  test('a failure for want of memory is told apart from other failures', () => {
    expect(isOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isOutOfMemory(new Error('Out of memory'))).toBe(true);
    expect(isOutOfMemory(new Error('font missing'))).toBe(false);
  });
});
