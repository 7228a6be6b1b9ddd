/** The small-cell report before writing: which combinations fewer than k cases share, and ways to coarsen them. */
import { useTranslation } from 'react-i18next';
import { AGE_BANDS } from '../../export/anonymize';
import type { SmallCellReport } from '../../export/k-anonymity';
import type { ExportOptions } from '../../export/types';

export function useQuasiValueText(): (field: string, value: string | number | null) => string {
  const { t } = useTranslation(['research', 'cases']);
  return (field, value) => {
    if (value === null) return t('check.notRecorded');
    if (field === 'gender') return t(`cases:gender.${value}`);
    if (field === 'informant') return t(`cases:informantKind.${value}`);
    if (field === 'age_band') {
      const band = AGE_BANDS.find((b) => b.from === value);
      if (!band) return String(value);
      if (band.to === null) return t('check.bandFrom', { from: band.from });
      return band.from === 0 ? t('check.bandTo', { to: band.to }) : t('check.band', { from: band.from, to: band.to });
    }
    return String(value);
  };
}

export function SmallCells({ report, options, onChange }: { report: SmallCellReport; options: ExportOptions; onChange: (patch: Partial<ExportOptions>) => void }) {
  const { t } = useTranslation(['research', 'cases']);
  const valueText = useQuasiValueText();
  if (report.small.length === 0) {
    return (
      <p className="notice" role="status">
        {t('check.ok', { count: report.groups, k: report.k })}
      </p>
    );
  }
  const fixes: { key: string; patch: Partial<ExportOptions> }[] = [];
  if (options.age === 'years') fixes.push({ key: 'bands', patch: { age: 'bands' } });
  if (options.age !== 'none') fixes.push({ key: 'dropAge', patch: { age: 'none' } });
  if (options.gender) fixes.push({ key: 'dropGender', patch: { gender: false } });
  if (options.schoolYear) fixes.push({ key: 'dropSchoolYear', patch: { schoolYear: false } });
  if (options.informant === 'detailed') fixes.push({ key: 'role', patch: { informant: 'role' } });
  return (
    <div className="small-cells">
      <p className="notice notice-warning" role="status">
        {t('check.small', { count: report.small.length, k: report.k })} {t('check.affected', { count: report.casesAffected })}
      </p>
      <table className="data-table compact">
        <caption className="visually-hidden">{t('check.caption')}</caption>
        <thead>
          <tr>
            {report.fields.map((field) => (
              <th key={field} scope="col">
                {t(`check.fields.${field}`)}
              </th>
            ))}
            <th scope="col">{t('check.cases')}</th>
          </tr>
        </thead>
        <tbody>
          {report.small.map((cell) => (
            <tr key={JSON.stringify(cell.values)}>
              {report.fields.map((field) => (
                <td key={field}>{valueText(field, cell.values[field] ?? null)}</td>
              ))}
              <td>{cell.cases}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {fixes.length > 0 && (
        <>
          <h3 className="research-subtitle">{t('check.fixTitle')}</h3>
          <p className="field-hint">{t('check.fixIntro')}</p>
          <div className="button-row">
            {fixes.map((fix) => (
              <button key={fix.key} type="button" className="button" onClick={() => onChange(fix.patch)}>
                {t(`check.fix.${fix.key}`)}
              </button>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
