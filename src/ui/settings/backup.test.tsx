// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { testDatabase } from '../../../tests/support/db';
import { renderApp } from '../../../tests/support/render-app';
import { shipped } from '../../../tests/support/shipped';
import { startAdministration } from '../../storage/administrations';
import { makeBackup, readContent } from '../../storage/backup';
import { readBackup } from '../../storage/backup-validate';
import { createCase } from '../../storage/cases';
import { writeSetting } from '../../storage/settings';
import { BackupReminder } from '../app/BackupReminder';
import { DatabaseProvider } from '../app/database-context';
import { setupI18n } from '../i18n';

const PASSPHRASE = 'sininen polku metsään';
const section = async (name: string) => within(await screen.findByRole('region', { name }));

let created: Blob[] = [];
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  created = [];
  // jsdom has no object URLs and does not download: keep the file and the link's name instead.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    created.push(blob);
    return `blob:polku/${created.length}`;
  });
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => vi.restoreAllMocks());

/** A backup file from another device: two cases (one with the code SAME), one questionnaire. */
async function otherDeviceFile() {
  const other = testDatabase();
  await createCase(other, { code: 'SAME', birthYear: 2012 });
  const kase = await createCase(other, { code: 'NEW-1', birthYear: 2013 });
  await startAdministration(other, { caseId: kase.id, definition: shipped('function-child@1.0.0'), informant: 'child', language: 'fi', mode: 'self-report' });
  const { text } = await makeBackup(other, { passphrase: PASSPHRASE, iterations: 1_000 });
  return new File([text], 'polku-backup-2026-11-22.polku', { type: 'application/octet-stream' });
}

