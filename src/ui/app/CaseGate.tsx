import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../storage/records';
import { Loading } from './Loading';
import { NotFound } from './NotFound';
import { useCase } from './reads';

type Loaded<T extends readonly unknown[]> = { [K in keyof T]: Exclude<T[K], undefined> };

/**
 * The gate of a case's pages: "Loading" until the case and every other read in `waitFor` have come
 * (undefined means not yet), the missing-case page (or `missing`) when the case is not on this device,
 * else the page, given the case and the loaded reads in the order of `waitFor`.
 */
export function CaseGate<T extends readonly unknown[]>({
  caseId,
  waitFor,
  missing,
  children,
}: {
  caseId: string;
  waitFor: readonly [...T];
  missing?: ReactNode;
  children: (record: CaseRecord, ...loaded: Loaded<T>) => ReactNode;
}) {
  const record = useCase(caseId);
  if (record === undefined || waitFor.some((value) => value === undefined)) return <Loading />;
  if (record === null) return missing ?? <CaseMissing />;
  return <>{children(record, ...(waitFor as Loaded<T>))}</>;
}

function CaseMissing() {
  const { t } = useTranslation('cases');
  return <NotFound title={t('caseMissing')} back={{ to: '/', label: t('backToCases') }} />;
}
