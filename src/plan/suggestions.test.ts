import { shipped } from '../../tests/support/shipped';
import { planSuggestions } from './suggestions';

const functionChild = shipped('function-child@1.0.0');

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
});
