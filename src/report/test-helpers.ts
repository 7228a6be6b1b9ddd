/** Helpers for the report tests: reading a PDF back with poppler's pdftotext, and a case with a plan. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PolkuDatabase } from '../storage/db';
import type { Catalog } from '../instrument/catalog';
import { loadExampleCase } from '../storage/example-case';
import type { CaseRecord, PlanRecord } from '../storage/records';
import { asLocalDate } from '../plan/dates';

const dir = mkdtempSync(join(tmpdir(), 'polku-report-'));
let counter = 0;

/**
 * The PDF's text as pdftotext extracts it: `-layout` keeps a table row on one line; without it,
 * `-raw` keeps the order things were drawn in (a table cell's lines together). Pages are 1-based.
 */
export function pdfText(bytes: Uint8Array, { layout = true, page }: { layout?: boolean; page?: number } = {}): string {
  counter += 1;
  const file = join(dir, `report-${counter}.pdf`);
  writeFileSync(file, bytes);
  const args = [layout ? '-layout' : '-raw', ...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' });
}

export const TODAY = new Date('2026-11-20T12:00:00Z');

export const PLAN_ID = 'plan-autumn';

/** The example case (fixed date) with, instead of its own, a plan of two steps and eight school days of attendance. */
export async function exampleCaseWithPlan(db: PolkuDatabase, catalog: Catalog): Promise<CaseRecord> {
  const record = await loadExampleCase(db, catalog, TODAY);
  // The example's own plan and log move with the date; this one is fixed, so its values are exact.
  await db.plans.where('caseId').equals(record.id).delete();
  await db.attendance.where('caseId').equals(record.id).delete();
  const plan: PlanRecord = {
    id: PLAN_ID,
    caseId: record.id,
    title: 'Syksyn paluu',
    goal: 'Full school days by January, with the resource teacher’s support',
    returnDate: asLocalDate('2027-01-11'),
    steps: [
      {
        id: 's1',
        action: 'Attends the first two lessons with the resource teacher',
        startDate: asLocalDate('2026-10-05'),
        reviewDate: asLocalDate('2026-10-16'),
        successCriterion: '4 of 5 mornings',
        supports: 'Quiet room; taxi in the morning',
        responsible: ['pupil', 'teacher'],
        status: 'achieved',
      },
      {
        id: 's2',
        action: 'Attends mornings until lunch',
        startDate: asLocalDate('2026-10-19'),
        reviewDate: asLocalDate('2026-11-06'),
        successCriterion: 'Distress ≤ 5 in the morning',
        supports: 'Parent drives; check-in with the school nurse',
        responsible: ['parent', 'psychologist'],
        responsibleNote: 'Åsa Öberg',
        status: 'in-progress',
      },
    ],
    contacts: [{ id: 'c1', name: 'Zoë Łukasiewicz', role: 'Resource teacher', reach: '040 123 4567' }],
    reviews: [{ id: 'r1', date: asLocalDate('2026-10-16'), notes: 'Good start — “better than expected”.' }],
    revisions: [],
    createdAt: '2026-10-01T10:00:00Z',
    updatedAt: '2026-11-02T10:00:00Z',
  };
  await db.plans.add(plan);
  // Week 41: 5 days, 6 lessons each, 2 attended on Monday and Thursday (22 of 30); week 42: 3 days all attended.
  const days: [string, number][] = [
    ['2026-10-05', 2],
    ['2026-10-06', 6],
    ['2026-10-07', 6],
    ['2026-10-08', 2],
    ['2026-10-09', 6],
    ['2026-10-12', 6],
    ['2026-10-13', 6],
    ['2026-10-14', 6],
  ];
  await db.attendance.bulkAdd(
    days.map(([date, attended], i) => ({
      id: `day-${i}`,
      caseId: record.id,
      date: asLocalDate(date),
      unit: 'lessons' as const,
      scheduled: 6,
      attended,
      updatedAt: '2026-10-15T10:00:00Z',
    })),
  );
  return record;
}

/** Every table of the database, for "nothing changed" checks. */
export async function dumpDatabase(db: PolkuDatabase): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of db.tables) dump[table.name] = await table.toArray();
  return dump;
}
