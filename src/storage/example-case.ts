/**
 * "Load an example case": a fictional pupil with child and parent function forms at three time
 * points, quality/function forms and absence checklists, so a newcomer sees a full case at once.
 * Everything here is invented; the case is marked `example`.
 */
import type { Catalog } from '../instrument/catalog';
import type { InstrumentDefinition } from '../instrument/schema';
import { contentHash } from '../instrument/hash';
import { ratingsOf, indexDefinition } from '../instrument/model';
import type { Answers } from '../scoring/types';
import type { PolkuDatabase } from './db';
import { newId } from './db';
import { freshCaseCode } from './cases';
import { StorageError, guarded } from './errors';
import { appendAudit, auditTables } from './audit';
import type { AdministrationInformant, AdministrationMode, AdministrationRecord, CaseRecord } from './records';
import type { Language } from '../instrument/schema';

interface PlannedAdministration {
  instrument: string;
  informant: AdministrationInformant;
  language: Language;
  mode: AdministrationMode;
  daysAgo: number;
  /** Answer per scale: a list cycled over the scale's items (or, for ratings, [intensity, impact] pairs). */
  answers: (definition: InstrumentDefinition) => Answers;
}

/** Gives each item of a scale the next value of that scale's list (cycling), so scale means are known. */
export function answersByScale(definition: InstrumentDefinition, values: Record<string, number[]>): Answers {
  const answers: Answers = {};
  for (const scale of definition.scales) {
    const list = values[scale.id];
    if (!list) continue;
    scale.items.forEach((itemId, i) => {
      answers[itemId] = list[i % list.length]!;
    });
  }
  return answers;
}

function qualityFunction(definition: InstrumentDefinition, values: Record<string, [number, number][]>): Answers {
  const index = indexDefinition(definition);
  const answers: Answers = {};
  for (const scale of definition.scales) {
    const pairs = values[scale.id] ?? [[0, 0]];
    scale.items.forEach((itemId, i) => {
      const item = index.items.get(itemId);
      if (!item || ratingsOf(index, item) === null) return;
      const [intensity, impact] = pairs[i % pairs.length]!;
      answers[itemId] = intensity > 0 ? { intensity, impact } : { intensity };
    });
  }
  return answers;
}

// Avoidance falls over the three time points as a graded return takes hold; escape stays high longer.
const childFunctions = [
  { avoidance: [5, 6, 5, 5, 4], escape: [4, 4, 5, 3, 4], attention: [2, 1, 2, 1, 2], tangible: [1, 0, 0, 1, 0] },
  { avoidance: [4, 3, 4, 3, 4], escape: [4, 3, 4, 4, 3], attention: [1, 1, 2, 1, 1], tangible: [0, 1, 0, 0, 0] },
  { avoidance: [2, 1, 2, 2, 1], escape: [2, 3, 2, 2, 2], attention: [1, 0, 1, 1, 0], tangible: [0, 0, 0, 1, 0] },
];
const motherFunctions = [
  { avoidance: [6, 5, 5, 6, 5], escape: [3, 3, 4, 3, 3], attention: [3, 4, 3, 3, 4], tangible: [1, 1, 0, 1, 1] },
  { avoidance: [4, 4, 5, 4, 4], escape: [3, 3, 3, 2, 3], attention: [3, 3, 2, 3, 3], tangible: [1, 0, 1, 0, 1] },
  { avoidance: [2, 2, 3, 2, 2], escape: [2, 2, 2, 2, 1], attention: [2, 2, 2, 1, 2], tangible: [0, 0, 1, 0, 0] },
];
const fatherFunctions = [
  { avoidance: [4, 5, 4, 4, 5], escape: [3, 2, 3, 3, 2], attention: [2, 2, 1, 2, 2], tangible: [2, 1, 1, 2, 1] },
  { avoidance: [4, 3, 3, 4, 3], escape: [2, 2, 3, 2, 2], attention: [2, 1, 2, 2, 1], tangible: [1, 1, 1, 0, 1] },
  { avoidance: [2, 2, 1, 2, 2], escape: [2, 1, 2, 2, 2], attention: [1, 1, 1, 1, 2], tangible: [1, 0, 0, 1, 0] },
];
const TIME_POINTS = [112, 56, 7];

