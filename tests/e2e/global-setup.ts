/** Serves dist/ on a free loopback port for the end-to-end tests. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStaticServer, type StaticServer } from './static-server';

const root = resolve(__dirname, '../..');
let server: StaticServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  // POLKU_DIST: a build elsewhere (e.g. `vite build --outDir /tmp/x`), so parallel work does not share dist/.
  const dist = process.env.POLKU_DIST ? resolve(process.env.POLKU_DIST) : join(root, 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} has no build: run \`npm run test:e2e\`, which builds first`);
  server = await startStaticServer(dist);
  project.provide('baseURL', server.url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}
