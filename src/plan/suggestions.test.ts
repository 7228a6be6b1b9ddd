import { shipped } from '../../tests/support/shipped';
import { answersByScale } from '../storage/example-case';
import { casePrimaryFunctions, planSuggestions, type CompletedAdministration } from './suggestions';

const functionChild = shipped('function-child@1.0.0');
const functionParent = shipped('function-parent@1.0.0');

describe('plan suggestions', () => {
  it('lists the interpretation suggestions of the given functions, in that order and language', () => {
    const suggestions = planSuggestions(functionChild, ['escape', 'avoidance'], 'sv');
    expect(suggestions.map((s) => s.key)).toEqual(['escape:0', 'escape:1', 'escape:2', 'avoidance:0', 'avoidance:1', 'avoidance:2']);
    expect(suggestions[3]).toEqual({
      key: 'avoidance:0',
      scale: 'avoidance',
      text: 'Gradvis exponering: återgång steg för steg, med början i den minst obehagliga delen av skoldagen',
      fallback: false,
    });
    expect(planSuggestions(functionChild, [], 'fi')).toEqual([]);
  });

  it('combines the latest form of each informant in the family of the newest form', () => {
    const form = (definition: typeof functionChild, informant: CompletedAdministration['informant'], completedAt: string, values: Record<string, number[]>): CompletedAdministration => ({
      informant,
      completedAt,
      definition,
      answers: answersByScale(definition, values),
    });
    const administrations = [
      // An older child form with avoidance high: replaced by the newer one.
      form(functionChild, 'child', '2026-01-01T10:00:00Z', { avoidance: [6], escape: [0], attention: [0], tangible: [0] }),
      form(functionChild, 'child', '2026-03-01T10:00:00Z', { avoidance: [2, 1, 2, 2, 1], escape: [2, 3, 2, 2, 2], attention: [1, 0, 1, 1, 0], tangible: [0, 0, 0, 1, 0] }),
      form(functionParent, 'mother', '2026-03-01T11:00:00Z', { avoidance: [2, 2, 3, 2, 2], escape: [2, 2, 2, 2, 1], attention: [2, 2, 2, 1, 2], tangible: [0, 0, 1, 0, 0] }),
      form(functionParent, 'father', '2026-03-01T12:00:00Z', { avoidance: [2, 2, 1, 2, 2], escape: [2, 1, 2, 2, 2], attention: [1, 1, 1, 1, 2], tangible: [1, 0, 0, 1, 0] }),
      // Another family is left out.
      form(shipped('quality-function-child@1.0.0'), 'child', '2026-02-01T10:00:00Z', {}),
    ];
    const result = casePrimaryFunctions(administrations)!;
    // Escape: child 2.2; parents (1.8 + 1.8) / 2 = 1.8 -> 2.0. Avoidance: child 1.6; parents (2.2 + 1.8) / 2 = 2.0 -> 1.8.
    // 2.0 − 1.8 = 0.2 is within the tie margin 0.25: both are primary, escape first.
    expect(result.family).toBe('function');
    expect(result.primary).toEqual(['escape', 'avoidance']);
    expect(result.combined.informants).toEqual(['child', 'mother', 'father']);
    expect(result.latestAt).toBe('2026-03-01T12:00:00Z');
    expect(casePrimaryFunctions([])).toBeNull();
  });
});
