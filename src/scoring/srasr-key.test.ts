import { score } from './score';
import { shipped } from '../../tests/support/shipped';
import type { Answers } from '../instrument/answers';

const key = shipped('srasr-key-child@1.0.0');

/** Answers 1..24 from a list of 24 values (null = unanswered). */
function answers(values: (number | null)[]): Answers {
  return Object.fromEntries(values.map((v, i) => [String(i + 1), v]));
}

describe('SRAS-R transcription key', () => {
  it('scores each function as the mean of its six rotating items', () => {
    // Item k belongs to function (k-1) mod 4. Avoidance items 1,5,9,13,17,21 = 6,5,4,3,2,1 -> 21/6 = 3.5
    const values = [6, 0, 1, 0, 5, 0, 1, 0, 4, 0, 1, 0, 3, 0, 1, 0, 2, 0, 1, 0, 1, 0, 1, 6];
    const result = score(key, answers(values));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const byId = Object.fromEntries(result.report.scales.map((s) => [s.id, s.score]));
    expect(byId).toEqual({ avoidance: 3.5, escape: 0, attention: 1, tangible: 1 });
    expect(result.report.primary).toEqual(['avoidance']);
  });
});
