import { useEffect } from 'preact/hooks';

/**
 * Full-screen on phones: follows the visual viewport so the on-screen
 * keyboard never covers the message box (100dvh alone does not shrink for it
 * on every browser).
 */
export function useVisualViewport(panel: { current: HTMLElement | null }, open: boolean): void {
  useEffect(() => {
    const viewport = window.visualViewport;
    const element = panel.current;
    if (!open || !viewport || !element) return;
    const phone = matchMedia('(max-width: 479.98px)');
    const fit = () => {
      element.style.height = phone.matches ? `${viewport.height}px` : '';
      element.style.top = phone.matches ? `${viewport.offsetTop}px` : '';
    };
    fit();
    viewport.addEventListener('resize', fit);
    viewport.addEventListener('scroll', fit);
    return () => {
      viewport.removeEventListener('resize', fit);
      viewport.removeEventListener('scroll', fit);
      element.style.removeProperty('height');
      element.style.removeProperty('top');
    };
  }, [open, panel]);
}
