/**
 * Realistic rows of every encrypted table (issue 17) and the personal strings they carry, for the
 * encryption tests: the version 2 fixture (cases, answers, settings, audit), the example case's
 * plan and attendance, a research project with study IDs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { exampleAttendance, examplePlan } from '../../src/storage/example-case';
import { ENCRYPTED_INDEXES, type EncryptedTable } from '../../src/storage/crypto/policies';
import { PolkuDatabase } from '../../src/storage/db';

/** A stored record as tests handle it: any field, any value. */
export type Row = Record<string, any>;

/** Strings that must never be found on disk once the database is encrypted. */
export const SEEDED = [
  'Mikko Ääkkönen', // a name
  'Åbo skola', // a school
  'Draft in progress', // a note
  'FIX-002', // a case code
  'Fixture Psychologist', // the practitioner (settings, audit, administrations)
  'Stayed home: stomach ache', // an attendance note
  'Weekly check-in with the psychologist', // a plan step
  '040 000 0000', // a contact's phone
  'S-7KQ2M9XA', // a study ID
  'Koulupolku pilot', // a research project's name
  '"dep1":{"intensity":2', // answers
  '"a1":2', // answers
];

export function sampleRows(): Record<EncryptedTable, Row[]> {
  const v2 = JSON.parse(readFileSync(join(__dirname, '../fixtures/db-v2.json'), 'utf8')) as Record<string, Row[]>;
  const caseId = v2.cases![0]!.id as string;
  const today = new Date('2026-11-23T10:00:00Z');
  const stamp = today.toISOString();
  return {
    cases: v2.cases!.map((c) => ({ ...c, rev: 2 })),
    administrations: v2.administrations!.map((a, i) => (i === 0 ? { ...a, administeredBy: 'Fixture Psychologist' } : a)),
    settings: [...v2.settings!, { key: 'locked', value: false }, { key: 'lockIdleMinutes', value: 5, rev: 1 }],
    audit: v2.audit!,
    plans: [{ ...examplePlan(caseId, today), rev: 3 }],
    attendance: exampleAttendance(caseId, today),
    exportProjects: [{ id: 'project-1', name: 'Koulupolku pilot', createdAt: stamp, updatedAt: stamp, rev: 1 }],
    studyIds: [{ id: `project-1:${caseId}`, projectId: 'project-1', caseId, studyId: 'S-7KQ2M9XA', assignedAt: stamp }],
  };
}

/** Database version 3's indexes, read from db.ts. */
export function version3Stores(): Record<string, string> {
  const v3 = new PolkuDatabase(`stores-${Math.random()}`);
  const stores: Record<string, string> = {};
  for (const table of v3.tables) {
    const { primKey, indexes } = table.schema;
    stores[table.name] = [primKey.src, ...indexes.map((i) => i.src)].join(', ');
  }
  return stores;
}

/** Database version 4 as phase 2 will declare it: version 3's indexes, with blind ones where values are sealed. */
export function version4Stores(): Record<string, string> {
  return { ...version3Stores(), ...ENCRYPTED_INDEXES };
}

/** Finds seeded strings in stored rows: in their JSON and in the bytes of any binary field (as UTF-8). */
export function findSeeded(rows: unknown[]): string[] {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const text = JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? `bytes:${decoder.decode(value)}` : value));
  return SEEDED.filter((s) => text.includes(s));
}

/** A Dexie database at a given schema with no middleware: what is on disk. */
export async function rawRows(name: string, version: number, stores: Record<string, string>): Promise<Record<string, Row[]>> {
  const raw = new Dexie(name);
  raw.version(version).stores(stores);
  await raw.open();
  const result: Record<string, Row[]> = {};
  for (const table of raw.tables) result[table.name] = (await table.toArray()) as Row[];
  raw.close();
  return result;
}

/**
 * Writes `rows` into `db` in the clear, as database version 3 wrote them: put below the encryption
 * layer, straight into IndexedDB (the database is opened first).
 */
export async function putInTheClear(db: PolkuDatabase, rows: Partial<Record<EncryptedTable, Row[]>>): Promise<void> {
  await db.open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.backendDB().transaction(Object.keys(rows), 'readwrite');
    for (const [table, list] of Object.entries(rows)) for (const row of list) tx.objectStore(table).put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}
