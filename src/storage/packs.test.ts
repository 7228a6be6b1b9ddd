import { testDatabase } from '../../tests/support/db';
import { miniDefinition } from '../../tests/support/mini-definition';
import { shipped, shippedCatalog } from '../../tests/support/shipped';
import { Catalog } from '../instrument/catalog';
import { contentHash } from '../instrument/hash';
import { PACK_LIMITS, type InstrumentDefinition } from '../instrument/schema';
import { formatPath, interpolate } from '../instrument/validate';
import en from '../../locales/en/validation.json';
import { discardDraft, startAdministration } from './administrations';
import { createCase } from './cases';
import type { PolkuDatabase } from './db';
import { deletePack, importPack, packUsage, setRetired } from './packs';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The catalog the app would show: shipped definitions plus what this database holds. */
async function catalogOf(db: PolkuDatabase): Promise<Catalog> {
  const packs = await db.instrumentPacks.toArray();
  const statuses = await db.instrumentStatus.toArray();
  return new Catalog([...shippedCatalog.all(), ...packs.map((p) => p.definition)], {
    imported: new Set(packs.map((p) => p.ref)),
    retired: new Set(statuses.filter((s) => s.retired).map((s) => s.ref)),
  });
}

describe('importing an instrument pack', () => {
  it('stores a valid pack with its hash, file name and the missing translations as warnings', async () => {
    const db = testDatabase();
    const pack = miniDefinition();
    delete pack.title.sv;
    delete pack.items[0].text.fi;
    const result = await importPack(db, { text: json(pack), fileName: 'mini.json' }, shippedCatalog);
    if (!result.ok) throw new Error(`not imported: ${JSON.stringify(result)}`);
    expect(result.definition.id).toBe('mini');
    expect(result.warnings.map((w) => [w.code, formatPath(w.path)])).toEqual([
      ['translation.missing', '$.title.sv'],
      ['translation.missing', '$.items[0].text.fi'],
    ]);
    const stored = await db.instrumentPacks.toArray();
    expect(stored).toEqual([
      {
        ref: 'mini@1.0.0',
        id: 'mini',
        version: '1.0.0',
        definition: result.definition,
        hash: await contentHash(result.definition),
        fileName: 'mini.json',
        importedAt: expect.any(String),
      },
    ]);
    const catalog = await catalogOf(db);
    expect(catalog.sourceOf(result.definition)).toBe('imported');
    expect(catalog.find('mini')?.title.en).toBe('Mini');
  });

  it('refuses a broken pack with every problem and its exact path, storing nothing', async () => {
    const db = testDatabase();
    const pack = miniDefinition();
    pack.scales[0].items = ['a', 'b', 'missing'];
    pack.items[1].responseScale = 'nope';
    const result = await importPack(db, { text: json(pack), fileName: 'broken.json' }, shippedCatalog);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'invalid') throw new Error(`unexpected ${JSON.stringify(result)}`);
    expect(result.problems.map((p) => [formatPath(p.path), p.code, p.params])).toEqual([
      ['$.items[1].responseScale', 'ref.responseScale', { id: 'nope' }],
      ['$.scales[0].items[2]', 'ref.item', { id: 'missing' }],
    ]);
    expect(await db.instrumentPacks.count()).toBe(0);
  });

  it('refuses malformed JSON and another format version with one clear problem each', async () => {
    const db = testDatabase();
    const malformed = await importPack(db, { text: '{"format": "polku-instrument/1", ' }, shippedCatalog);
    expect(malformed).toMatchObject({ ok: false, reason: 'invalid', problems: [{ code: 'json.malformed', path: [] }] });

    const future = await importPack(db, { text: json({ ...miniDefinition(), format: 'polku-instrument/2' }) }, shippedCatalog);
    expect(future).toEqual({
      ok: false,
      reason: 'invalid',
      problems: [{ code: 'format.unsupported', path: ['format'], params: { found: 'polku-instrument/2', expected: 'polku-instrument/1', version: 1 } }],
    });
    expect(await db.instrumentPacks.count()).toBe(0);
  });

  it('refuses the same id@version with different content, imported or shipped', async () => {
    const db = testDatabase();
    expect((await importPack(db, { text: json(miniDefinition()) }, shippedCatalog)).ok).toBe(true);
    const original = (await db.instrumentPacks.get('mini@1.0.0'))!;

    const changed = miniDefinition();
    changed.items[0].text.en = 'Item a, changed';
    expect(await importPack(db, { text: json(changed) }, await catalogOf(db))).toEqual({ ok: false, reason: 'version-conflict', ref: 'mini@1.0.0', source: 'imported' });
    expect(await db.instrumentPacks.toArray()).toEqual([original]);

    const shippedChanged = structuredClone(shipped('function-child@1.0.0')) as InstrumentDefinition;
    shippedChanged.items[0]!.text!.en = 'Something else';
    expect(await importPack(db, { text: json(shippedChanged) }, await catalogOf(db))).toEqual({
      ok: false,
      reason: 'version-conflict',
      ref: 'function-child@1.0.0',
      source: 'shipped',
    });

    // A changed instrument with a new version number is a new version, next to the old one.
    const next = await importPack(db, { text: json({ ...changed, version: '1.1.0' }) }, await catalogOf(db));
    expect(next.ok).toBe(true);
    expect((await db.instrumentPacks.toArray()).map((p) => p.ref).sort()).toEqual(['mini@1.0.0', 'mini@1.1.0']);
  });

  it('reports an identical re-import as already installed and changes nothing', async () => {
    const db = testDatabase();
    await importPack(db, { text: json(miniDefinition()), fileName: 'first.json' }, shippedCatalog);
    const before = await db.instrumentPacks.toArray();
    // Key order and whitespace do not matter: the content hash is of canonical JSON.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(miniDefinition()).reverse()));
    expect(await importPack(db, { text: reordered, fileName: 'second.json' }, await catalogOf(db))).toMatchObject({
      ok: false,
      reason: 'already-installed',
      ref: 'mini@1.0.0',
      source: 'imported',
    });
    expect(await db.instrumentPacks.toArray()).toEqual(before);

    expect(await importPack(db, { text: json(shipped('srasr-key-child@1.0.0')) }, await catalogOf(db))).toMatchObject({
      ok: false,
      reason: 'already-installed',
      source: 'shipped',
    });
    expect(await db.instrumentPacks.count()).toBe(1);
  });
});

