/**
 * A screen in a chunk of its own that can be fetched ahead of time, with the locale namespaces it
 * reads. Fetched ahead (`preload`), it renders at once. React.lazy alone suspends on every first
 * render, and React holds a Suspense boundary's content back for up to 300 ms after its fallback
 * appeared (its fallback throttle): after unlocking, that wait was most of the case list's delay.
 */
import { createElement, lazy, useState, type ComponentType } from 'react';
import type { i18n as I18n } from 'i18next';

export interface Preloadable {
  /** Fetches the code and the texts, so that the next render needs nothing more. */
  preload(i18n: I18n): Promise<void>;
}

export type LazyScreen = ComponentType & Preloadable;

export function lazyScreen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K, namespaces: readonly string[]): LazyScreen {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const fetchModule = () =>
    (loading ??= load().then(
      (module) => (loaded = module[name]),
      (error: unknown) => {
        // A failed fetch (offline before the first visit finished) is tried again next time.
        loading = undefined;
        throw error;
      },
    ));
  const Suspending = lazy(async () => ({ default: await fetchModule() }));
  function Screen() {
    // Chosen once per mount: switching from the lazy wrapper to the loaded component would remount the screen.
    const [component] = useState<ComponentType>(() => loaded ?? Suspending);
    return createElement(component);
  }
  Screen.displayName = `LazyScreen(${name})`;
  Screen.preload = async (i18n: I18n) => {
    await Promise.all([fetchModule(), i18n.loadNamespaces([...namespaces])]);
  };
  return Screen;
}

/** A part of the page that is not lazy but reads namespaces of its own (the layout's backup reminder). */
export const namespacesOnly = (namespaces: readonly string[]): Preloadable => ({
  preload: async (i18n) => {
    await i18n.loadNamespaces([...namespaces]);
  },
});
