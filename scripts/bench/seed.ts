/**
 * Part 4's data: 1,000 cases and 10,000 administrations shaped like the app's own records
 * (src/storage/records.ts, as src/storage/example-case.ts writes them), with the audit entries the
 * app would have appended. Seeded, so every run writes the same data.
 */
import { loadShippedDefinitions } from '../../src/cli/io';
import { contentHash } from '../../src/instrument/hash';
import type { InstrumentDefinition, Language } from '../../src/instrument/schema';
import { generateCaseCode } from '../../src/storage/case-code';
import type { AdministrationInformant, AdministrationMode, AdministrationRecord, AuditRecord, CaseRecord, Gender } from '../../src/storage/records';
import { score } from '../../src/scoring/score';
import { randomAnswers, seededRandom } from './answers';

export interface SeedData {
  cases: CaseRecord[];
  administrations: AdministrationRecord[];
  audit: AuditRecord[];
  /** A case with exactly `perCase` administrations, for timing its page. */
  sampleCaseId: string;
}

const FIRST_NAMES = ['Aino', 'Eetu', 'Ella', 'Leo', 'Olivia', 'Onni', 'Saga', 'Elias', 'Venla', 'Oliver', 'Alva', 'Hugo', 'Ebba', 'Vilho', 'Linnea', 'Noel'];
const LAST_NAMES = ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Lindqvist', 'Andersson', 'Heikkinen', 'Koskinen', 'Johansson', 'Laine', 'Berg', 'Salo'];
const SCHOOLS = ['Kalliolan koulu', 'Puistolan yhtenäiskoulu', 'Norrby skola', 'Järvenpään koulu', 'Mäntylän koulu', 'Strandskolan', 'Keskuskoulu', 'Vaskiluodon koulu'];
const PLANS: { instrument: string; informants: AdministrationInformant[]; modes: AdministrationMode[] }[] = [
  { instrument: 'function-child', informants: ['child'], modes: ['self-report', 'interview'] },
  { instrument: 'function-parent', informants: ['mother', 'father', 'other-caregiver'], modes: ['self-report', 'interview'] },
  { instrument: 'srasr-key-child', informants: ['child'], modes: ['paper'] },
  { instrument: 'srasr-key-parent', informants: ['mother', 'father'], modes: ['paper'] },
  { instrument: 'quality-function-child', informants: ['child'], modes: ['self-report'] },
  { instrument: 'quality-function-parent', informants: ['mother', 'father'], modes: ['interview', 'self-report'] },
  { instrument: 'absence-checklist', informants: ['practitioner'], modes: ['interview'] },
];
const DAY = 24 * 60 * 60 * 1000;

const uuid = (random: () => number): string =>
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = Math.floor(random() * 16);
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });

export async function makeSeed(caseCount = 1000, administrationCount = 10_000, perCase = 10): Promise<SeedData> {
  const random = seededRandom(4242);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const definitions = new Map<string, InstrumentDefinition>(loadShippedDefinitions().map((d) => [d.id, d]));
  const hashes = new Map<string, string>();
  for (const [id, definition] of definitions) hashes.set(id, await contentHash(definition));

  // Administrations per case: on average perCase, spread unevenly (some cases have 1, some 25).
  const counts = Array.from({ length: caseCount }, () => Math.floor(administrationCount / caseCount));
  counts[0]! += administrationCount - counts.reduce((a, b) => a + b, 0);
  for (let n = 0; n < caseCount * 2; n += 1) {
    const from = Math.floor(random() * caseCount);
    const to = Math.floor(random() * caseCount);
    if (counts[from]! > 1 && counts[to]! < 25) {
      counts[from]! -= 1;
      counts[to]! += 1;
    }
  }

  const now = Date.now();
  const codes = new Set<string>();
  const byte = () => Math.floor(random() * 256);
  const cases: CaseRecord[] = [];
  const administrations: AdministrationRecord[] = [];
  const audit: AuditRecord[] = [];
  for (let c = 0; c < caseCount; c += 1) {
    let code = generateCaseCode((n) => Uint8Array.from({ length: n }, byte));
    while (codes.has(code)) code = generateCaseCode((n) => Uint8Array.from({ length: n }, byte));
    codes.add(code);
    const created = now - Math.floor(random() * 730) * DAY - Math.floor(random() * DAY);
    const record: CaseRecord = {
      id: uuid(random),
      code,
      birthYear: 2009 + Math.floor(random() * 10),
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(created).toISOString(),
      lastActivityAt: new Date(created).toISOString(),
    };
    if (random() < 0.6) record.displayName = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
    if (random() < 0.8) record.birthMonth = 1 + Math.floor(random() * 12);
    if (random() < 0.9) record.gender = pick<Gender>(['girl', 'boy', 'other']);
    if (random() < 0.9) record.school = pick(SCHOOLS);
    if (random() < 0.7) record.className = `${5 + Math.floor(random() * 5)}${pick(['A', 'B', 'C'])}`;
    if (random() < 0.3) record.notes = 'Referred by the school nurse. Absences mostly on Mondays; graded return discussed with the family.';
    audit.push({ id: uuid(random), at: record.createdAt, action: 'create', target: 'case', caseId: record.id });

    let last = created;
    for (let a = 0; a < counts[c]!; a += 1) {
      const plan = pick(PLANS);
      const definition = definitions.get(plan.instrument)!;
      const started = Math.min(now - 60_000, created + Math.floor(random() * (now - created)));
      const draft = random() < 0.05;
      const answers = randomAnswers(definition, random, draft ? 0.5 : 0.03);
      const at = new Date(started).toISOString();
      const done = new Date(started + (5 + Math.floor(random() * 20)) * 60_000).toISOString();
      const administration: AdministrationRecord = {
        id: uuid(random),
        caseId: record.id,
        instrumentId: definition.id,
        instrumentVersion: definition.version,
        definitionHash: hashes.get(definition.id)!,
        informant: pick(plan.informants),
        language: pick<Language>(['fi', 'fi', 'fi', 'sv', 'en']),
        mode: pick(plan.modes),
        status: draft ? 'draft' : 'complete',
        answers,
        position: draft ? Object.keys(answers).length : 0,
        administeredBy: 'Bench psychologist',
        startedAt: at,
        updatedAt: draft ? at : done,
      };
      if (!draft) administration.completedAt = done;
      if (!draft) {
        const scored = score(definition, answers);
        if (scored.ok && !scored.report.complete) administration.completedWithMissing = true;
      }
      administrations.push(administration);
      const instrument = `${definition.id}@${definition.version}`;
      audit.push({
        id: uuid(random),
        at,
        action: 'create',
        target: 'administration',
        caseId: record.id,
        administrationId: administration.id,
        detail: { instrument, mode: administration.mode },
      });
      if (!draft)
        audit.push({ id: uuid(random), at: done, action: 'complete', target: 'administration', caseId: record.id, administrationId: administration.id, detail: { instrument } });
      last = Math.max(last, Date.parse(administration.updatedAt));
    }
    record.lastActivityAt = new Date(last).toISOString();
    cases.push(record);
  }
  const sample = cases[counts.findIndex((n) => n === perCase)];
  if (!sample) throw new Error(`no seeded case has exactly ${perCase} administrations`);
  return { cases, administrations, audit, sampleCaseId: sample.id };
}
