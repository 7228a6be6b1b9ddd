/**
 * Decimal numbers as people type them: Finnish and Swedish write a decimal comma ("3,5"), English a
 * point ("3.5"); both are read the same in every interface language. Pure.
 */

/**
 * A typed decimal number: digits with an optional sign and one decimal point or comma ("3,5",
 * "3.5", "-0,5", "2.", ".5"), spaces around it ignored. Empty text gives null (nothing typed);
 * anything else that is not a plain decimal number ("abc", "1,2,3", "1 000", "1e3") gives NaN.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(trimmed)) return Number.NaN;
  const value = Number(trimmed.replace(',', '.'));
  // Hundreds of digits overflow to Infinity: not a number anyone meant.
  return Number.isFinite(value) ? value : Number.NaN;
}
