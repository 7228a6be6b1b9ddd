/**
 * What a restore will do, planned before anything is written: which records of the file are
 * added, which replace the device's, which the device keeps. Pure: backup.ts applies the plan.
 */
import { DEVICE_STATE_SETTINGS } from './backup-file';
import type { AdministrationRecord, AttendanceRecord, CaseRecord } from './records';
import type { TableContent } from './tables';

export type DeviceContent = TableContent;

export interface MergeCounts {
  /** Not on this device: added. */
  added: number;
  /** On this device, the file's version is newer: replaced. */
  updated: number;
  /** On this device, the device's version is newer (or completed where the file has a draft): kept. */
  kept: number;
  /** The same on both. */
  same: number;
}

export interface RestorePlan {
  /** 'empty': the device has no cases; its settings are replaced by the file's. 'merge': the device keeps its settings. */
  mode: 'empty' | 'merge';
  createdAt?: string;
  cases: MergeCounts;
  /** Incoming cases whose code is used by another case on this device: they get a new code. */
  renamed: { caseId: string; from: string; to: string }[];
  administrations: MergeCounts;
  instrumentPacks: { added: number; same: number };
  /** The same id@version with other content on each side: the restore is refused. */
  packConflicts: string[];
  instrumentStatus: MergeCounts;
  audit: { added: number; same: number };
  settings: { restored: number; kept: number };
  plans: MergeCounts;
  attendance: MergeCounts;
  exportProjects: MergeCounts;
  /** A case's study ID in a project never changes: the device's stays ('kept') when the file differs. */
  studyIds: MergeCounts;
  /** The rows to write, per table. */
  writes: TableContent & {
    /** Cases replaced by the file's version (deleted first, so swapped codes never clash). */
    replacedCaseIds: string[];
    /** Attendance rows of the device replaced by the file's row for the same case and day. */
    replacedAttendanceIds: string[];
  };
}

const emptyCounts = (): MergeCounts => ({ added: 0, updated: 0, kept: 0, same: 0 });

/**
 * Which of two versions of one record ends up on the device: `prefer` settles it when it can
 * (a completed administration over a draft), else the later time stamp; a tie keeps the device's.
 */
function decide<T>(device: T, incoming: T, stamp: (r: T) => string, prefer?: (d: T, i: T) => 'device' | 'incoming' | null): 'updated' | 'kept' | 'same' {
  if (JSON.stringify(device) === JSON.stringify(incoming)) return 'same';
  const preferred = prefer?.(device, incoming) ?? null;
  if (preferred) return preferred === 'incoming' ? 'updated' : 'kept';
  return stamp(incoming) > stamp(device) ? 'updated' : 'kept';
}

const completedFirst = (d: AdministrationRecord, i: AdministrationRecord) => (d.status === i.status ? null : d.status === 'complete' ? 'device' : 'incoming');

