// Focus for tandem.js's dialogs on a site page (WCAG 2.2: a dialog takes focus, keeps Tab inside it, closes on Esc
// and gives focus back). The dialogs live in shadow roots, so the element with focus is looked up through them.

/** The element that has focus, looked up through open shadow roots. */
export function deepActiveElement(doc = document) {
  let active = doc.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const FOCUSABLE = 'button:not([disabled]):not([hidden]), [href], input:not([disabled]), textarea:not([disabled]),'
  + ' select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Moves focus into `box` (to `first`, else its first control), keeps Tab and Shift+Tab inside it, and calls
 * `onEscape` on Esc. Returns release(): it stops trapping and gives focus back to what had it before, if that is
 * still on the page.
 */
export function holdFocus(box, { first, onEscape } = {}) {
  const before = deepActiveElement();
  const controls = () => [...box.querySelectorAll(FOCUSABLE)].filter((c) => c.getClientRects().length > 0);
  const onKey = (e) => {
    if (e.key === 'Escape' && onEscape) {
      e.preventDefault();
      e.stopPropagation();
      onEscape();
      return;
    }
    if (e.key !== 'Tab') return;
    const list = controls();
    if (!list.length) return;
    const root = box.getRootNode();
    const at = list.indexOf(root.activeElement);
    const next = e.shiftKey ? (at <= 0 ? list.length - 1 : at - 1) : (at === list.length - 1 ? 0 : at + 1);
    e.preventDefault();
    list[next].focus();
  };
  box.addEventListener('keydown', onKey);
  const target = first || controls()[0];
  if (target) target.focus();
  return () => {
    box.removeEventListener('keydown', onKey);
    if (before && before.isConnected && typeof before.focus === 'function') before.focus();
  };
}
