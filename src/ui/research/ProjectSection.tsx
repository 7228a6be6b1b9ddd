/** Choosing, creating and renaming the research project an export belongs to. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportProjectRecord } from '../../storage/records';
import { createProject, PROJECT_NAME_MAX, renameProject } from '../../storage/research';
import { revOf } from '../../storage/revision';
import { toStorageError } from '../../storage/errors';
import { useDatabase } from '../app/database-context';
import { useStorageErrorText } from '../app/storage-feedback';
import { TextField } from '../app/TextField';

function useProjectError() {
  const { t } = useTranslation('research');
  const describe = useStorageErrorText();
  return (error: unknown) => (toStorageError(error).failure === 'conflict' ? t('project.nameTaken') : describe(error));
}

function nameProblem(name: string, t: (key: string, options?: Record<string, unknown>) => string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return t('project.nameRequired');
  if (trimmed.length > PROJECT_NAME_MAX) return t('project.nameTooLong', { max: PROJECT_NAME_MAX });
  return null;
}

export function ProjectSection({ projects, projectId, onChoose }: { projects: ExportProjectRecord[]; projectId: string | null; onChoose: (id: string) => void }) {
  const { t } = useTranslation('research');
  const db = useDatabase();
  const describe = useProjectError();
  const [name, setName] = useState('');
  const [createError, setCreateError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [renameError, setRenameError] = useState<string | null>(null);
  // The project's revision when renaming began: a rename another tab saved meanwhile is not overwritten.
  const [renamingRev, setRenamingRev] = useState(0);
  const current = projects.find((p) => p.id === projectId);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const problem = nameProblem(name, t);
    if (problem) return setCreateError(problem);
    try {
      const project = await createProject(db, name);
      setName('');
      setCreateError(null);
      onChoose(project.id);
    } catch (error) {
      setCreateError(describe(error));
    }
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!current || renaming === null) return;
    const problem = nameProblem(renaming, t);
    if (problem) return setRenameError(problem);
    try {
      await renameProject(db, current.id, renaming, renamingRev);
      setRenaming(null);
      setRenameError(null);
    } catch (error) {
      setRenameError(describe(error));
    }
  };

  return (
    <section className="settings-section research-step" aria-labelledby="project-title">
      <h2 id="project-title">{t('project.title')}</h2>
      <p className="muted">{t('project.intro')}</p>
      {projects.length > 0 && (
        <div className="field">
          <label htmlFor="project-choice">{t('project.choose')}</label>
          <select id="project-choice" value={projectId ?? ''} onChange={(event) => onChoose(event.target.value)} aria-describedby="project-choice-hint">
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </select>
          <p id="project-choice-hint" className="field-hint">
            {t('project.chooseHint')}
          </p>
        </div>
      )}
      {current &&
        (renaming === null ? (
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => {
                setRenaming(current.name);
                setRenamingRev(revOf(current));
              }}
            >
              {t('project.rename')}
            </button>
          </div>
        ) : (
          <form className="form-row research-inline-form" onSubmit={rename} noValidate>
            <TextField id="project-rename" label={t('project.renameLabel')} value={renaming} onChange={setRenaming} error={renameError} />
            <div className="form-actions">
              <button type="submit" className="button button-primary">
                {t('project.renameSave')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setRenaming(null);
                  setRenameError(null);
                }}
              >
                {t('project.cancel')}
              </button>
            </div>
          </form>
        ))}
      <form className="form-row research-inline-form" onSubmit={create} noValidate>
        <TextField
          id="project-new"
          label={projects.length ? t('project.newName') : t('project.firstName')}
          hint={t('project.newNameHint')}
          value={name}
          onChange={setName}
          error={createError}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('project.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
