/**
 * Settings: whether the browser keeps Polku's data under storage pressure. Browsers may clear a
 * site's data when the device runs short of space unless the site has persistent storage, which
 * is asked for with a user action (navigator.storage.persist()). Shows the space used and the
 * quota, and reminds to make backups, which protect against what persistence cannot.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../app/lock.css';

type Persistence = 'checking' | 'persistent' | 'not-persistent' | 'unknown';
type Request = null | 'asking' | 'granted' | 'refused';
interface Usage {
  usage: number;
  quota: number;
}

/** The Storage API where the browser has it (absent in old browsers and some embedded views). */
function storageManager(): StorageManager | undefined {
  const storage = globalThis.navigator?.storage as StorageManager | undefined;
  return storage && typeof storage.persisted === 'function' ? storage : undefined;
}

const BYTES_PER_MB = 1_000_000;

export function StorageSection() {
  const { t, i18n } = useTranslation('lock');
  const [manager] = useState(storageManager);
  const canAsk = typeof manager?.persist === 'function';
  const [persistence, setPersistence] = useState<Persistence>(manager ? 'checking' : 'unknown');
  const [request, setRequest] = useState<Request>(null);
  // null: not known yet (or no Storage API at all, which the notice above says).
  const [usage, setUsage] = useState<Usage | null | 'unknown'>(() => (manager && typeof manager.estimate !== 'function' ? 'unknown' : null));

  useEffect(() => {
    if (!manager) return;
    let current = true;
    manager
      .persisted()
      .then((persisted) => current && setPersistence(persisted ? 'persistent' : 'not-persistent'))
      .catch(() => current && setPersistence('unknown'));
    if (typeof manager.estimate === 'function') {
      manager
        .estimate()
        .then((estimate) => {
          if (!current) return;
          setUsage(typeof estimate.usage === 'number' && typeof estimate.quota === 'number' ? { usage: estimate.usage, quota: estimate.quota } : 'unknown');
        })
        .catch(() => current && setUsage('unknown'));
    }
    return () => {
      current = false;
    };
  }, [manager]);

  const ask = async () => {
    if (!manager || !canAsk) return;
    setRequest('asking');
    let granted = false;
    try {
      granted = await manager.persist();
    } catch {
      granted = false;
    }
    setRequest(granted ? 'granted' : 'refused');
    if (granted) setPersistence('persistent');
  };

  const megabytes = (bytes: number) => {
    const mb = bytes / BYTES_PER_MB;
    const digits = mb < 1 ? 2 : mb < 100 ? 1 : 0;
    return new Intl.NumberFormat(i18n.language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(mb);
  };

  return (
    <section className="settings-section" aria-labelledby="storage-section-title">
      <h2 id="storage-section-title">{t('storage.title')}</h2>
      <p className="muted">{t('storage.intro')}</p>

      {persistence === 'checking' && <p role="status">{t('storage.checking')}</p>}
      {persistence === 'persistent' && <p className="notice storage-state">{t('storage.persistent')}</p>}
      {persistence === 'not-persistent' && <p className="notice notice-warning storage-state">{t('storage.notPersistent')}</p>}
      {persistence === 'unknown' && <p className="notice notice-warning storage-state">{manager ? t('storage.persistedFailed') : t('storage.unsupported')}</p>}

      {manager && canAsk && persistence === 'not-persistent' && (
        <div className="form-actions">
          <button type="button" className="button button-primary" disabled={request === 'asking'} onClick={() => void ask()}>
            {t('storage.ask')}
          </button>
        </div>
      )}
      <div aria-live="polite">
        {request === 'granted' && <p className="notice">{t('storage.granted')}</p>}
        {request === 'refused' && <p className="notice notice-warning">{t('storage.refused')}</p>}
      </div>

      {usage !== null && (
        <dl className="facts storage-usage">
          <div>
            <dt>{t('storage.used')}</dt>
            <dd>{usage === 'unknown' ? t('storage.usageUnknown') : t('storage.megabytes', { value: megabytes(usage.usage) })}</dd>
          </div>
          <div>
            <dt>{t('storage.quota')}</dt>
            <dd>{usage === 'unknown' ? t('storage.usageUnknown') : t('storage.megabytes', { value: megabytes(usage.quota) })}</dd>
          </div>
        </dl>
      )}

      <p>
        {t('storage.backupReminder')} <a href="#backup">{t('storage.backupLink')}</a>
      </p>
    </section>
  );
}
