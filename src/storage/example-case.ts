/**
 * "Load an example case": a fictional pupil with child and parent function forms at three time
 * points, quality/function forms and absence checklists, a gradual-return plan and six weeks of
 * attendance, so a newcomer sees a full case at once.
 * Everything here is invented; the case is marked `example`.
 */
import type { Catalog } from '../instrument/catalog';
import type { InstrumentDefinition } from '../instrument/schema';
import { contentHash } from '../instrument/hash';
import { ratingsOf, indexDefinition } from '../instrument/model';
import type { Answers } from '../instrument/answers';
import type { PolkuDatabase } from './db';
import { newId } from './db';
import { freshCaseCode } from './cases';
import { StorageError, guarded } from './errors';
import { appendAudit, auditTables } from './audit';
import type { AdministrationInformant, AdministrationMode, AdministrationRecord, AttendanceRecord, CaseRecord, PlanRecord, PlanStep } from './records';
import { addDays, localDateOf, schoolDaysOfWeek, weekStart } from '../plan/dates';
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
        'social-anxiety': [
          [3, 3],
          [4, 3],
          [3, 2],
        ],
        'performance-anxiety': [
          [4, 4],
          [3, 3],
          [4, 3],
        ],
        'somatic-complaints': [
          [3, 2],
          [2, 2],
          [3, 3],
        ],
        'separation-anxiety': [
          [1, 0],
          [0, 0],
          [1, 1],
        ],
        depression: [
          [2, 1],
          [2, 1],
          [1, 0],
        ],
        'problems-with-peers': [
          [2, 2],
          [3, 2],
          [2, 1],
        ],
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
        'social-anxiety': [
          [3, 2],
          [3, 3],
          [2, 2],
        ],
        'performance-anxiety': [
          [4, 3],
          [4, 4],
          [3, 3],
        ],
        'somatic-complaints': [
          [4, 3],
          [3, 3],
          [4, 4],
        ],
        'separation-anxiety': [
          [2, 1],
          [2, 2],
          [1, 1],
        ],
        depression: [
          [1, 1],
          [2, 1],
          [1, 0],
        ],
      }),
  },
  ...(
    [
      { daysAgo: 113, answers: { period: 20, refused: 8, sick: 2, 'kept-home': 1.5, appointment: 0.5 } },
      { daysAgo: 57, answers: { period: 19, refused: 4, sick: 1, appointment: 1 } },
      { daysAgo: 8, answers: { period: 20, refused: 1, sick: 1.5 } },
    ] as { daysAgo: number; answers: Answers }[]
  ).map(({ daysAgo, answers }): PlannedAdministration => ({
    instrument: 'absence-checklist',
    informant: 'practitioner',
    language: 'fi',
    mode: 'interview',
    daysAgo,
    answers: () => answers,
  })),
];

const DAY = 24 * 60 * 60 * 1000;

/**
 * The example's gradual-return plan, dated from the Monday of this week (M): it started six
 * weeks ago after the second time point; the second step proved too big and was revised; the
 * fourth is in progress, with the return in two weeks.
 */
