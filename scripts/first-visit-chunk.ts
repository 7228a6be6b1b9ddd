/**
 * Output chunking: every module the entry imports statically goes into one chunk, "app".
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

interface ModuleGraph {
  getModuleInfo(id: string): { isEntry: boolean; importers: readonly string[] } | null;
}

/** Whether the entry imports `id` statically, directly or through other modules (memoised). */
function neededByEntry(id: string, graph: ModuleGraph, memo: Map<string, boolean>): boolean {
  const known = memo.get(id);
  if (known !== undefined) return known;
  memo.set(id, false); // an import cycle is answered by the other paths
  const info = graph.getModuleInfo(id);
  const needed = info !== null && (info.isEntry || info.importers.some((importer) => neededByEntry(importer, graph, memo)));
  memo.set(id, needed);
  return needed;
}

export function firstVisitChunk(): Plugin {
  return {
    name: 'polku-first-visit-chunk',
    apply: 'build',
    config() {
      const memo = new Map<string, boolean>();
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                groups: [
                  {
                    // The entry module itself stays the entry chunk (index.html's script, the manifest's entry).
                    name: (id: string, graph: ModuleGraph) => (graph.getModuleInfo(id)?.isEntry || ENTRY.test(id) ? null : neededByEntry(id, graph, memo) ? 'app' : null),
                  },
                ],
              },
            },
          },
        },
      };
    },
  };
}
