/** A fresh, empty database per test (fake-indexeddb), closed and deleted afterwards. */
import { PolkuDatabase } from '../../src/storage/db';

let counter = 0;
const open: PolkuDatabase[] = [];

export function testDatabase(): PolkuDatabase {
  counter += 1;
  const db = new PolkuDatabase(`polku-test-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});
