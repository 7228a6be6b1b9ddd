/**
 * `npm run bench -- --encryption`: the cost of encryption at rest (issue 17) in Node: unlocking
 * (PBKDF2-SHA-256, 600,000 iterations, WebCrypto), and sealing and opening records with the
 * synchronous AES-256-GCM the database middleware uses, per table and for a list of 1,000 cases.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blindIndex, openRecord, sealRecord } from '../../src/storage/crypto/envelope';
import { createKeyring, KeySession, unlockSession } from '../../src/storage/crypto/keys';
import { TABLE_POLICIES, type EncryptedTable } from '../../src/storage/crypto/policies';
import { CIPHER_SUITE } from '../../src/storage/crypto/suite';
import { exampleAttendance, examplePlan } from '../../src/storage/example-case';
import { ms, printTable } from './table';

type Row = Record<string, unknown>;
const here = dirname(fileURLToPath(import.meta.url));

/** The best of `runs` timings of `work` (the first run also warms the JIT). */
function best(work: () => void, runs = 5): number {
  let fastest = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

export async function benchEncryption(): Promise<void> {
  const session = new KeySession();
  const setUpStarted = performance.now();
  const keyring = await createKeyring(session, 'a passphrase for the bench', CIPHER_SUITE);
  const setUp = performance.now() - setUpStarted;
  session.drop();
  const unlockStarted = performance.now();
  await unlockSession(session, keyring, 'a passphrase for the bench', CIPHER_SUITE);
  const unlock = performance.now() - unlockStarted;
  printTable(
    ['step', 'time'],
    [
      [`set-up (new key, PBKDF2 ${keyring.iterations.toLocaleString('en')})`, ms(setUp)],
      ['unlock (PBKDF2 + unwrap + sub-keys)', ms(unlock)],
    ],
  );

  const fixture = JSON.parse(readFileSync(join(here, '../../tests/fixtures/db-v2.json'), 'utf8')) as Record<string, Row[]>;
  const caseId = fixture.cases![0]!.id as string;
  const today = new Date();
  const samples: Partial<Record<EncryptedTable, Row>> = {
    cases: fixture.cases![1],
    administrations: fixture.administrations!.find((a) => a.status === 'complete'),
    plans: examplePlan(caseId, today) as unknown as Row,
    attendance: exampleAttendance(caseId, today)[0] as unknown as Row,
    audit: fixture.audit![0],
  };
  const keys = session.keys();
  const REPEAT = 1_000;
  const rows: (string | number)[][] = [];
  for (const [table, record] of Object.entries(samples) as [EncryptedTable, Row][]) {
    const policy = TABLE_POLICIES[table];
    const sealed = sealRecord(keys, table, policy, record);
    const seal = best(() => {
      for (let n = 0; n < REPEAT; n += 1) sealRecord(keys, table, policy, record);
    });
    const open = best(() => {
      for (let n = 0; n < REPEAT; n += 1) openRecord(keys, table, policy, sealed);
    });
    rows.push([table, `${JSON.stringify(record).length} B`, `${((seal / REPEAT) * 1000).toFixed(0)} µs`, `${((open / REPEAT) * 1000).toFixed(0)} µs`]);
  }
  console.log('');
  printTable(['one record of', 'JSON size', 'seal', 'open'], rows);

  const cases = Array.from({ length: 1_000 }, (_, i) => ({ ...fixture.cases![1], id: `case-${i}`, code: `C${String(i).padStart(3, '0')}-XYZ` }));
  const sealedCases = cases.map((c) => sealRecord(keys, 'cases', TABLE_POLICIES.cases, c));
  console.log('');
  printTable(
    ['1,000 cases', 'time'],
    [
      ['seal all (writes, migration)', ms(best(() => cases.map((c) => sealRecord(keys, 'cases', TABLE_POLICIES.cases, c))))],
      ['open all (the case list reads)', ms(best(() => sealedCases.map((row) => openRecord(keys, 'cases', TABLE_POLICIES.cases, row))))],
      ['blind index of each code', ms(best(() => cases.map((c) => blindIndex(keys, 'cases', 'codeIndex', c.code))))],
    ],
  );
  session.drop();
}
