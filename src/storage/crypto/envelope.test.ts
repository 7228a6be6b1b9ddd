import { findSeeded, sampleRows, version4Stores } from '../../../tests/support/sealed-rows';
import {
  blindIndex,
  deriveSubKeys,
  fromReplicaDocument,
  isSealed,
  openRecord,
  openText,
  policyProblems,
  sealRecord,
  sealText,
  toReplicaDocument,
  type TablePolicy,
} from './envelope';
import { generateDataKey } from './keys';
import { TABLE_POLICIES, type EncryptedTable } from './policies';

const keys = deriveSubKeys(generateDataKey());
const tables = Object.keys(TABLE_POLICIES) as EncryptedTable[];
const policy = (table: EncryptedTable): TablePolicy => TABLE_POLICIES[table];

describe('table policies', () => {
  it.each(tables)('%s: clear fields hold the key, no field is both clear and blind', (table) => {
    expect(policyProblems(policy(table))).toEqual([]);
  });

  it('every index of database version 4 is on a clear field or a blind value', () => {
    const stores = version4Stores();
    for (const table of tables) {
      const indexed = stores[table]!.split(',').flatMap((spec) =>
        spec
          .trim()
          .replace(/^[&*+]+/, '')
          .replace(/^\[|\]$/g, '')
          .split('+'),
      );
      const allowed = [...policy(table).clearFields, ...(policy(table).blindIndexes ?? []).map((b) => b.as)];
      expect(
        indexed.filter((field) => !allowed.includes(field)),
        table,
      ).toEqual([]);
    }
  });

  it('keeps clear only ids, timestamps, status words, actions and revisions', () => {
    const clear = new Set(tables.flatMap((table) => policy(table).clearFields));
    expect([...clear].sort()).toEqual(['action', 'at', 'caseId', 'createdAt', 'id', 'key', 'lastActivityAt', 'projectId', 'rev', 'startedAt', 'status', 'updatedAt']);
  });
});

describe('sealed records', () => {
  const rows = sampleRows();

  it.each(tables)('%s: every realistic row opens to exactly what was sealed', (table) => {
    for (const row of rows[table]) {
      const sealed = sealRecord(keys, table, policy(table), row);
      expect(openRecord(keys, table, policy(table), sealed)).toEqual(row);
    }
  });

  it.each(tables)('%s: a sealed row shows only its clear fields and blind values', (table) => {
    const p = policy(table);
    const allowed = [...p.clearFields, ...(p.blindIndexes ?? []).map((b) => b.as), 'enc'];
    const sealed = rows[table].map((row) => sealRecord(keys, table, p, row));
    for (const row of sealed) expect(Object.keys(row).filter((k) => !allowed.includes(k))).toEqual([]);
    expect(findSeeded(sealed)).toEqual([]);
  });

  it('the seeded strings are all in the plaintext rows (so the scan can find them)', () => {
    expect(findSeeded(Object.values(rows).flat())).toHaveLength(12);
  });

  it('refuses a changed ciphertext, a ciphertext moved to another record or table, and a changed clear field', () => {
    const [a, b] = rows.administrations as [Record<string, unknown>, Record<string, unknown>];
    const p = policy('administrations');
    const sealedA = sealRecord(keys, 'administrations', p, a);
    const sealedB = sealRecord(keys, 'administrations', p, b);
    const flipped = new Uint8Array(sealedA.enc.ct);
    flipped[5]! ^= 1;
    const tampered =
      (row: Record<string, unknown>, table: EncryptedTable = 'administrations') =>
      () =>
        openRecord(keys, table, policy(table), row);
    expect(tampered({ ...sealedA, enc: { ...sealedA.enc, ct: flipped } })).toThrow(expect.objectContaining({ failure: 'tampered' }) as Error);
    expect(tampered({ ...sealedB, enc: sealedA.enc })).toThrow(/tampered: administrations/);
    expect(tampered({ ...sealedA, caseId: 'another-case' })).toThrow(/tampered/);
    expect(tampered({ ...sealedA, status: 'draft' })).toThrow(/tampered/);
    expect(tampered({ ...sealedA, extra: 1 })).toThrow(/tampered/);
    expect(tampered(sealedA, 'plans')).toThrow(/tampered/);
    expect(() => openRecord(deriveSubKeys(generateDataKey()), 'administrations', p, sealedA)).toThrow(/tampered/);
    expect(tampered(a)).toThrow(/plaintext/);
  });

  it('seals with a fresh nonce each time; refuses a record that already has enc or its blind field', () => {
    const kase = rows.cases[0]!;
    const one = sealRecord(keys, 'cases', policy('cases'), kase);
    const two = sealRecord(keys, 'cases', policy('cases'), kase);
    expect(one.enc.iv).not.toEqual(two.enc.iv);
    expect(isSealed(one)).toBe(true);
    expect(() => sealRecord(keys, 'cases', policy('cases'), one)).toThrow(/already sealed/);
    expect(() => sealRecord(keys, 'cases', policy('cases'), { ...kase, codeIndex: 'x' })).toThrow(/computed/);
    expect(() => sealRecord(keys, 'cases', policy('cases'), { code: 'X' })).toThrow(/no id/);
    // What JSON would change silently is refused: a record opens exactly as written or is not stored.
    for (const odd of [Number.NaN, Infinity, new Date(), new Uint8Array(2), new Map(), () => 1, [1, undefined]]) {
      expect(() => sealRecord(keys, 'cases', policy('cases'), { ...kase, notes: odd }), String(odd)).toThrow(/not plain JSON/);
    }
    expect(() => sealRecord(keys, 'settings', policy('settings'), { key: 'x', value: { nested: [{ deep: Number.NaN }] } })).toThrow(/deep is not plain JSON/);
  });
});

