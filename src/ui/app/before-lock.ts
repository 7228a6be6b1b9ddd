/**
 * What must happen before the app lock hides the page (Lock.tsx). While locked, the routes are
 * unmounted and nothing of a case is left in the document; a screen with unsaved work registers
 * here to keep it first (e.g. write a form draft to IndexedDB).
 *
 * Listeners run synchronously, just before the routes unmount, when this tab locks (the Lock
 * button, "Lock now", the idle lock). They should *start* their write and return: an IndexedDB
 * write carries on after the component is gone. A lock that arrives from another tab unmounts the
 * routes the same way, so a screen also keeps its work in its unmount cleanup.
 */
import { useEffect, useRef } from 'react';

const listeners = new Set<() => void>();

export function onBeforeLock(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Runs every listener; one that throws never stops the lock. */
export function runBeforeLock(): void {
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch (error) {
      console.error(error);
    }
  }
}

/** Registers `listener` while the calling component is mounted (always its latest version). */
export function useBeforeLock(listener: () => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => onBeforeLock(() => latest.current()), []);
}

/**
 * Nodes that libraries add to <body> outside React and that can hold case text: recharts
 * measures chart labels in a hidden span it leaves behind. Removed when the lock is up (recharts
 * makes a new one when it measures again).
 */
export const STRAY_TEXT_NODES = ['#recharts_measurement_span'];

export function removeStrayText(): void {
  for (const selector of STRAY_TEXT_NODES) for (const node of document.querySelectorAll(selector)) node.remove();
}
