/** A small definition exercising every part of the instrument format, for validation and scoring tests. */
export const t = (en: string) => ({ en, fi: `${en} (fi)`, sv: `${en} (sv)` });

/** A small valid definition exercising every part of the format; each case below breaks one thing. */
export function miniDefinition(): Record<string, any> {
  return {
    format: 'polku-instrument/1',
    id: 'mini',
    version: '1.0.0',
    url: 'urn:polku:instrument:mini',
    family: 'mini',
    status: 'active',
    informant: 'child',
    transcriptionKey: false,
    validated: false,
    title: t('Mini'),
    description: t('A test instrument'),
    licence: { name: 'test' },
    attribution: t('Polku tests'),
    notes: [{ kind: 'decision', text: t('Made for tests') }],
    responseScales: [
      {
        id: 'freq',
        type: 'ordinal',
        options: [
          { value: 0, label: t('never') },
          { value: 1, label: t('sometimes') },
          { value: 2, label: t('often') },
        ],
      },
      { id: 'days', type: 'count', min: 0, max: 20, step: 0.5 },
    ],
    ratingSets: [
      {
        id: 'qf',
        ratings: [
          { id: 'intensity', label: t('How much'), responseScale: 'freq' },
          { id: 'impact', label: t('Kept away'), responseScale: 'freq', condition: { rating: 'intensity', op: 'gt', value: 0 }, skippedValue: 0 },
        ],
      },
    ],
    items: [
      { id: 'a', number: '1', text: t('Item a'), responseScale: 'freq' },
      { id: 'b', number: '2', text: t('Item b'), responseScale: 'freq', reverse: true },
      { id: 'c', number: '3', text: t('Item c'), responseScale: 'freq', condition: { item: 'a', op: 'gte', value: 1 } },
      { id: 'q', number: '4', text: t('Item q'), ratingSet: 'qf' },
      { id: 'period', number: '5', text: t('Days in period'), responseScale: 'days' },
      { id: 'sick', number: '6', text: t('Days sick'), responseScale: 'days', required: false },
      { id: 'a-alt', number: '1b', text: t('Item a, reworded'), responseScale: 'freq', alternativeTo: 'a' },
    ],
    groups: [{ id: 'g', label: t('Group') }],
    scales: [
      { id: 's1', label: t('Scale 1'), group: 'g', items: ['a', 'b'], method: 'mean', minAnswered: 1 },
      { id: 's2', label: t('Scale 2'), items: ['c'], method: 'sum', minAnswered: 1 },
      { id: 's3', label: t('Scale 3'), items: ['q'], ratings: ['intensity', 'impact'], method: 'mean', minAnswered: 1 },
    ],
    profile: { scales: ['s1', 's2'], tieMargin: 0.25, combination: { informants: ['child', 'parent'], parents: 'average-first' } },
    classification: {
      periodItem: 'period',
      threshold: { percent: 10, basis: 'all-absence' },
      categories: [{ id: 'legit', label: t('Legitimate'), reasons: ['sick'], problematic: false }],
    },
    interpretations: [
      { scale: 's1', text: t('High s1'), suggestions: [t('Do this')] },
      { category: 'legit', text: t('Mostly legitimate') },
    ],
  };
}
