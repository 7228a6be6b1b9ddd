/**
 * Output chunking: every module the entry imports statically goes into one chunk, "app"; every
 * other module the app behind the key (src/ui/App.tsx, loaded once the key screen is shown:
 * src/ui/Root.tsx) imports statically goes into a second, "behind-key".
 *
 * Left to itself the bundler splits what the entry needs into the pieces the lazy screens share
 * with it: sixteen files before the first screen. A first visit downloads all of them anyway (the
 * browser at most six at a time from one HTTP/1.1 host), and every later visit asks the service
 * worker for each one; as one file they arrive together (docs/performance.md, the first screen).
 * Lazy screens import what they share with the first screen from "app"; what only they need is
 * chunked as before.
 */
import type { Plugin } from 'vite';

const ENTRY = /\/src\/main\.tsx$/;
const BEHIND_KEY = /\/src\/ui\/App\.tsx$/;

interface ModuleGraph {
  getModuleInfo(id: string): { isEntry: boolean; importers: readonly string[] } | null;
}

/** Whether `id` is a root, or a root imports it statically, directly or through other modules (memoised). */
function neededBy(id: string, graph: ModuleGraph, memo: Map<string, boolean>, isRoot: (id: string, info: { isEntry: boolean }) => boolean): boolean {
  const known = memo.get(id);
  if (known !== undefined) return known;
  memo.set(id, false); // an import cycle is answered by the other paths
  const info = graph.getModuleInfo(id);
  const needed = info !== null && (isRoot(id, info) || info.importers.some((importer) => neededBy(importer, graph, memo, isRoot)));
  memo.set(id, needed);
  return needed;
}

const isEntry = (_id: string, info: { isEntry: boolean }) => info.isEntry;
const isBehindKey = (id: string) => BEHIND_KEY.test(id);

export function firstVisitChunk(): Plugin {
  return {
    name: 'polku-first-visit-chunk',
    apply: 'build',
    config() {
      const byEntry = new Map<string, boolean>();
      const byApp = new Map<string, boolean>();
      const chunkOf = (id: string, graph: ModuleGraph): string | null => {
        // The entry module itself stays the entry chunk (index.html's script, the manifest's entry).
        if (graph.getModuleInfo(id)?.isEntry || ENTRY.test(id)) return null;
        if (neededBy(id, graph, byEntry, isEntry)) return 'app';
        return neededBy(id, graph, byApp, isBehindKey) ? 'behind-key' : null;
      };
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                groups: [{ name: chunkOf }],
              },
            },
          },
        },
      };
    },
  };
}