describe('retiring a version', () => {
  it('retires and reinstates: a retired version starts nothing new but is still found exactly', async () => {
    const db = testDatabase();
    await importPack(db, { text: json(miniDefinition()) }, shippedCatalog);
    await importPack(db, { text: json({ ...miniDefinition(), version: '1.1.0' }) }, await catalogOf(db));
    expect((await catalogOf(db)).find('mini')?.version).toBe('1.1.0');

    await setRetired(db, 'mini@1.1.0', true);
    expect(await db.instrumentStatus.get('mini@1.1.0')).toEqual({ ref: 'mini@1.1.0', retired: true, changedAt: expect.any(String) });
    let catalog = await catalogOf(db);
    expect(catalog.find('mini')?.version).toBe('1.0.0');
    expect(catalog.find('mini@1.1.0')?.version).toBe('1.1.0');
    expect(catalog.startable().find((d) => d.id === 'mini')?.version).toBe('1.0.0');

    // Both shipped versions retired: the instrument starts nothing new, but each version is still found.
    await setRetired(db, 'function-child@1.1.0', true);
    catalog = await catalogOf(db);
    expect(catalog.startable().find((d) => d.id === 'function-child')?.version).toBe('1.0.0');
    await setRetired(db, 'function-child@1.0.0', true);
    catalog = await catalogOf(db);
    expect(catalog.startable().map((d) => d.id)).not.toContain('function-child');
    expect(catalog.find('function-child@1.0.0')).toBeDefined();
    expect(catalog.find('function-child@1.1.0')).toBeDefined();

    await setRetired(db, 'mini@1.1.0', false);
    await setRetired(db, 'function-child@1.0.0', false);
    await setRetired(db, 'function-child@1.1.0', false);
    catalog = await catalogOf(db);
    expect(catalog.find('mini')?.version).toBe('1.1.0');
    expect(catalog.startable().map((d) => d.id)).toContain('function-child');
  });
});

