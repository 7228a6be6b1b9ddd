import { useLayoutEffect, useRef } from 'react';

const LIST_CLASS = 'answer-options-list';

/**
 * Keeps a row of answer options on one line where it fits and turns it into a vertical list where
 * it does not, so a scale never wraps with its last option ("always 6") alone on a line. The row is
 * laid out, checked for a wrap, and switched before paint, again whenever its width changes.
 */
export function useOneRowOrList<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const fit = () => {
      element.classList.remove(LIST_CLASS);
      const options = element.children;
      const first = options[0] as HTMLElement | undefined;
      const last = options[options.length - 1] as HTMLElement | undefined;
      if (first && last && last.offsetTop > first.offsetTop) element.classList.add(LIST_CLASS);
    };
    fit();
    if (typeof ResizeObserver === 'undefined') return;
    let width = element.getBoundingClientRect().width;
    const observer = new ResizeObserver((entries) => {
      const next = entries[0]?.contentRect.width ?? width;
      if (Math.abs(next - width) < 0.5) return;
      width = next;
      fit();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return ref;
}