describe('settings: backup', () => {
  it('makes an encrypted backup after checking the passphrase, downloads it and says when', async () => {
    const db = testDatabase();
    await createCase(db, { code: 'BACK-1', birthYear: 2012, displayName: 'Aino Ääkkönen' });
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(`${this.download} ${this.href}`);
    });
    await renderApp('/settings', { language: 'en', db });
    const backup = await section('Backup');
    expect(await backup.findByText('No backup has been made on this device.')).toBeInTheDocument();
    const make = within(backup.getByRole('region', { name: 'Make a backup' }));

    await userEvent.type(make.getByLabelText('Passphrase'), 'short');
    expect(make.getByText('Strength: too short.')).toBeInTheDocument();
    await userEvent.click(make.getByRole('button', { name: 'Make a backup' }));
    expect(make.getByLabelText('Passphrase')).toHaveAccessibleDescription(/The passphrase must be at least 8 characters\.$/);
    expect(make.getByLabelText('Passphrase')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(make.getByLabelText('Passphrase'));
    await userEvent.type(make.getByLabelText('Passphrase'), PASSPHRASE);
    expect(make.getByText('Strength: strong.')).toBeInTheDocument();
    await userEvent.type(make.getByLabelText('Passphrase again'), 'sininen polku');
    await userEvent.click(make.getByRole('button', { name: 'Make a backup' }));
    expect(make.getByText('The passphrases do not match.')).toBeInTheDocument();
    expect(created).toHaveLength(0);

    await userEvent.type(make.getByLabelText('Passphrase again'), ' metsään');
    await userEvent.click(make.getByRole('button', { name: 'Make a backup' }));
    await waitFor(
      () =>
        expect(make.getByRole('status')).toHaveTextContent(/^Backup made .+: polku-backup-\d{4}-\d{2}-\d{2}\.polku\. Keep the file and the passphrase in separate safe places\.$/),
      { timeout: 10_000 },
    );
    expect(clicks).toEqual([expect.stringMatching(/^polku-backup-\d{4}-\d{2}-\d{2}\.polku blob:polku\/1$/)]);
    expect(make.getByLabelText('Passphrase')).toHaveValue('');

    const text = await created[0]!.text();
    expect(text).not.toContain('Aino');
    const read = await readBackup(text, PASSPHRASE);
    expect(read.ok && read.backup.tables.cases.map((c) => c.displayName)).toEqual(['Aino Ääkkönen']);
    expect(read.ok && read.backup.header.encryption?.iterations).toBe(600_000);
    const settings = await db.settings.get('lastBackupAt');
    expect(settings?.value).toEqual(expect.any(String));
    expect(await backup.findByText(/^Last backup: .+\.$/)).toBeInTheDocument();
    expect((await db.audit.where('action').equals('backup').toArray()).map((e) => e.detail)).toEqual([{ cases: 1, administrations: 0 }]);
  }, 20_000);

  it('makes an unencrypted file only when asked, with a warning', async () => {
    const db = testDatabase();
    await createCase(db, { code: 'OPEN-1', birthYear: 2012 });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await renderApp('/settings', { language: 'fi', db });
    const make = within((await section('Varmuuskopio')).getByRole('region', { name: 'Tee varmuuskopio' }));
    await userEvent.click(make.getByRole('checkbox', { name: 'Tee sen sijaan salaamaton tiedosto' }));
    expect(make.getByRole('checkbox')).toHaveAccessibleDescription(/lasten mielenterveydestä/);
    expect(make.queryByLabelText('Salalause')).not.toBeInTheDocument();
    await userEvent.click(make.getByRole('button', { name: 'Tee salaamaton varmuuskopio' }));
    await waitFor(() => expect(make.getByRole('status')).toHaveTextContent(/^Salaamaton varmuuskopio tehty /));
    const file = JSON.parse(await created[0]!.text());
    expect(file.encryption).toBeNull();
    expect(file.payload.cases[0].code).toBe('OPEN-1');
  });

  it('restoring with a wrong passphrase says so and changes nothing', async () => {
    const db = testDatabase();
    await createCase(db, { code: 'SAME', birthYear: 2011 });
    const before = await readContent(db);
    await renderApp('/settings', { language: 'en', db });
    const restore = within((await section('Backup')).getByRole('region', { name: 'Restore from a backup' }));
    await userEvent.upload(restore.getByLabelText('Backup file (.polku)'), await otherDeviceFile());
    expect(await restore.findByText(/^Backup made .+, encrypted\.$/)).toBeInTheDocument();
    await userEvent.type(restore.getByLabelText('Passphrase of the backup'), 'sininen polku metsään!');
    await userEvent.click(restore.getByRole('button', { name: 'Check the backup' }));
    const alert = await restore.findByRole('alert');
    expect(within(alert).getByText('Wrong passphrase or damaged file. Check the passphrase (capital letters matter) and try again.')).toBeInTheDocument();
    expect(within(alert).getByText('Nothing was changed on this device.')).toBeInTheDocument();
    expect(restore.queryByRole('button', { name: 'Restore' })).not.toBeInTheDocument();
    expect(await readContent(db)).toEqual(before);
  });

  it('refuses a file that is not a backup at once', async () => {
    const db = testDatabase();
    await renderApp('/settings', { language: 'sv', db });
    const restore = within((await section('Säkerhetskopia')).getByRole('region', { name: 'Återställ från en säkerhetskopia' }));
    await userEvent.upload(restore.getByLabelText('Säkerhetskopians fil (.polku)'), new File(['{"format":"polku-instrument/1"}'], 'pack.json'));
    const alert = await restore.findByRole('alert');
    expect(within(alert).getByText('Det här är inte en säkerhetskopia från Polku.')).toBeInTheDocument();
    expect(within(alert).getByText('Ingenting ändrades på den här enheten.')).toBeInTheDocument();
    expect(restore.getByRole('button', { name: 'Kontrollera säkerhetskopian' })).toBeDisabled();
  });

  it('shows what the restore will do before anything is written, then restores', async () => {
    const db = testDatabase();
    const mine = await createCase(db, { code: 'SAME', birthYear: 2011 });
    const before = await readContent(db);
    await renderApp('/settings', { language: 'en', db });
    const restore = within((await section('Backup')).getByRole('region', { name: 'Restore from a backup' }));
    await userEvent.upload(restore.getByLabelText('Backup file (.polku)'), await otherDeviceFile());
    await userEvent.type(await restore.findByLabelText('Passphrase of the backup'), PASSPHRASE);
    await userEvent.click(restore.getByRole('button', { name: 'Check the backup' }));

    const preview = within(await restore.findByRole('region', { name: 'What the restore will do' }));
    expect(preview.getByText(/^This device already has cases: the backup is merged with them\./)).toBeInTheDocument();
    const counts = preview.getByRole('table');
    const row = (name: string) => within(counts).getByRole('rowheader', { name }).closest('tr')!.querySelector('td')!.textContent;
    expect(row('New cases')).toBe('2');
    expect(row("Cases updated (the backup's version is newer)")).toBe('0');
    expect(row('New questionnaires')).toBe('1');
    expect(row('New audit trail entries')).toBe('3');
    expect(preview.getByText('The code SAME is already used by another case on this device: the case from the backup gets the code SAME-2.')).toBeInTheDocument();
    expect(preview.getByText('Settings: this device keeps its own settings; the 0 settings in the backup are not used.')).toBeInTheDocument();
    expect(await readContent(db)).toEqual(before);

    await userEvent.click(preview.getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(restore.getAllByRole('status').at(-1)).toHaveTextContent('Restored. Cases added or updated: 2. Questionnaires added or updated: 1.'));
    expect(restore.queryByRole('region', { name: 'What the restore will do' })).not.toBeInTheDocument();
    const codes = (await db.cases.toArray()).map((c) => c.code).sort();
    expect(codes).toEqual(['NEW-1', 'SAME', 'SAME-2']);
    expect((await db.cases.get(mine.id))!.code).toBe('SAME');
    expect(await db.administrations.count()).toBe(1);
  });

  it('cancelling the preview writes nothing', async () => {
    const db = testDatabase();
    await renderApp('/settings', { language: 'en', db });
    const restore = within((await section('Backup')).getByRole('region', { name: 'Restore from a backup' }));
    await userEvent.upload(restore.getByLabelText('Backup file (.polku)'), await otherDeviceFile());
    await userEvent.type(await restore.findByLabelText('Passphrase of the backup'), PASSPHRASE);
    await userEvent.click(restore.getByRole('button', { name: 'Check the backup' }));
    const preview = within(await restore.findByRole('region', { name: 'What the restore will do' }));
    expect(preview.getByText('This device has no cases yet: the backup is restored into this empty device, its settings included.')).toBeInTheDocument();
    // Into an empty device nothing can be updated or kept: those rows are left out.
    expect(
      within(preview.getByRole('table'))
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual([
      'New cases',
      'New questionnaires',
      'New imported instruments',
      'New return plans',
      'New attendance days',
      'New research projects and study IDs',
      'New audit trail entries',
    ]);
    await userEvent.click(preview.getByRole('button', { name: 'Cancel' }));
    expect(restore.queryByRole('region', { name: 'What the restore will do' })).not.toBeInTheDocument();
    expect(await db.cases.count()).toBe(0);
  });
});