describe('deleting an imported pack', () => {
  it('is refused while an administration uses it, and allowed once none does', async () => {
    const db = testDatabase();
    const imported = await importPack(db, { text: json(miniDefinition()) }, shippedCatalog);
    if (!imported.ok) throw new Error('not imported');
    await setRetired(db, 'mini@1.0.0', true);
    const kase = await createCase(db, { code: 'ABC-123', birthYear: 2013 });
    const administration = await startAdministration(db, { caseId: kase.id, definition: imported.definition, informant: 'child', language: 'fi', mode: 'paper' });

    expect(await packUsage(db, 'mini', '1.0.0')).toBe(1);
    expect(await deletePack(db, 'mini@1.0.0')).toEqual({ ok: false, reason: 'in-use', count: 1 });
    expect(await db.instrumentPacks.get('mini@1.0.0')).toBeDefined();
    expect(await db.instrumentStatus.get('mini@1.0.0')).toBeDefined();

    await discardDraft(db, administration.id);
    expect(await deletePack(db, 'mini@1.0.0')).toEqual({ ok: true });
    expect(await db.instrumentPacks.count()).toBe(0);
    expect(await db.instrumentStatus.count()).toBe(0);
    // Shipped instruments are not packs and cannot be deleted.
    expect(await deletePack(db, 'function-child@1.0.0')).toEqual({ ok: false, reason: 'not-imported' });
  });
});

describe('pack limits (issue 13)', () => {
  it('refuses a 10,000-item pack with the item limit, and nothing is stored', async () => {
    const db = testDatabase();
    const pack = miniDefinition();
    pack.items = Array.from({ length: 10_000 }, (_, i) => ({ id: `i${i}`, number: String(i + 1), responseScale: 'freq' }));
    pack.scales = [{ id: 's1', label: { en: 'S' }, items: ['i0'], method: 'mean', minAnswered: 1 }];
    delete pack.profile;
    delete pack.classification;
    delete pack.interpretations;
    const text = JSON.stringify(pack);
    expect(text.length).toBeLessThan(PACK_LIMITS.fileBytes);
    const result = await importPack(db, { text }, shippedCatalog);
    expect(result).toEqual({ ok: false, reason: 'invalid', problems: [{ code: 'limit.items', path: ['items'], params: { maximum: 300 } }] });
    expect(interpolate(en['limit.items'], { maximum: 300 })).toBe('Too many items: a pack may have at most 300 items.');
    expect(await db.instrumentPacks.count()).toBe(0);
  });

  it('refuses a text over 4,000 characters and a file over 1 MB', async () => {
    const db = testDatabase();
    const long = miniDefinition();
    long.items[0].text.fi = 'x'.repeat(4001);
    expect(await importPack(db, { text: JSON.stringify(long) }, shippedCatalog)).toEqual({
      ok: false,
      reason: 'invalid',
      problems: [{ code: 'limit.text', path: ['items', 0, 'text', 'fi'], params: { maximum: 4000 } }],
    });
    const big = miniDefinition();
    big.description.en = 'ä'.repeat(600_000); // 600,000 characters, 1.2 MB in UTF-8
    expect(await importPack(db, { text: JSON.stringify(big) }, shippedCatalog)).toEqual({ ok: false, reason: 'too-large', limit: 1024 * 1024 });
    expect(await db.instrumentPacks.count()).toBe(0);
  });
});
