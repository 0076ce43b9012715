// The firm's branding on tandem.js's own UI (sharing pill, prompts, help button, rating card): each UI host gets the
// primary colour and its text colour as custom properties (--brand, --brand-ink), which its shadow styles use, and
// may show the firm's name and logo. The branding is read once per page from Tandem (tandem.js's origin).

import { DEFAULT_BRANDING, loadBranding, paintColours } from '../lib/branding.js';

let pending = Promise.resolve({ ...DEFAULT_BRANDING });

/**
 * Reads the branding from Tandem at `base`; UI made afterwards is painted with it. `siteName` (the tag's
 * data-tandem-site) stands in for the firm's name only when Tandem's branding cannot be read.
 */
export function useBranding(base, siteName) {
  pending = loadBranding(base).then((b) => (b.name || !siteName ? b : { ...b, name: siteName }));
}

/**
 * Paints a UI host with the branding once it is known and fills `[data-brand-name]` and `img[data-brand-logo]` in
 * its shadow root.
 */
export function brand(host) {
  return pending.then((b) => {
    paintColours(host, b);
    const root = host.shadowRoot;
    if (!root) return b;
    for (const el of root.querySelectorAll('[data-brand-name]')) {
      el.textContent = b.name;
      el.hidden = !b.name;
    }
    for (const img of root.querySelectorAll('img[data-brand-logo]')) {
      if (b.logoUrl) {
        img.src = b.logoUrl;
        img.hidden = false;
      }
    }
    host.dataset.branded = 'true';
    return b;
  });
}