export function examplePlan(caseId: string, today: Date): PlanRecord {
  const monday = weekStart(localDateOf(today));
  const at = (days: number) => addDays(monday, days);
  const stamp = (days: number) => new Date(`${at(days)}T15:00:00`).toISOString();
  const ids = [newId(), newId(), newId(), newId()] as const;
  const step = (i: number, fields: Omit<PlanStep, 'id'>): PlanStep => ({ id: ids[i]!, ...fields });
  const steps: PlanStep[] = [
    step(0, {
      action: 'Attends the first two lessons each morning with the resource teacher / Osallistuu kahdelle ensimmäiselle tunnille erityisopettajan kanssa',
      startDate: at(-42),
      reviewDate: at(-31),
      successCriterion: '8 of 10 mornings / 8 aamua kymmenestä',
      supports: 'Resource room as a safe place; lift to school by the father',
      responsible: ['pupil', 'teacher', 'parent'],
      status: 'achieved',
      suggestedFor: 'avoidance:0',
    }),
    step(1, {
      action: 'Attends whole mornings in class / Osallistuu koko aamupäivän omassa luokassa',
      startDate: at(-28),
      reviewDate: at(-17),
      successCriterion: '4 of 5 mornings',
      supports: 'Named adult at break',
      responsible: ['pupil', 'teacher'],
      status: 'revised',
    }),
    step(2, {
      action: 'Attends whole mornings, first lesson in the resource room / Koko aamupäivä, ensimmäinen tunti pienryhmässä',
      startDate: at(-21),
      reviewDate: at(-10),
      successCriterion: '4 of 5 mornings',
      supports: 'Named adult at break; no presentations yet',
      responsible: ['pupil', 'teacher'],
      status: 'achieved',
      revisionOf: ids[1],
    }),
    step(3, {
      action: 'Attends full school days; presentations agreed in advance / Täydet koulupäivät, esitykset sovitaan etukäteen',
      startDate: at(-7),
      // Monday next week: ahead of every day the example is loaded on (Friday of this week was past on a weekend).
      reviewDate: at(7),
      successCriterion: '9 of 10 days',
      supports: 'Weekly check-in with the psychologist',
      responsible: ['pupil', 'teacher', 'psychologist'],
      status: 'in-progress',
      suggestedFor: 'escape:0',
    }),
  ];
  return {
    id: newId(),
    caseId,
    title: 'Gradual return / Asteittainen paluu',
    goal: 'Full school days in class 7B / Täydet koulupäivät luokassa 7B',
    returnDate: at(14),
    steps,
    contacts: [
      { id: newId(), name: 'Example resource teacher', role: 'Resource teacher / erityisopettaja', reach: '040 000 0000' },
      { id: newId(), name: 'Example class teacher', role: 'Class teacher / luokanvalvoja' },
    ],
    reviews: [
      { id: newId(), date: at(-31), notes: 'Step 1 achieved (9 of 10 mornings). Next: whole mornings.' },
      { id: newId(), date: at(-24), notes: 'Whole mornings too big a step: revised to start in the resource room.' },
    ],
    // The states before the current one: as created, and after the first review.
    revisions: [
      { savedAt: stamp(-45), goal: 'Full school days in class 7B / Täydet koulupäivät luokassa 7B', returnDate: at(14), steps: [{ ...steps[0]!, status: 'planned' }] },
      { savedAt: stamp(-31), goal: 'Full school days in class 7B / Täydet koulupäivät luokassa 7B', returnDate: at(14), steps: [steps[0]!, { ...steps[1]!, status: 'planned' }] },
    ],
    createdAt: stamp(-45),
    updatedAt: stamp(-7),
  };
}

/** Lessons attended per school day over the six weeks of the plan: attendance rises as it takes hold. */
export const EXAMPLE_ATTENDANCE = [
  [2, 2, 0, 2, 2],
  [2, 2, 2, 3, 2],
  [3, 2, 3, 3, 3],
  [4, 4, 3, 4, 4],
  [4, 5, 4, 5, 4],
  [6, 5, 6, 6, 5],
];
const EXAMPLE_MORNING_DISTRESS = [8, 8, 7, 5, 4, 3];

export function exampleAttendance(caseId: string, today: Date): AttendanceRecord[] {
  const monday = weekStart(localDateOf(today));
  const stamp = today.toISOString();
  return EXAMPLE_ATTENDANCE.flatMap((week, w) =>
    schoolDaysOfWeek(addDays(monday, (w - 6) * 7)).map((date, d): AttendanceRecord => {
      const row: AttendanceRecord = {
        id: newId(),
        caseId,
        date,
        unit: 'lessons',
        scheduled: 6,
        attended: week[d]!,
        distress: { morning: EXAMPLE_MORNING_DISTRESS[w]!, evening: Math.max(1, EXAMPLE_MORNING_DISTRESS[w]! - 3) },
        updatedAt: stamp,
      };
      if (week[d] === 0) row.note = 'Stayed home: stomach ache in the morning';
      return row;
    }),
  );
}

/** Writes the example case, its administrations, plan and attendance in one transaction; returns the case. */
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
  const plan = examplePlan(record.id, today);
  const attendance = exampleAttendance(record.id, today);
  await guarded(() =>
    db.transaction('rw', [db.cases, db.administrations, db.plans, db.attendance, ...auditTables(db)], async () => {
      await db.cases.add(record);
      await db.administrations.bulkAdd(administrations);
      await db.plans.add(plan);
      await db.attendance.bulkAdd(attendance);
      await appendAudit(db, { action: 'create', target: 'case', caseId: record.id, detail: { example: true, questionnaires: administrations.length } });
      await appendAudit(db, { action: 'create', target: 'plan', caseId: record.id, detail: { example: true, steps: plan.steps.length } });
      await appendAudit(db, { action: 'update', target: 'attendance', caseId: record.id, detail: { example: true, days: attendance.length } });
    }),
  );
  return record;
}
