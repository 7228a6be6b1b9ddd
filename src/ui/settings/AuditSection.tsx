import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { allAudit } from '../../storage/audit';
import { useDatabase } from '../app/database-context';
import { AuditTable } from '../audit/AuditTable';
import { SettingsSection } from './SettingsSection';
import { Loading } from '../app/Loading';

/** Everything done on this device, newest first: for the practitioner's records. */
export function AuditSection() {
  const { t } = useTranslation('audit');
  const db = useDatabase();
  const entries = useLiveQuery(() => allAudit(db), [db]);
  return (
    <SettingsSection id="audit" title={t('title')}>
      <p className="muted">{t('intro')}</p>
      {entries === undefined ? <Loading /> : <AuditTable entries={entries} showCase />}
    </SettingsSection>
  );
}