function freeCode(code: string, used: Set<string>): string {
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${code.slice(0, Math.max(1, 32 - suffix.length))}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * Merges one table by a key: rows the device lacks are added, rows on both go to `decide`.
 * Pushes the rows to write into `writes` and returns the ones that replace a device row.
 */
function mergeByKey<T>(
  device: T[],
  incoming: T[],
  key: (row: T) => string,
  stamp: (row: T) => string,
  counts: MergeCounts,
  writes: T[],
  prefer?: (d: T, i: T) => 'device' | 'incoming' | null,
): T[] {
  const mine = new Map(device.map((row) => [key(row), row]));
  const replacing: T[] = [];
  for (const row of incoming) {
    const existing = mine.get(key(row));
    if (!existing) {
      counts.added += 1;
      writes.push(row);
      continue;
    }
    const outcome = decide(existing, row, stamp, prefer);
    counts[outcome] += 1;
    if (outcome === 'updated') {
      writes.push(row);
      replacing.push(row);
    }
  }
  return replacing;
}

/** What restoring `incoming` into a device holding `current` will do. Pure. */
export function planRestore(current: DeviceContent, incoming: DeviceContent): RestorePlan {
  const mode = current.cases.length === 0 && current.administrations.length === 0 ? 'empty' : 'merge';
  const plan: RestorePlan = {
    mode,
    cases: emptyCounts(),
    renamed: [],
    administrations: emptyCounts(),
    instrumentPacks: { added: 0, same: 0 },
    packConflicts: [],
    instrumentStatus: emptyCounts(),
    audit: { added: 0, same: 0 },
    settings: { restored: 0, kept: 0 },
    plans: emptyCounts(),
    attendance: emptyCounts(),
    exportProjects: emptyCounts(),
    studyIds: emptyCounts(),
    writes: {
      replacedCaseIds: [],
      cases: [],
      administrations: [],
      instrumentPacks: [],
      instrumentStatus: [],
      settings: [],
      audit: [],
      plans: [],
      replacedAttendanceIds: [],
      attendance: [],
      exportProjects: [],
      studyIds: [],
    },
  };
  const { writes } = plan;

  // Cases: by id, the newer updatedAt wins; codes stay unique on the device.
  const deviceCases = new Map(current.cases.map((c) => [c.id, c]));
  const winners: CaseRecord[] = [];
  for (const kase of incoming.cases) {
    const mine = deviceCases.get(kase.id);
    if (!mine) {
      plan.cases.added += 1;
      winners.push(kase);
      continue;
    }
    const outcome = decide(mine, kase, (c) => c.updatedAt);
    plan.cases[outcome] += 1;
    if (outcome === 'updated') {
      winners.push({ ...kase, lastActivityAt: kase.lastActivityAt > mine.lastActivityAt ? kase.lastActivityAt : mine.lastActivityAt });
      writes.replacedCaseIds.push(kase.id);
    }
  }
  const replaced = new Set(writes.replacedCaseIds);
  const used = new Set(current.cases.filter((c) => !replaced.has(c.id)).map((c) => c.code));
  const winnerCodes = new Set(winners.map((c) => c.code));
  for (const kase of winners) {
    if (used.has(kase.code)) {
      const to = freeCode(kase.code, new Set([...used, ...winnerCodes]));
      plan.renamed.push({ caseId: kase.id, from: kase.code, to });
      writes.cases.push({ ...kase, code: to });
      used.add(to);
    } else {
      writes.cases.push(kase);
      used.add(kase.code);
    }
  }

  // Administrations: by id, the newer wins; a completed one is never replaced by a draft.
  mergeByKey(
    current.administrations,
    incoming.administrations,
    (a) => a.id,
    (a) => a.updatedAt,
    plan.administrations,
    writes.administrations,
    completedFirst,
  );
  // Plans and research projects: by id, the newer wins (a plan keeps its own revision history).
  mergeByKey(
    current.plans,
    incoming.plans,
    (p) => p.id,
    (p) => p.updatedAt,
    plan.plans,
    writes.plans,
  );
  mergeByKey(
    current.exportProjects,
    incoming.exportProjects,
    (p) => p.id,
    (p) => p.updatedAt,
    plan.exportProjects,
    writes.exportProjects,
  );
  // Attendance: one row per case and day, whatever its id; the newer entry for the day wins.
  const dayKey = (row: AttendanceRecord) => `${row.caseId}|${row.date}`;
  const deviceDays = new Map(current.attendance.map((row) => [dayKey(row), row]));
  for (const row of mergeByKey(current.attendance, incoming.attendance, dayKey, (r) => r.updatedAt, plan.attendance, writes.attendance)) {
    const mine = deviceDays.get(dayKey(row));
    if (mine) writes.replacedAttendanceIds.push(mine.id);
  }
  // Study IDs: never changed once given (exports of a project must stay joinable); a new one is added
  // unless its study ID is already another case's in that project (random IDs: practically never).
  const deviceStudy = new Map(current.studyIds.map((row) => [row.id, row]));
  const takenStudyIds = new Set(current.studyIds.map((row) => `${row.projectId}:${row.studyId}`));
  for (const row of incoming.studyIds) {
    const mine = deviceStudy.get(row.id);
    if (mine) plan.studyIds[mine.studyId === row.studyId ? 'same' : 'kept'] += 1;
    else if (takenStudyIds.has(`${row.projectId}:${row.studyId}`)) plan.studyIds.kept += 1;
    else {
      plan.studyIds.added += 1;
      writes.studyIds.push(row);
      takenStudyIds.add(`${row.projectId}:${row.studyId}`);
    }
  }

  // Packs: an id@version is immutable; other content under the same reference refuses the restore.
  const devicePacks = new Map(current.instrumentPacks.map((p) => [p.ref, p]));
  for (const pack of incoming.instrumentPacks) {
    const mine = devicePacks.get(pack.ref);
    if (!mine) {
      plan.instrumentPacks.added += 1;
      writes.instrumentPacks.push(pack);
    } else if (mine.hash === pack.hash) plan.instrumentPacks.same += 1;
    else plan.packConflicts.push(pack.ref);
  }

  // Retired versions: by reference, the later change wins.
  mergeByKey(
    current.instrumentStatus,
    incoming.instrumentStatus,
    (s) => s.ref,
    (s) => s.changedAt,
    plan.instrumentStatus,
    writes.instrumentStatus,
  );

  // Audit: the union (entries never change, so the same id is the same entry).
  const deviceAudit = new Set(current.audit.map((e) => e.id));
  for (const entry of incoming.audit) {
    if (deviceAudit.has(entry.id)) plan.audit.same += 1;
    else {
      plan.audit.added += 1;
      writes.audit.push(entry);
    }
  }

  // Settings: an empty device takes the file's; a device in use keeps its own.
  const incomingSettings = incoming.settings.filter((s) => !DEVICE_STATE_SETTINGS.includes(s.key));
  if (mode === 'empty') {
    plan.settings.restored = incomingSettings.length;
    writes.settings = incomingSettings;
  } else plan.settings.kept = incomingSettings.length;

  return plan;
}
