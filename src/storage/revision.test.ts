/**
 * Optimistic concurrency: two tabs share one database. Each "tab" here is a form that loaded a
 * record at some revision; a save from an older revision is refused as `stale` and changes nothing.
 */
import { KeySession } from './crypto/keys';
import { CIPHER_SUITE } from './crypto/suite';
import { testDatabase } from '../../tests/support/db';
import { shipped } from '../../tests/support/shipped';
import { applyUnsavedAnswers, flushDraft, saveAnswer, startAdministration } from './administrations';
import type { AttendanceDayValues, PlanFormValues } from '../plan/schema';
import { asLocalDate } from '../plan/dates';
import { attendanceOfCase, saveAttendanceWeek, weekRevs, type WeekBase } from './attendance';
import { createCase, deleteCase, updateCase } from './cases';
import { createPlan, deletePlan, updatePlan } from './plans';
import { createProject, renameProject } from './research';
import { readSettingRevs, readSettings, writeSetting } from './settings';

const blank = (date: string): AttendanceDayValues => ({ date: asLocalDate(date), scheduled: '', attended: '', morning: '', school: '', evening: '', note: '' });
const DATES = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map(asLocalDate);
const emptyWeek = () => ({ unit: 'lessons' as const, days: DATES.map(blank) });
const emptyBase = (): WeekBase => ({ values: emptyWeek(), revs: weekRevs([], DATES) });

const plan = (): PlanFormValues => ({
  title: 'Return plan',
  goal: 'Full school days',
  returnDate: '',
  steps: [],
  contacts: [],
  reviews: [],
});

