/**
 * Instrument packs imported on this device, and versions retired on this device.
 *
 * An import is checked completely before anything is stored (the same validation as the CLI,
 * with missing fi/sv texts as warnings); a refused pack leaves the database untouched. An
 * `id@version` is immutable: the same reference with other content is refused, because
 * administrations store the content hash of the exact definition they were given with.
 * (No crypto inside a transaction: hashes are computed before it opens.)
 */
import { referenceOf, type Catalog } from '../instrument/catalog';
import { contentHash } from '../instrument/hash';
import { PACK_LIMITS, type InstrumentDefinition } from '../instrument/schema';
import { parseJson, validateDefinition, type Problem } from '../instrument/validate';
import type { PolkuDatabase } from './db';
import { now } from './db';
import { appendAudit, auditTables } from './audit';
import { guarded } from './errors';
import type { InstrumentPackRecord } from './records';

/** Larger than any sensible pack (a 100-item questionnaire in three languages is about 100 kB); see PACK_LIMITS. */
export const MAX_PACK_BYTES = PACK_LIMITS.fileBytes;

export type PackSource = 'shipped' | 'imported';

export type ImportResult =
  /** Stored; `warnings` are missing translations (shown in English, marked). */
  | { ok: true; definition: InstrumentDefinition; warnings: Problem[]; record: InstrumentPackRecord }
  /** Malformed JSON, another format version, or a definition with problems. Nothing stored. */
  | { ok: false; reason: 'invalid'; problems: Problem[] }
  /** The same id@version exists (shipped or imported) with different content. Nothing stored. */
  | { ok: false; reason: 'version-conflict'; ref: string; source: PackSource }
  /** Exactly this content is already there. Nothing stored. */
  | { ok: false; reason: 'already-installed'; ref: string; source: PackSource; definition: InstrumentDefinition }
  /** The text is larger than MAX_PACK_BYTES. Nothing stored. */
  | { ok: false; reason: 'too-large'; limit: number };

export async function importPack(db: PolkuDatabase, input: { text: string; fileName?: string }, existing: Catalog): Promise<ImportResult> {
  if (input.text.length > MAX_PACK_BYTES || new TextEncoder().encode(input.text).byteLength > MAX_PACK_BYTES) return { ok: false, reason: 'too-large', limit: MAX_PACK_BYTES };
  const parsed = parseJson(input.text);
  if (!parsed.ok) return { ok: false, reason: 'invalid', problems: [parsed.problem] };
  const validated = validateDefinition(parsed.value, { requireAllLanguages: false });
  if (!validated.ok) return { ok: false, reason: 'invalid', problems: validated.problems };

  const { definition, warnings } = validated;
  const ref = referenceOf(definition);
  const hash = await contentHash(definition);

  const shipped = existing.find(ref);
  if (shipped && existing.sourceOf(shipped) === 'shipped') {
    if ((await contentHash(shipped)) === hash) return { ok: false, reason: 'already-installed', ref, source: 'shipped', definition: shipped };
    return { ok: false, reason: 'version-conflict', ref, source: 'shipped' };
  }

  const record: InstrumentPackRecord = { ref, id: definition.id, version: definition.version, definition, hash, importedAt: now() };
  if (input.fileName) record.fileName = input.fileName;

  return guarded(() =>
    db.transaction('rw', [db.instrumentPacks, ...auditTables(db)], async (): Promise<ImportResult> => {
      // The database, not the (possibly stale) catalog, decides about imported packs.
      const stored = await db.instrumentPacks.get(ref);
      if (stored) {
        if (stored.hash === hash) return { ok: false, reason: 'already-installed', ref, source: 'imported', definition: stored.definition };
        return { ok: false, reason: 'version-conflict', ref, source: 'imported' };
      }
      await db.instrumentPacks.add(record);
      await appendAudit(db, { action: 'import', target: 'instrument', detail: { instrument: ref } });
      return { ok: true, definition, warnings, record };
    }),
  );
}

/** Retires a version on this device (or takes it back into use). It still scores old administrations. */
export async function setRetired(db: PolkuDatabase, ref: string, retired: boolean): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [db.instrumentStatus, ...auditTables(db)], async () => {
      await db.instrumentStatus.put({ ref, retired, changedAt: now() });
      await appendAudit(db, { action: retired ? 'retire' : 'reinstate', target: 'instrument', detail: { instrument: ref } });
    }),
  );
}

/** How many administrations on this device (drafts included) were given with this version. */
export async function packUsage(db: PolkuDatabase, id: string, version: string): Promise<number> {
  return db.administrations.filter((a) => a.instrumentId === id && a.instrumentVersion === version).count();
}

export type DeleteResult = { ok: true } | { ok: false; reason: 'in-use'; count: number } | { ok: false; reason: 'not-imported' };

/**
 * Deletes an imported pack that no administration uses (with its retired status). A pack in use
 * stays: its administrations need the exact definition to be scored; retire it instead.
 */
export async function deletePack(db: PolkuDatabase, ref: string): Promise<DeleteResult> {
  return guarded(() =>
    db.transaction('rw', [db.instrumentPacks, db.instrumentStatus, db.administrations, ...auditTables(db)], async (): Promise<DeleteResult> => {
      const pack = await db.instrumentPacks.get(ref);
      if (!pack) return { ok: false, reason: 'not-imported' };
      const count = await packUsage(db, pack.id, pack.version);
      if (count > 0) return { ok: false, reason: 'in-use', count };
      await db.instrumentPacks.delete(ref);
      await db.instrumentStatus.delete(ref);
      await appendAudit(db, { action: 'delete', target: 'instrument', detail: { instrument: ref } });
      return { ok: true };
    }),
  );
}