export const EXAMPLE_ADMINISTRATIONS: PlannedAdministration[] = [
  ...TIME_POINTS.flatMap((daysAgo, t): PlannedAdministration[] => [
    { instrument: 'function-child', informant: 'child', language: 'fi', mode: 'self-report', daysAgo, answers: (d) => answersByScale(d, childFunctions[t]!) },
    { instrument: 'function-parent', informant: 'mother', language: 'fi', mode: 'self-report', daysAgo, answers: (d) => answersByScale(d, motherFunctions[t]!) },
    { instrument: 'function-parent', informant: 'father', language: 'sv', mode: 'self-report', daysAgo, answers: (d) => answersByScale(d, fatherFunctions[t]!) },
  ]),
  {
    instrument: 'quality-function-child',
    informant: 'child',
    language: 'fi',
    mode: 'self-report',
    daysAgo: 111,
    answers: (d) =>
      qualityFunction(d, {
        'social-anxiety': [[3, 3], [4, 3], [3, 2]],
        'performance-anxiety': [[4, 4], [3, 3], [4, 3]],
        'somatic-complaints': [[3, 2], [2, 2], [3, 3]],
        'separation-anxiety': [[1, 0], [0, 0], [1, 1]],
        depression: [[2, 1], [2, 1], [1, 0]],
        'problems-with-peers': [[2, 2], [3, 2], [2, 1]],
      }),
  },
  {
    instrument: 'quality-function-parent',
    informant: 'mother',
    language: 'fi',
    mode: 'interview',
    daysAgo: 111,
    answers: (d) =>
      qualityFunction(d, {
        'social-anxiety': [[3, 2], [3, 3], [2, 2]],
        'performance-anxiety': [[4, 3], [4, 4], [3, 3]],
        'somatic-complaints': [[4, 3], [3, 3], [4, 4]],
        'separation-anxiety': [[2, 1], [2, 2], [1, 1]],
        depression: [[1, 1], [2, 1], [1, 0]],
      }),
  },
  ...(
    [
    { daysAgo: 113, answers: { period: 20, refused: 8, sick: 2, 'kept-home': 1.5, appointment: 0.5 } },
    { daysAgo: 57, answers: { period: 19, refused: 4, sick: 1, appointment: 1 } },
    { daysAgo: 8, answers: { period: 20, refused: 1, sick: 1.5 } },
    ] as { daysAgo: number; answers: Answers }[]
  ).map(
    ({ daysAgo, answers }): PlannedAdministration => ({
      instrument: 'absence-checklist',
      informant: 'practitioner',
      language: 'fi',
      mode: 'interview',
      daysAgo,
      answers: () => answers,
    }),
  ),
];

const DAY = 24 * 60 * 60 * 1000;

/** Writes the example case and its administrations in one transaction; returns the case. */
export async function loadExampleCase(db: PolkuDatabase, catalog: Catalog, today = new Date()): Promise<CaseRecord> {
  const planned = EXAMPLE_ADMINISTRATIONS.map((plan) => {
    const definition = catalog.find(plan.instrument);
    if (!definition) throw new StorageError('not-found', plan.instrument);
    return { plan, definition };
  });
  // Hashes before the transaction: Web Crypto inside one would let it commit early.
  const hashes = await Promise.all(planned.map(({ definition }) => contentHash(definition)));
  const code = await freshCaseCode(db);
  const stamp = today.toISOString();
  const record: CaseRecord = {
    id: newId(),
    code,
    displayName: 'Esimerkki Oppilas',
    birthYear: today.getFullYear() - 13,
    birthMonth: 3,
    gender: 'girl',
    school: 'Esimerkkikoulu',
    className: '7B',
    notes: 'Fictional example case / Kuvitteellinen esimerkki / Fiktivt exempel.',
    example: true,
    createdAt: new Date(today.getTime() - 115 * DAY).toISOString(),
    updatedAt: stamp,
    lastActivityAt: stamp,
  };
  const administrations: AdministrationRecord[] = planned.map(({ plan, definition }, i) => {
    // Minutes apart within a day, so the timeline keeps the planned order.
    const at = new Date(today.getTime() - plan.daysAgo * DAY + i * 10 * 60 * 1000).toISOString();
    return {
      id: newId(),
      caseId: record.id,
      instrumentId: definition.id,
      instrumentVersion: definition.version,
      definitionHash: hashes[i]!,
      informant: plan.informant,
      language: plan.language,
      mode: plan.mode,
      status: 'complete',
      answers: plan.answers(definition),
      position: 0,
      administeredBy: 'Example psychologist',
      startedAt: at,
      updatedAt: at,
      completedAt: at,
    };
  });
  await guarded(() =>
    db.transaction('rw', [db.cases, db.administrations, ...auditTables(db)], async () => {
      await db.cases.add(record);
      await db.administrations.bulkAdd(administrations);
      await appendAudit(db, { action: 'create', target: 'case', caseId: record.id, detail: { example: true, questionnaires: administrations.length } });
    }),
  );
  return record;
}
