/** The report's interpretation part reads the case's driving profile (src/charts/driving.ts). */
import { setupI18n } from '../ui/i18n';
import { reportTranslate } from '../ui/report/report-texts';
import { administration } from '../charts/test-helpers';
import { shippedCatalog } from '../../tests/support/shipped';
import type { AdministrationRecord, CaseRecord } from '../storage/records';
import type { Block } from './document';
import { buildReport, type ReportPart } from './model';

const caseRecord: CaseRecord = {
  id: 'c1',
  code: 'K-1',
  birthYear: 2014,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastActivityAt: '2026-01-01T00:00:00Z',
};

function record(a: ReturnType<typeof administration>): AdministrationRecord {
  return { ...a, caseId: 'c1', definitionHash: 'sha256:x', language: 'en', mode: 'paper', position: 0, informant: a.informant as AdministrationRecord['informant'] };
}

async function interpretationPart(administrations: AdministrationRecord[], profileChoice?: string): Promise<Block[]> {
  const t = await reportTranslate(await setupI18n('en'), 'en');
  const parts = new Set<ReportPart>(['interpretations']);
  const doc = buildReport(
    {
      caseRecord: profileChoice ? { ...caseRecord, profileChoice } : caseRecord,
      administrations,
      definitions: shippedCatalog,
      plans: [],
      attendance: [],
      thresholdPercent: 10,
      comparisonMargin: 1.5,
      madeAt: new Date('2026-02-01T00:00:00Z'),
    },
    { language: 'en', includeName: false, parts, administrationIds: administrations.map((a) => a.id), planIds: [] },
    t,
  );
  const start = doc.blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  return doc.blocks.slice(start);
}

const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'list' ? b.items : 'text' in b ? [b.text] : []));

describe('the report’s “what the primary function suggests”', () => {
  const forms = () => [
    administration('function-child@1.0.0', 'child', { avoidance: [4, 4, 4, 4, 4], escape: [2, 2, 2, 2, 2], attention: [1, 1, 1, 1, 1], tangible: [0, 0, 0, 0, 0] }, 0),
    administration('function-parent@1.0.0', 'mother', { avoidance: [5, 5, 5, 5, 5], escape: [1, 1, 1, 1, 1], attention: [2, 2, 2, 2, 2], tangible: [0, 0, 0, 0, 0] }, 1),
    administration('function-parent@1.0.0', 'father', { avoidance: [3, 3, 3, 3, 3], escape: [1, 1, 1, 1, 1], attention: [2, 2, 2, 2, 2], tangible: [0, 0, 0, 0, 0] }, 2),
  ];
  const zeroKey = () =>
    administration('srasr-key-child@1.0.0', 'child', { avoidance: [0, 0, 0, 0, 0, 0], escape: [0, 0, 0, 0, 0, 0], attention: [0, 0, 0, 0, 0, 0], tangible: [0, 0, 0, 0, 0, 0] }, 3);

  it('rests on the three informants’ function forms, not on a later typed key, says which forms, and says not validated inside the part', async () => {
    const blocks = await interpretationPart([...forms(), zeroKey()].map(record));
    const lines = texts(blocks);
    expect(lines.slice(0, 7)).toEqual([
      'What the primary function suggests',
      "The primary function is read from the most recent time point's combined profile, which rests on these 3 forms:",
      `${shippedCatalog.find('function-child@1.0.0')!.title.en} 1.0.0: pupil, 5 Jan 2026`,
      `${shippedCatalog.find('function-parent@1.0.0')!.title.en} 1.0.0: mother, 6 Jan 2026`,
      `${shippedCatalog.find('function-parent@1.0.0')!.title.en} 1.0.0: father, 7 Jan 2026`,
      `Primary function: ${shippedCatalog.find('function-child@1.0.0')!.scales[0]!.label.en.replace(/^./, (c) => c.toLowerCase())}.`,
      lines[6],
    ]);
    expect(blocks[2]).toMatchObject({ kind: 'paragraph', tone: 'warning' });
    expect(lines[6]).toMatch(/^Not a validated instrument/);
    expect(blocks.some((b) => b.kind === 'heading' && b.level === 2)).toBe(true);
  });

  it('an all-zero key chosen by the clinician: no function stands out, and no interpretation or suggestion', async () => {
    const list = [...forms(), zeroKey()].map(record);
    const blocks = await interpretationPart(list, `srasr:${list[3]!.id}`);
    expect(texts(blocks)).toEqual([
      'What the primary function suggests',
      'The primary function is read from the profile chosen for this case, which rests on this form:',
      `${shippedCatalog.find('srasr-key-child@1.0.0')!.title.en} 1.0.0: pupil, 8 Jan 2026`,
      'No function stands out: the highest score is below 1, so no primary function is named.',
    ]);
    expect(blocks.some((b) => b.kind === 'heading' && b.level === 2)).toBe(false);
  });
});

describe('the informant comparison in the PDF', () => {
  it('draws each informant as the screen does, and keeps ● and ! to their value with a no-break space', async () => {
    const t = await reportTranslate(await setupI18n('en'), 'en');
    // Mother 5 and father 3 on avoidance: 2 points apart, flagged at 1.5; avoidance is the combined primary.
    const list = [
      administration('function-child@1.1.0', 'child', { avoidance: [4, 4, 4, 4, 4], escape: [2, 2, 2, 2, 2], attention: [1, 1, 1, 1, 1], tangible: [0, 0, 0, 0, 0] }, 0),
      administration('function-parent@1.1.0', 'mother', { avoidance: [5, 5, 5, 5, 5], escape: [1, 1, 1, 1, 1], attention: [2, 2, 2, 2, 2], tangible: [0, 0, 0, 0, 0] }, 1),
      administration('function-parent@1.1.0', 'father', { avoidance: [3, 3, 3, 3, 3], escape: [1, 1, 1, 1, 1], attention: [2, 2, 2, 2, 2], tangible: [0, 0, 0, 0, 0] }, 2),
    ].map(record);
    const doc = buildReport(
      {
        caseRecord,
        administrations: list,
        definitions: shippedCatalog,
        plans: [],
        attendance: [],
        thresholdPercent: 10,
        comparisonMargin: 1.5,
        madeAt: new Date('2026-02-01T00:00:00Z'),
      },
      { language: 'en', includeName: false, parts: new Set<ReportPart>(['comparison']), administrationIds: list.map((a) => a.id), planIds: [] },
      t,
    );
    const chart = doc.blocks.find((b) => b.kind === 'bar-chart')!;
    expect(chart.kind === 'bar-chart' && chart.categories.filter((c) => c.flagged).map((c) => c.label)).toEqual(['Avoiding school-related distress\u00a0!']);
    // Each informant keeps the screen's colour and fill pattern (src/charts/palette.ts): the combined profile is black cross-hatching on paper too.
    expect(chart.kind === 'bar-chart' && chart.series.map((series) => [series.label, series.style?.color, series.style?.pattern])).toEqual([
      ['Pupil', '#0072B2', 'solid'],
      ['Mother', '#D55E00', 'diagonal'],
      ['Father', '#009E73', 'dots'],
      ['Combined', '#000000', 'crosshatch'],
    ]);
    const table = doc.blocks.find((b) => b.kind === 'table')!;
    const marked = table.kind === 'table' ? table.rows.flat().filter((cell) => cell.includes('●')) : [];
    // Avoidance: child 4.00, mother 5.00 and father 3.00 are the informants' own primaries; combined 4.00.
    expect(marked).toEqual(['4.00\u00a0●', '5.00\u00a0●', '3.00\u00a0●', '4.00\u00a0●']);
  });
});
