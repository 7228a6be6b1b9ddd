/**
 * Whether a new version of the app is waiting (service worker), shared between the registration
 * in main.tsx and the banner in the layout.
 */
import { useSyncExternalStore } from 'react';

export interface UpdateState {
  /** A new version is installed and waits for the user's yes. */
  needRefresh: boolean;
  /** The app is cached: it works offline from now on. */
  offlineReady: boolean;
  /** Activates the waiting version and reloads. */
  apply?: () => Promise<void>;
}

let state: UpdateState = { needRefresh: false, offlineReady: false };
const listeners = new Set<() => void>();

export function setUpdateState(change: Partial<UpdateState>): void {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}

export function useUpdateState(): UpdateState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/**
 * Before the reload: a field being typed in (a day count, a name) commits on blur, so blur it
 * and wait until IndexedDB has finished the writes that started — transactions on the same
 * store run in the order they were created, so a read issued now completes after them.
 */
export async function commitPendingInput(waitForWrites: () => Promise<unknown>): Promise<void> {
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await waitForWrites();
}