describe('text kept outside the database', () => {
  it('opens only with the same key and purpose, and hides the text', () => {
    const sealed = sealText(keys, 'polku:draft:case:c1:', '{"notes":"Mikko Ääkkönen"}');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('Mikko');
    expect(openText(keys, 'polku:draft:case:c1:', sealed)).toBe('{"notes":"Mikko Ääkkönen"}');
    // Another draft's key, another data key, a changed character, or plain text: refused as tampered.
    expect(() => openText(keys, 'polku:draft:case:c2:', sealed)).toThrow(/tampered/);
    expect(() => openText(deriveSubKeys(generateDataKey()), 'polku:draft:case:c1:', sealed)).toThrow(/tampered/);
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    expect(() => openText(keys, 'polku:draft:case:c1:', flipped)).toThrow(/tampered/);
    expect(() => openText(keys, 'polku:draft:case:c1:', '{"notes":"x"}')).toThrow(/tampered/);
  });
});

describe('blind indexes', () => {
  it('equal values give equal blind values; other values, indexes, tables or keys do not', () => {
    const code = blindIndex(keys, 'cases', 'codeIndex', 'FIX-002');
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(blindIndex(keys, 'cases', 'codeIndex', 'FIX-002')).toBe(code);
    expect(blindIndex(keys, 'cases', 'codeIndex', 'FIX-003')).not.toBe(code);
    expect(blindIndex(keys, 'studyIds', 'studyIdIndex', 'FIX-002')).not.toBe(code);
    expect(blindIndex(deriveSubKeys(generateDataKey()), 'cases', 'codeIndex', 'FIX-002')).not.toBe(code);
    expect(blindIndex(keys, 't', 'i', 1)).not.toBe(blindIndex(keys, 't', 'i', '1'));
    const sealed = sealRecord(keys, 'cases', policy('cases'), sampleRows().cases[0]!);
    expect(sealed.codeIndex).toBe(code);
  });
});

describe('replica documents (CouchDB shape)', () => {
  it('holds the whole record encrypted, showing only its id and revision', () => {
    const plan = sampleRows().plans[0]!;
    const doc = toReplicaDocument(keys, 'plans', policy('plans'), plan, '3-abc');
    expect(Object.keys(doc).sort()).toEqual(['_id', '_rev', 'enc', 'rev']);
    expect(doc).toMatchObject({ _id: `plans/${plan.id as string}`, _rev: '3-abc', rev: 3 });
    const json = JSON.stringify(doc);
    expect(json).not.toContain(plan.caseId as string);
    expect(findSeeded([doc])).toEqual([]);
    expect(JSON.parse(json)).toEqual(doc);
    expect(fromReplicaDocument(keys, TABLE_POLICIES, doc)).toEqual({ table: 'plans', record: plan });
  });

  it('refuses a document renamed, re-revisioned or changed on the server', () => {
    const [a, b] = sampleRows().cases as [Record<string, unknown>, Record<string, unknown>];
    const docA = toReplicaDocument(keys, 'cases', policy('cases'), a);
    const docB = toReplicaDocument(keys, 'cases', policy('cases'), b);
    expect(docA.rev).toBe(2);
    expect(() => fromReplicaDocument(keys, TABLE_POLICIES, { ...docA, _id: docB._id })).toThrow(/tampered/);
    expect(() => fromReplicaDocument(keys, TABLE_POLICIES, { ...docA, rev: 3 })).toThrow(/tampered/);
    expect(() => fromReplicaDocument(keys, TABLE_POLICIES, { ...docA, enc: docB.enc })).toThrow(/tampered/);
    expect(() => fromReplicaDocument(keys, TABLE_POLICIES, { ...docA, _id: `plans/${a.id as string}` })).toThrow(/tampered/);
    expect(() => fromReplicaDocument(keys, TABLE_POLICIES, { ...docA, _id: 'nowhere' })).toThrow(/tampered/);
  });
});
