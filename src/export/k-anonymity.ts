/**
 * The small-cell check: a combination of quasi-identifiers (age, gender, informant, school year)
 * that fewer than k cases share could point at one child ("the only 15-year-old boy"). Groups are
 * counted in cases, not rows: one child with six questionnaires is still one child.
 */
export type QuasiValues = Record<string, string | number | null>;

export interface SmallCell {
  /** The combination, e.g. { age: 15, gender: 'boy', informant: 'child' }. */
  values: QuasiValues;
  cases: number;
}

export interface SmallCellReport {
  k: number;
  /** The quasi-identifiers in the export (empty: nothing to check). */
  fields: string[];
  /** Number of distinct combinations in the data. */
  groups: number;
  /** Combinations shared by fewer than k cases: fewest cases first, then by value. */
  small: SmallCell[];
  /** Cases that are in at least one small group. */
  casesAffected: number;
}

export function smallCells(rows: readonly { studyId: string; values: QuasiValues }[], fields: readonly string[], k: number): SmallCellReport {
  const groups = new Map<string, { values: QuasiValues; cases: Set<string> }>();
  for (const row of rows) {
    const values: QuasiValues = {};
    for (const field of fields) values[field] = row.values[field] ?? null;
    const key = JSON.stringify(fields.map((f) => values[f]));
    let group = groups.get(key);
    if (!group) {
      group = { values, cases: new Set() };
      groups.set(key, group);
    }
    group.cases.add(row.studyId);
  }
  const small = fields.length === 0 ? [] : [...groups.values()].filter((g) => g.cases.size < k);
  const affected = new Set(small.flatMap((g) => [...g.cases]));
  const order = (a: QuasiValues, b: QuasiValues) => {
    for (const field of fields) {
      const x = a[field] ?? '';
      const y = b[field] ?? '';
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return String(x).localeCompare(String(y));
    }
    return 0;
  };
  return {
    k,
    fields: [...fields],
    groups: fields.length === 0 ? 0 : groups.size,
    small: small.map((g) => ({ values: g.values, cases: g.cases.size })).sort((a, b) => a.cases - b.cases || order(a.values, b.values)),
    casesAffected: affected.size,
  };
}
