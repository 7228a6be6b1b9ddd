/**
 * Words for chart summaries (src/charts/summary.ts) in a language: the screen uses the interface
 * language's `t`, the PDF report a `t` fixed to the report language (i18n.getFixedT(language)).
 * No recharts here, so the report can import it without pulling the charts in.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../instrument/languages';
import type { SummaryFormat } from '../../charts';
import { formatDate, formatNumber, formatScore } from '../../format/locale';

export function summaryFormat(t: TFunction | ((key: string, options?: Record<string, unknown>) => string), language: Language): SummaryFormat {
  return {
    t: (key, options) => (t as (key: string, options?: Record<string, unknown>) => string)(key, options),
    language,
    score: (value) => formatScore(value, language),
    number: (value, digits) => formatNumber(value, language, digits),
    date: (iso) => formatDate(iso, language),
  };
}

export function useSummaryFormat(): SummaryFormat {
  const { t, i18n } = useTranslation('charts');
  return summaryFormat(t, i18n.language as Language);
}
