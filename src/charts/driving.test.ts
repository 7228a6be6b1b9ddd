import { drivingProfile } from './driving';
import { scoreAdministrations } from './scored';
import { administration, day, shippedCatalog } from './test-helpers';

const scored = (list: ReturnType<typeof administration>[]) => scoreAdministrations(list, shippedCatalog);

describe('drivingProfile', () => {
  // Function forms: child, mother and father on days 0–2; a typed SRAS-R key (child) on day 3.
  const forms = () => [
    administration('function-child@1.0.0', 'child', { avoidance: [4, 4, 4, 4, 4], escape: [2, 2, 2, 2, 2], attention: [1, 1, 1, 1, 1], tangible: [0, 0, 0, 0, 0] }, 0),
    administration('function-parent@1.0.0', 'mother', { avoidance: [5, 5, 5, 5, 5], escape: [1, 1, 1, 1, 1], attention: [2, 2, 2, 2, 2], tangible: [0, 0, 0, 0, 0] }, 1),
    administration('function-parent@1.0.0', 'father', { avoidance: [3, 3, 3, 3, 3], escape: [1, 1, 1, 1, 1], attention: [2, 2, 2, 2, 2], tangible: [0, 0, 0, 0, 0] }, 2),
  ];
  const key = () =>
    administration('srasr-key-child@1.0.0', 'child', { avoidance: [0, 0, 0, 0, 0, 0], escape: [0, 0, 0, 0, 0, 0], attention: [0, 0, 0, 0, 0, 0], tangible: [6, 6, 6, 6, 6, 6] }, 3);

  it('a typed key in the same fortnight does not hide three informants’ function forms', () => {
    const list = [...forms(), key()];
    const choice = drivingProfile(scored(list));
    expect(choice.options.map((o) => [o.family, o.forms.map((f) => f.informant)])).toEqual([
      ['srasr', ['child']],
      ['function', ['child', 'mother', 'father']],
    ]);
    const driving = choice.driving!;
    expect(driving.family).toBe('function');
    expect(driving.key).toBe(`function:${list[0]!.id}`);
    expect(driving.forms.map((f) => [f.informant, f.instrument, f.date])).toEqual([
      ['child', 'function-child@1.0.0', day(0)],
      ['mother', 'function-parent@1.0.0', day(1)],
      ['father', 'function-parent@1.0.0', day(2)],
    ]);
    // Avoidance: child 4, parents (5 + 3) / 2 = 4 -> 4; escape: 2 and 1 -> 1.5; attention 1 and 2 -> 1.5.
    expect(driving.combined.scales.map((s) => s.score)).toEqual([4, 1.5, 1.5, 0]);
    expect(driving.combined.primary).toEqual(['avoidance']);
    expect(driving.combined.provisional).toBeUndefined();
    expect(choice).toMatchObject({ chosen: false, choiceGone: false });
  });

  it('takes the newest time point when the other family’s latest is older than 14 days', () => {
    const list = [
      ...forms(),
      administration(
        'srasr-key-child@1.0.0',
        'child',
        { avoidance: [0, 0, 0, 0, 0, 0], escape: [0, 0, 0, 0, 0, 0], attention: [0, 0, 0, 0, 0, 0], tangible: [6, 6, 6, 6, 6, 6] },
        17,
      ),
    ];
    const driving = drivingProfile(scored(list)).driving!;
    expect(driving.family).toBe('srasr');
    expect(driving.combined.primary).toEqual(['tangible']);
    // One informant only: every scored function rests on one informant, so the primary is provisional.
    expect(driving.combined.provisional).toEqual([{ kind: 'one-informant', scales: ['avoidance', 'escape', 'attention', 'tangible'] }]);
  });

  it('follows the clinician’s choice, and falls back to the default when the chosen forms are gone', () => {
    const list = [...forms(), key()];
    const all = scored(list);
    const keyOption = `srasr:${list[3]!.id}`;
    expect(drivingProfile(all, keyOption)).toMatchObject({ chosen: true, choiceGone: false, driving: { family: 'srasr', key: keyOption } });
    expect(drivingProfile(all, 'srasr:deleted')).toMatchObject({ chosen: false, choiceGone: true, driving: { family: 'function' } });
  });

  it('is empty without a function-style form', () => {
    expect(drivingProfile(scored([administration('absence-checklist@1.0.0', 'practitioner', { period: 20 }, 0)]))).toEqual({
      options: [],
      driving: null,
      chosen: false,
      choiceGone: false,
    });
  });
});
