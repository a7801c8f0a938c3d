// Keeps Tab inside a modal dialog: which element gets focus when Tab leaves either end.

export const FOCUSABLE_SELECTOR = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/**
 * The index to focus instead of the browser's choice, or null to let Tab work normally: from the
 * last element forwards wraps to the first, from the first (or from outside) backwards to the last.
 */
export function wrapFocus(count: number, current: number, backwards: boolean): number | null {
  if (count === 0) return null;
  if (current < 0) return backwards ? count - 1 : 0;
  if (!backwards && current === count - 1) return 0;
  if (backwards && current === 0) return count - 1;
  return null;
}

/** Focusable, visible elements inside a container, in tab order of the document. */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE_SELECTOR)].filter(
    (el) => el.getClientRects().length > 0,
  );
}

/** A keydown handler for a dialog element that wraps Tab at its ends. */
export function trapTab(
  event: KeyboardEvent | { key: string; shiftKey: boolean; preventDefault(): void },
  container: HTMLElement,
): void {
  if (event.key !== 'Tab') return;
  const items = focusableIn(container);
  const active = container.ownerDocument.activeElement;
  const index = items.findIndex((el) => el === active);
  const target = wrapFocus(items.length, index, event.shiftKey);
  if (target === null) return;
  event.preventDefault();
  items[target]?.focus();
}