describe('backup reminder', () => {
  async function renderReminder(db = testDatabase()) {
    const i18n = await setupI18n('en');
    await act(async () => {
      render(
        <I18nextProvider i18n={i18n}>
          <DatabaseProvider db={db}>
            <MemoryRouter initialEntries={['/']}>
              <BackupReminder />
            </MemoryRouter>
          </DatabaseProvider>
        </I18nextProvider>,
      );
    });
  }

  it('says how old the last backup is when it is 14 days or more, links to the backup settings, and can be hidden', async () => {
    const db = testDatabase();
    await createCase(db, { code: 'R-1', birthYear: 2012 });
    await writeSetting(db, 'lastBackupAt', new Date(Date.now() - 20 * 24 * 60 * 60 * 1000 - 1000).toISOString());
    await renderReminder(db);
    const banner = await screen.findByRole('complementary', { name: 'Backup reminder' });
    expect(banner).toHaveTextContent('Last backup: 20 days ago.Make a backup');
    expect(within(banner).getByRole('link', { name: 'Make a backup' })).toHaveAttribute('href', '/settings#backup');
    await userEvent.click(within(banner).getByRole('button', { name: 'Hide reminder' }));
    expect(screen.queryByRole('complementary', { name: 'Backup reminder' })).not.toBeInTheDocument();
  });

  it('says "never" when there are cases and no backup, and stays away without cases or after a recent backup', async () => {
    const db = testDatabase();
    await renderReminder(db);
    expect(screen.queryByRole('complementary')).not.toBeInTheDocument();
    await act(async () => {
      await createCase(db, { code: 'R-2', birthYear: 2012 });
    });
    expect(await screen.findByRole('complementary', { name: 'Backup reminder' })).toHaveTextContent('No backup has been made on this device.');
    await act(async () => {
      await writeSetting(db, 'lastBackupAt', new Date(Date.now() - 3 * 24 * 60 * 60 * 1000).toISOString());
    });
    await waitFor(() => expect(screen.queryByRole('complementary')).not.toBeInTheDocument());
  });
});
