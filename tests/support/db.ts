/**
 * A fresh, empty database per test (fake-indexeddb), closed and deleted afterwards. It is unlocked
 * (a random data key in its session, as after the passphrase was given), so every test writes and
 * reads through the encryption middleware as the app does.
 */
import type { KeySession } from '../../src/storage/crypto/keys';
import { PolkuDatabase } from '../../src/storage/db';
import { unlockedSession } from './session';

export { unlockedSession };

let counter = 0;
const open: PolkuDatabase[] = [];

export function testDatabase({ session = unlockedSession() }: { session?: KeySession } = {}): PolkuDatabase {
  counter += 1;
  const db = new PolkuDatabase(`polku-test-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`, { session });
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

/**
 * Reads of `table` (Dexie DBCore queries) that never answer, as on a device far slower than any
 * timeout: what a screen shows before its data. Returns how many were asked. Install before the
 * database is first used.
 */
export function stallQueries(db: PolkuDatabase, table: string): () => number {
  let asked = 0;
  db.use({
    stack: 'dbcore',
    name: 'stall-queries',
    create: (down) => ({
      ...down,
      table(name) {
        const inner = down.table(name);
        if (name !== table) return inner;
        return {
          ...inner,
          query() {
            asked += 1;
            return new Promise<never>(() => undefined);
          },
        };
      },
    }),
  });
  return () => asked;
}
