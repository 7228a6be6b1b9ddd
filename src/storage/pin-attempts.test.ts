import { testDatabase } from '../../tests/support/db';
import { PolkuDatabase } from './db';
import { afterAttempt, MAX_PIN_BLOCK_MS, NO_PIN_ATTEMPTS, pauseLength, pinAccepted, startPinAttempt, type PinAttempts } from './pin-attempts';
import { readSettings } from './settings';

describe('PIN attempts shared by every tab (issue 13)', () => {
  it('four tabs guessing at once get five attempts in all, then a pause', async () => {
    const db = testDatabase();
    // Four "tabs": four connections to the same database.
    const tabs = [db, ...Array.from({ length: 3 }, () => new PolkuDatabase(db.name))];
    const at = Date.UTC(2026, 0, 1);
    const results = await Promise.all(tabs.flatMap((tab) => [1, 2, 3].map(() => startPinAttempt(tab, at))));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok)).toHaveLength(7);
    expect((await readSettings(db)).pinAttempts).toEqual({ failures: 0, blockedUntil: at + 30_000, pauses: 1 });
    for (const tab of tabs.slice(1)) tab.close();
  });

  it('each pause is twice the one before, up to a day; a right PIN starts again', async () => {
    expect([1, 2, 3, 4, 5, 12, 13, 40].map(pauseLength)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 30_000 * 2048, MAX_PIN_BLOCK_MS, MAX_PIN_BLOCK_MS]);
    let attempts: PinAttempts = NO_PIN_ATTEMPTS;
    let at = 0;
    const pauses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < 5; i += 1) attempts = afterAttempt(attempts, at);
      pauses.push(attempts.blockedUntil - at);
      at = attempts.blockedUntil;
    }
    expect(pauses).toEqual([30_000, 60_000, 120_000]);

    const db = testDatabase();
    for (let i = 0; i < 5; i += 1) expect((await startPinAttempt(db, 1_000)).ok).toBe(true);
    expect(await startPinAttempt(db, 30_999)).toEqual({ ok: false, attempts: { failures: 0, blockedUntil: 31_000, pauses: 1 } });
    expect(await startPinAttempt(db, 31_000)).toEqual({ ok: true, attempts: { failures: 1, blockedUntil: 0, pauses: 1 } });
    await pinAccepted(db);
    expect((await readSettings(db)).pinAttempts).toBeUndefined();
  });
});