describe('revisions', () => {
  it('a case edit from an older revision is refused and the newer edit stays', async () => {
    const db = testDatabase();
    const created = await createCase(db, { code: 'REV-001', birthYear: 2013 });
    expect(created.rev).toBeUndefined();
    // Tabs A and B both open the edit form at revision 0; A saves first.
    const a = await updateCase(db, created.id, { code: 'REV-001', birthYear: 2013, notes: 'Notes from A' }, 0);
    expect(a.rev).toBe(1);
    await expect(updateCase(db, created.id, { code: 'REV-001', birthYear: 2013, notes: 'Notes from B' }, 0)).rejects.toMatchObject({ failure: 'stale', detail: created.id });
    expect((await db.cases.get(created.id))!.notes).toBe('Notes from A');
    // B reloads (revision 1) and saves.
    const b = await updateCase(db, created.id, { code: 'REV-001', birthYear: 2013, notes: 'Notes from B' }, 1);
    expect(b).toMatchObject({ notes: 'Notes from B', rev: 2 });
    expect((await db.audit.toArray()).filter((e) => e.action === 'update')).toHaveLength(2);
  });

  it('a plan save from an older revision keeps the steps, contacts and meetings another tab saved', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'REV-002', birthYear: 2013 });
    const created = await createPlan(db, kase.id, plan());
    const withSteps: PlanFormValues = {
      ...plan(),
      steps: [
        {
          id: 's1',
          action: 'First two lessons',
          startDate: '2026-03-02',
          reviewDate: '2026-03-13',
          successCriterion: '',
          supports: '',
          responsible: ['pupil'],
          responsibleNote: '',
          status: 'planned',
        },
      ],
      contacts: [{ id: 'c1', name: 'Class teacher', role: 'Teacher', reach: '' }],
      reviews: [{ id: 'r1', date: '2026-03-13', notes: 'Went well' }],
    };
    await updatePlan(db, created.id, withSteps, 0);
    await expect(updatePlan(db, created.id, { ...plan(), goal: 'Mornings first' }, 0)).rejects.toMatchObject({ failure: 'stale' });
    await expect(deletePlan(db, created.id, 0)).rejects.toMatchObject({ failure: 'stale' });
    const stored = (await db.plans.get(created.id))!;
    expect(stored).toMatchObject({
      goal: 'Full school days',
      rev: 1,
      contacts: [{ id: 'c1', name: 'Class teacher', role: 'Teacher' }],
      reviews: [{ id: 'r1', date: '2026-03-13', notes: 'Went well' }],
    });
    expect(stored.steps.map((s) => s.action)).toEqual(['First two lessons']);
    await deletePlan(db, created.id, 1);
    expect(await db.plans.count()).toBe(0);
  });

  it('an attendance week never removes a day another tab saved; a day both changed is refused', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'REV-003', birthYear: 2013 });
    // Both tabs open the empty week. A enters Monday.
    const monday = emptyWeek();
    monday.days[0] = { ...blank(DATES[0]!), scheduled: '6', attended: '6' };
    await saveAttendanceWeek(db, kase.id, monday, emptyBase());
    // B, opened before, enters Tuesday: Monday stays.
    const tuesday = emptyWeek();
    tuesday.days[1] = { ...blank(DATES[1]!), scheduled: '6', attended: '2' };
    expect(await saveAttendanceWeek(db, kase.id, tuesday, emptyBase())).toEqual({
      days: 1,
      removed: 0,
      revs: { '2026-03-02': 1, '2026-03-03': 1, '2026-03-04': null, '2026-03-05': null, '2026-03-06': null },
    });
    expect((await attendanceOfCase(db, kase.id)).map((r) => [r.date, r.scheduled, r.attended, r.rev])).toEqual([
      ['2026-03-02', 6, 6, 1],
      ['2026-03-03', 6, 2, 1],
    ]);
    // B, still on its old copy, also types Monday: refused, naming the day; nothing changes.
    const both = emptyWeek();
    both.days[0] = { ...blank(DATES[0]!), scheduled: '6', attended: '3' };
    await expect(saveAttendanceWeek(db, kase.id, both, emptyBase())).rejects.toMatchObject({ failure: 'stale', detail: '2026-03-02' });
    // A tab that loaded Monday at rev 1 and emptied it, after another tab changed it to rev 2: refused.
    const loaded = {
      values: { ...emptyWeek(), days: [{ ...blank(DATES[0]!), scheduled: '6', attended: '6' }, ...DATES.slice(1).map(blank)] },
      revs: { ...weekRevs([], DATES), [DATES[0]!]: 1 },
    };
    await saveAttendanceWeek(db, kase.id, { ...emptyWeek(), days: [{ ...blank(DATES[0]!), scheduled: '5', attended: '5' }, ...DATES.slice(1).map(blank)] }, loaded);
    await expect(saveAttendanceWeek(db, kase.id, emptyWeek(), loaded)).rejects.toMatchObject({ failure: 'stale', detail: '2026-03-02' });
    expect((await attendanceOfCase(db, kase.id)).map((r) => [r.date, r.attended, r.rev])).toEqual([
      ['2026-03-02', 5, 2],
      ['2026-03-03', 2, 1],
    ]);
  });

  it('settings written from a form check the revision they were loaded with', async () => {
    const db = testDatabase();
    expect(await readSettingRevs(db)).toEqual({});
    await writeSetting(db, 'practitionerName', 'Psykologi A', 0);
    expect(await readSettingRevs(db)).toEqual({ practitionerName: 1 });
    await expect(writeSetting(db, 'practitionerName', 'Psykologi B', 0)).rejects.toMatchObject({ failure: 'stale', detail: 'practitionerName' });
    expect((await readSettings(db)).practitionerName).toBe('Psykologi A');
    // The app's own device state (the lock flag) is written without a revision check, and still counts.
    await writeSetting(db, 'locked', true);
    await writeSetting(db, 'locked', false);
    expect(await db.settings.get('locked')).toEqual({ key: 'locked', value: false, rev: 2 });
  });

  it('renaming a research project from an older revision is refused', async () => {
    const db = testDatabase();
    const project = await createProject(db, 'Study A');
    expect((await renameProject(db, project.id, 'Study B', 0)).rev).toBe(1);
    await expect(renameProject(db, project.id, 'Study C', 0)).rejects.toMatchObject({ failure: 'stale' });
    expect((await db.exportProjects.get(project.id))!.name).toBe('Study B');
  });

  it('an answer saved in another tab does not make the case form stale', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'REV-004', birthYear: 2013 });
    const p = await createPlan(db, kase.id, plan());
    await updatePlan(db, p.id, { ...plan(), goal: 'Changed' }, 0); // touches the case's activity stamp
    expect((await db.cases.get(kase.id))!.rev).toBeUndefined();
    await updateCase(db, kase.id, { code: 'REV-004', birthYear: 2014 }, 0);
    await deleteCase(db, kase.id);
    expect(await db.cases.count()).toBe(0);
  });
});

