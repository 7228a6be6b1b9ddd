/** Words for answer problems, from the same templates as definition problems. Pure. */
import { interpolate } from '../instrument/validate';
import type { AnswerProblem } from './types';

export function formatAnswerProblem(problem: AnswerProblem, templates: Record<string, string>): string {
  const template = templates[problem.code] ?? problem.code;
  return interpolate(template, { ...problem.params, item: problem.item, rating: problem.rating ?? '' });
}
