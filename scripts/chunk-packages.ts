/**
 * Records which npm packages each output chunk contains (dist/.vite/chunk-packages.json), so the
 * budget check can prove that heavy libraries (recharts, jspdf) stay out of the first visit.
 */
import type { Plugin } from 'vite';

export function chunkPackages(): Plugin {
  return {
    name: 'polku-chunk-packages',
    apply: 'build',
    generateBundle(_options, bundle) {
      const packages: Record<string, string[]> = {};
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const names = new Set<string>();
        for (const id of output.moduleIds) {
          const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
          if (match) names.add(match[1]!);
        }
        packages[output.fileName] = [...names].sort();
      }
      this.emitFile({ type: 'asset', fileName: '.vite/chunk-packages.json', source: `${JSON.stringify(packages, null, 2)}\n` });
    },
  };
}
