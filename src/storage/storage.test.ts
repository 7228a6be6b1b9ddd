import { testDatabase } from '../../tests/support/db';
import { shipped } from '../../tests/support/shipped';
import { contentHash } from '../instrument/hash';
import { completeAdministration, discardDraft, saveAnswer, saveAnswers, setPosition, startAdministration } from './administrations';
import { createCase, deleteCase, freshCaseCode, updateCase } from './cases';
import { generateCaseCode } from './case-code';
import { StorageError, toStorageError } from './errors';
import { hashPin, verifyPin } from './pin';
import { DEFAULT_SETTINGS, readSettings, writeSetting } from './settings';
import { asLocalDate } from '../plan/dates';

const pupil = { code: 'ABC-123', birthYear: 2013, birthMonth: 4, gender: 'girl' as const, school: 'Koulu', notes: 'x' };

describe('case codes', () => {
  it('uses six characters from an alphabet without look-alikes', () => {
    const code = generateCaseCode();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    // Bytes >= 248 are rejected so every letter is equally likely: 0 -> '2', 30 -> 'Z', 31 -> '2'.
    let call = 0;
    const bytes = [[255, 0, 30, 31, 248, 1, 2, 3], [4]];
    expect(generateCaseCode(() => new Uint8Array(bytes[call++] ?? [5, 5, 5, 5, 5, 5, 5, 5]))).toBe('2Z2-345');
  });
});

describe('cases', () => {
  it('creates, edits and clears optional fields, refusing a code that is taken', async () => {
    const db = testDatabase();
    const created = await createCase(db, pupil);
    expect(created).toMatchObject({ code: 'ABC-123', birthYear: 2013, birthMonth: 4, gender: 'girl', school: 'Koulu' });
    await expect(createCase(db, { ...pupil, displayName: 'Other' })).rejects.toMatchObject({ failure: 'conflict' });
    const edited = await updateCase(db, created.id, { code: 'ABC-124', birthYear: 2012 }, 0);
    expect(edited.school).toBeUndefined();
    expect(edited.gender).toBeUndefined();
    expect(await db.cases.get(created.id)).toEqual(edited);
    expect(await db.cases.count()).toBe(1);
    expect(await freshCaseCode(db)).not.toBe('ABC-124');
  });

  it('deleting a case deletes its administrations, plans, attendance and study IDs, and nothing else', async () => {
    const db = testDatabase();
    const a = await createCase(db, pupil);
    const b = await createCase(db, { ...pupil, code: 'XYZ-999' });
    const definition = shipped('srasr-key-child@1.0.0');
    await startAdministration(db, { caseId: a.id, definition, informant: 'child', language: 'fi', mode: 'paper' });
    const kept = await startAdministration(db, { caseId: b.id, definition, informant: 'child', language: 'sv', mode: 'paper' });
    const stamp = new Date().toISOString();
    const plan = (id: string, caseId: string) => ({
      id,
      caseId,
      title: 'Plan',
      goal: 'Goal',
      steps: [],
      contacts: [],
      reviews: [],
      revisions: [],
      createdAt: stamp,
      updatedAt: stamp,
    });
    const day = (id: string, caseId: string) => ({ id, caseId, date: asLocalDate('2026-11-02'), unit: 'lessons' as const, scheduled: 5, attended: 3, updatedAt: stamp });
    const study = (caseId: string, studyId: string) => ({ id: `p:${caseId}`, projectId: 'p', caseId, studyId, assignedAt: stamp });
    await db.plans.bulkAdd([plan('plan-a', a.id), plan('plan-b', b.id)]);
    await db.attendance.bulkAdd([day('day-a', a.id), day('day-b', b.id)]);
    await db.exportProjects.add({ id: 'p', name: 'Study', createdAt: stamp, updatedAt: stamp });
    await db.studyIds.bulkAdd([study(a.id, 'S-A'), study(b.id, 'S-B')]);
    await deleteCase(db, a.id);
    expect(await db.cases.toArray()).toEqual([expect.objectContaining({ id: b.id })]);
    expect((await db.administrations.toArray()).map((r) => r.id)).toEqual([kept.id]);
    expect((await db.plans.toArray()).map((r) => r.id)).toEqual(['plan-b']);
    expect((await db.attendance.toArray()).map((r) => r.id)).toEqual(['day-b']);
    expect((await db.studyIds.toArray()).map((r) => r.studyId)).toEqual(['S-B']);
    expect(await db.exportProjects.count()).toBe(1);
  });
});