describe('answers of a closing page', () => {
  /** A Map-backed localStorage for Node. */
  function fakeLocalStorage(): Storage {
    const map = new Map<string, string>();
    return {
      get length() {
        return map.size;
      },
      key: (i: number) => [...map.keys()][i] ?? null,
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
      clear: () => map.clear(),
    };
  }
  beforeEach(() => {
    vi.stubGlobal('localStorage', fakeLocalStorage());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('are put at once and kept in localStorage, stored on the next start unless changed later', async () => {
    const db = testDatabase();
    const kase = await createCase(db, { code: 'FLUSH-1', birthYear: 2013 });
    const checklist = shipped('absence-checklist@1.0.0');
    const draft = await startAdministration(db, { caseId: kase.id, definition: checklist, informant: 'practitioner', language: 'fi', mode: 'interview' });
    await saveAnswer(db, checklist, draft.id, { itemId: 'period', value: 3 });
    const held = (await db.administrations.get(draft.id))!;
    flushDraft(db, checklist, held, [{ itemId: 'period', value: 37 }]);
    expect((await db.administrations.get(draft.id))!.answers).toEqual({ period: 37 });
    // The put did not happen (the page closed first): the copy in localStorage is stored on the next start.
    await db.administrations.put(held);
    expect(await applyUnsavedAnswers(db)).toBe(1);
    expect((await db.administrations.get(draft.id))!.answers).toEqual({ period: 37 });
    expect(localStorage.length).toBe(0);

    // Answered again in another tab after the page closed: the left-over answer is dropped.
    flushDraft(db, checklist, (await db.administrations.get(draft.id))!, [{ itemId: 'period', value: 40 }]);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await saveAnswer(db, checklist, draft.id, { itemId: 'period', value: 41 });
    expect(await applyUnsavedAnswers(db)).toBe(0);
    expect((await db.administrations.get(draft.id))!.answers).toEqual({ period: 41 });
    expect(localStorage.length).toBe(0);
  });
  it('are kept sealed: no answer in localStorage, nothing kept while locked, applied only after the unlock', async () => {
    const dataKey = crypto.getRandomValues(new Uint8Array(32));
    const session = new KeySession();
    session.open(dataKey, CIPHER_SUITE);
    const db = testDatabase({ session });
    const kase = await createCase(db, { code: 'FLUSH-2', birthYear: 2013 });
    const checklist = shipped('absence-checklist@1.0.0');
    const draft = await startAdministration(db, { caseId: kase.id, definition: checklist, informant: 'practitioner', language: 'fi', mode: 'interview' });
    const held = (await db.administrations.get(draft.id))!;
    flushDraft(db, checklist, held, [{ itemId: 'period', value: 37 }]);
    const key = `polku:unsaved-answers:${draft.id}`;
    const kept = localStorage.getItem(key);
    expect(kept).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(kept).not.toContain('period');
    // The put did not happen (the page closed first).
    await db.administrations.put(held);

    // The next start has no key yet: the entry waits, untouched; locked, a closing page keeps nothing new.
    session.drop();
    expect(await applyUnsavedAnswers(db)).toBe(0);
    flushDraft(db, checklist, held, [{ itemId: 'period', value: 38 }]);
    expect(localStorage.length).toBe(1);
    expect(localStorage.getItem(key)).toBe(kept);

    // Unlocked (the same key): stored and forgotten.
    session.open(dataKey, CIPHER_SUITE);
    expect(await applyUnsavedAnswers(db)).toBe(1);
    expect((await db.administrations.get(draft.id))!.answers).toEqual({ period: 37 });
    expect(localStorage.length).toBe(0);
  });
});
