import { testDatabase } from '../../tests/support/db';
import { shipped, shippedCatalog } from '../../tests/support/shipped';
import { completeAdministration, discardDraft, saveAnswer, startAdministration } from './administrations';
import { allAudit, auditOfCase } from './audit';
import { createCase, deleteCase, updateCase } from './cases';
import { importPack, setRetired } from './packs';
import { writeSetting } from './settings';

describe('audit trail', () => {
  it('records create, update, complete, delete, import and retire with the practitioner, never personal data', async () => {
    const db = testDatabase();
    await writeSetting(db, 'practitionerName', 'Psykologi P');
    const kase = await createCase(db, { code: 'SECRET-CODE', birthYear: 2012, displayName: 'Aino Secret', school: 'Secret School', notes: 'secret note' });
    await updateCase(db, kase.id, { code: 'SECRET-CODE', birthYear: 2011, displayName: 'Aino Secret' }, 0);
    const a = await startAdministration(db, { caseId: kase.id, definition: shipped('srasr-key-child@1.0.0'), informant: 'child', language: 'fi', mode: 'paper' });
    await saveAnswer(db, shipped('srasr-key-child@1.0.0'), a.id, { itemId: '1', value: 4 });
    await completeAdministration(db, a.id, { withMissing: true });
    const b = await startAdministration(db, { caseId: kase.id, definition: shipped('function-child@1.0.0'), informant: 'child', language: 'sv', mode: 'self-report' });
    await discardDraft(db, b.id);
    const pack = { ...shipped('srasr-key-child@1.0.0'), version: '2.0.0' };
    await importPack(db, { text: JSON.stringify(pack) }, shippedCatalog);
    await setRetired(db, 'srasr-key-child@2.0.0', true);

    const ofCase = (await auditOfCase(db, kase.id)).map((e) => `${e.action} ${e.target}`).reverse();
    expect(ofCase).toEqual(['create case', 'update case', 'create administration', 'complete administration', 'create administration', 'delete administration']);
    const everything = await allAudit(db);
    expect(everything.map((e) => e.action).reverse()).toEqual(['create', 'update', 'create', 'complete', 'create', 'delete', 'import', 'retire']);
    expect(everything.every((e) => e.practitioner === 'Psykologi P')).toBe(true);
    expect(everything.find((e) => e.action === 'complete')!.detail).toEqual({ instrument: 'srasr-key-child@1.0.0', withMissing: true });

    await deleteCase(db, kase.id);
    const afterErasure = JSON.stringify(await db.audit.toArray());
    for (const secret of ['SECRET-CODE', 'Aino', 'Secret School', 'secret note', '2011', '2012']) expect(afterErasure).not.toContain(secret);
    expect((await auditOfCase(db, kase.id))[0]).toMatchObject({ action: 'delete', target: 'case', detail: { questionnaires: 1 } });
    expect(await db.cases.count()).toBe(0);
    expect(await db.administrations.count()).toBe(0);
  });
});
