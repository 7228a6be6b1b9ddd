/** The shape of answers to an instrument: what the runner, paper entry and storage keep, and what scoring reads. Pure. */

/** One item's answer: a number, an object of numbers for multi-rating items, or null (unanswered). */
export type AnswerValue = number | { [rating: string]: number | null } | null;
export type Answers = Record<string, AnswerValue>;
