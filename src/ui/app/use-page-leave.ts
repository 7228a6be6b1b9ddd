/**
 * Runs `flush` when the page may be going away for good: `pagehide` (closing the tab, reloading,
 * navigating off the app) and `visibilitychange` to hidden (switching away, after which a mobile
 * browser may discard the tab). The callback must issue its writes synchronously.
 */
import { useEffect, useRef } from 'react';

export function usePageLeave(flush: () => void): void {
  const latest = useRef(flush);
  useEffect(() => {
    latest.current = flush;
  });
  useEffect(() => {
    const onPageHide = () => latest.current();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') latest.current();
    };
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
}
