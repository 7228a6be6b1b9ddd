/**
 * When the first screen is on the page (the passphrase screen, or the app itself when this page
 * already holds the key). Work that can wait starts then: fetching the screen behind the lock and
 * the shipped instruments, registering the service worker. Started earlier, their requests and
 * parsing compete with the first screen's own (docs/performance.md).
 */
let markShown!: () => void;
const shown = new Promise<void>((resolve) => (markShown = resolve));

/**
 * Called by the first screen once it has rendered its content (from an effect). React may run an
 * effect before the browser paints; the frame after the next one is surely painted.
 */
export function firstScreenShown(): void {
  if (typeof requestAnimationFrame === 'undefined') markShown();
  else requestAnimationFrame(() => setTimeout(markShown, 0));
}

/** Resolves once the first screen has been shown (at once if it has). */
export function afterFirstScreen(): Promise<void> {
  return shown;
}