describe('administrations', () => {
  it('records the instrument, version and content hash it was given with', async () => {
    const db = testDatabase();
    const kase = await createCase(db, pupil);
    const definition = shipped('function-child@1.0.0');
    const record = await startAdministration(db, { caseId: kase.id, definition, informant: 'child', language: 'sv', mode: 'self-report', administeredBy: ' Psykolog ' });
    expect(record).toMatchObject({
      instrumentId: 'function-child',
      instrumentVersion: '1.0.0',
      definitionHash: await contentHash(definition),
      informant: 'child',
      language: 'sv',
      status: 'draft',
      answers: {},
      position: 0,
      administeredBy: 'Psykolog',
    });
  });

  it('writes each answer at once, merges ratings, clears with null and keeps the resume point', async () => {
    const db = testDatabase();
    const kase = await createCase(db, pupil);
    const { id } = await startAdministration(db, { caseId: kase.id, definition: shipped('quality-function-child@1.0.0'), informant: 'child', language: 'fi', mode: 'self-report' });
    await saveAnswer(db, shipped('quality-function-child@1.0.0'), id, { itemId: 'dep1', ratingId: 'intensity', value: 3 }, 1);
    await saveAnswer(db, shipped('quality-function-child@1.0.0'), id, { itemId: 'dep1', ratingId: 'impact', value: 2 }, 2);
    await saveAnswer(db, shipped('quality-function-child@1.0.0'), id, { itemId: 'soc1', ratingId: 'intensity', value: 0 }, 3);
    await saveAnswer(db, shipped('quality-function-child@1.0.0'), id, { itemId: 'soc1', ratingId: 'intensity', value: null });
    // What a reopened draft reads back: every answer and the screen to resume at.
    const stored = await db.administrations.get(id);
    expect(stored).toMatchObject({ answers: { dep1: { intensity: 3, impact: 2 } }, position: 3 });
    expect((await db.cases.get(kase.id))!.lastActivityAt).toBe(stored!.updatedAt);
    await setPosition(db, id, 1);
    expect((await db.administrations.get(id))!.position).toBe(1);
  });

  it('clears a stored impact when the intensity is changed to 0, in the same write, whoever saves it', async () => {
    const db = testDatabase();
    const kase = await createCase(db, pupil);
    const definition = shipped('quality-function-child@1.0.0');
    const { id } = await startAdministration(db, { caseId: kase.id, definition, informant: 'child', language: 'fi', mode: 'paper' });
    await saveAnswer(db, definition, id, { itemId: 'dep1', ratingId: 'intensity', value: 3 });
    await saveAnswer(db, definition, id, { itemId: 'dep1', ratingId: 'impact', value: 2 });
    await saveAnswer(db, definition, id, { itemId: 'dep1', ratingId: 'intensity', value: 0 });
    expect((await db.administrations.get(id))!.answers).toEqual({ dep1: { intensity: 0 } });
    // Another definition than the record's is refused and nothing changes.
    await expect(saveAnswer(db, shipped('quality-function-parent@1.0.0'), id, { itemId: 'dep1', ratingId: 'intensity', value: 1 })).rejects.toMatchObject({ failure: 'conflict' });
    expect((await db.administrations.get(id))!.answers).toEqual({ dep1: { intensity: 0 } });
  });

  it('completes (also with missing answers on purpose) and then refuses changes', async () => {
    const db = testDatabase();
    const kase = await createCase(db, pupil);
    const { id } = await startAdministration(db, { caseId: kase.id, definition: shipped('srasr-key-child@1.0.0'), informant: 'child', language: 'fi', mode: 'paper' });
    await saveAnswers(db, id, { '1': 4, '2': null, '3': 0 });
    const done = await completeAdministration(db, id, { withMissing: true });
    expect(done).toMatchObject({ status: 'complete', completedWithMissing: true, answers: { '1': 4, '3': 0 } });
    expect(done.completedAt).toBeTypeOf('string');
    await expect(saveAnswer(db, shipped('srasr-key-child@1.0.0'), id, { itemId: '1', value: 5 })).rejects.toMatchObject({ failure: 'not-draft' });
    await expect(discardDraft(db, id)).rejects.toMatchObject({ failure: 'not-draft' });
    expect((await db.administrations.get(id))!.answers).toEqual({ '1': 4, '3': 0 });
  });

  it('a failed write leaves what was stored intact', async () => {
    const db = testDatabase();
    const kase = await createCase(db, pupil);
    const { id } = await startAdministration(db, { caseId: kase.id, definition: shipped('srasr-key-child@1.0.0'), informant: 'child', language: 'fi', mode: 'paper' });
    await saveAnswer(db, shipped('srasr-key-child@1.0.0'), id, { itemId: '1', value: 4 });
    // The disk fills up during the next answer: the transaction aborts as a whole.
    const original = db.cases.update.bind(db.cases);
    db.cases.update = (() => Promise.reject(Object.assign(new Error('abort'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } }))) as unknown as typeof db.cases.update;
    await expect(saveAnswer(db, shipped('srasr-key-child@1.0.0'), id, { itemId: '2', value: 5 })).rejects.toMatchObject({ failure: 'quota' });
    db.cases.update = original;
    expect((await db.administrations.get(id))!.answers).toEqual({ '1': 4 });
  });
});

describe('storage errors', () => {
  it('recognises a full disk, also when wrapped in an AbortError', () => {
    expect(toStorageError({ name: 'QuotaExceededError' }).failure).toBe('quota');
    expect(toStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }).failure).toBe('quota');
    expect(toStorageError({ name: 'DatabaseClosedError' }).failure).toBe('unavailable');
    expect(toStorageError(new StorageError('not-found')).failure).toBe('not-found');
  });
});

describe('settings and PIN', () => {
  it('returns defaults, stores values, and ignores a stored value of the wrong shape', async () => {
    const db = testDatabase();
    expect(await readSettings(db)).toEqual(DEFAULT_SETTINGS);
    await writeSetting(db, 'answerLanguage', 'sv');
    await writeSetting(db, 'thresholdPreset', 'sweden');
    await db.settings.put({ key: 'customThresholdPercent', value: 'lots' });
    expect(await readSettings(db)).toMatchObject({ answerLanguage: 'sv', thresholdPreset: 'sweden', customThresholdPercent: 10 });
    await writeSetting(db, 'answerLanguage', undefined);
    expect((await readSettings(db)).answerLanguage).toBe('fi');
  });

  it('stores only a salted hash of the PIN and verifies it', async () => {
    const record = await hashPin('2468', 1000);
    expect(JSON.stringify(record)).not.toContain('2468');
    expect(await verifyPin('2468', record)).toBe(true);
    expect(await verifyPin('2469', record)).toBe(false);
    expect((await hashPin('2468', 1000)).salt).not.toBe(record.salt);
  });
});
