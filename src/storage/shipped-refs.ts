/**
 * The id@version of every instrument shipped with this build, from the file names alone
 * (`instruments/<id>/<version>.json`, kept equal to the content by a test): known without loading
 * or validating a definition, so restore can refuse a backup's pack that claims a shipped
 * reference. A shipped definition is never replaced, whatever hash a file computes for it.
 */
const files = Object.keys(import.meta.glob('../../instruments/*/*.json'));

export const SHIPPED_REFS: ReadonlySet<string> = new Set(
  files.map((path) => {
    const [, id, version] = /\/instruments\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    return `${id}@${version}`;
  }),
);
