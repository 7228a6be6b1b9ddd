/**
 * What each database version does to the rows stored by the version before it, as pure functions
 * on rows. Applied in two places, so the two can never disagree: Dexie's `.upgrade()` when the
 * app opens an older database (db.ts), and restore when a backup was made at an older database
 * version (backup-validate.ts: before its records are checked against today's schemas).
 *
 * A table a version adds starts empty; it needs no migration. A row function gets a row as it
 * was stored (in a backup: anything at all, checked only afterwards) and returns it in the new
 * version's form, with the same primary key.
 */
import { DATABASE_VERSION, type TableName, type TableRows } from './tables';

export type Row = Record<string, unknown>;

export interface Migration {
  /** The database version it brings rows to, from the one before. */
  to: number;
  /** The new form of one row, per table; a table not named keeps its rows as they are. */
  rows: Partial<Record<TableName, (row: Row) => Row>>;
}

export const MIGRATIONS: readonly Migration[] = [
  // Version 2 adds the audit trail; version 3 plans, attendance and research projects: no stored row changes.
  { to: 2, rows: {} },
  { to: 3, rows: {} },
];

/** The migrations that take rows stored at `from` to `to` (today's version by default), in order. */
export function migrationsBetween(from: number, to = DATABASE_VERSION, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  return migrations.filter((m) => m.to > from && m.to <= to).sort((a, b) => a.to - b.to);
}

/**
 * The rows of a backup made at database version `from`, in today's form. Only plain-object rows
 * of listed tables are migrated: anything else is left for validation to refuse.
 */
export function migrateTables(tables: TableRows, from: number, migrations: readonly Migration[] = MIGRATIONS): TableRows {
  let result = tables;
  for (const migration of migrationsBetween(from, DATABASE_VERSION, migrations)) {
    const next: TableRows = { ...result };
    for (const [table, migrate] of Object.entries(migration.rows) as [TableName, (row: Row) => Row][]) {
      const rows: unknown = result[table];
      if (Array.isArray(rows)) next[table] = rows.map((row: unknown) => (row && typeof row === 'object' && !Array.isArray(row) ? migrate(row as Row) : row)) as Row[];
    }
    result = next;
  }
  return result;
}
