// The firm's branding (name, primary colour, logo) as an admin set it: read once per page from GET /api/branding
// (public, cached by the browser for a minute) and applied to Tandem's own pages and to tandem.js's UI on the site.
// The text colour on the primary colour comes from the server, which picks white or a dark ink for WCAG AA contrast;
// textOn() computes the same here for the settings preview.

export const DEFAULT_BRANDING = Object.freeze({ name: '', colour: '#163a63', textColour: '#ffffff', logoUrl: null });

/** WCAG 2 relative luminance of #rrggbb. */
export function luminance(colour) {
  const rgb = parseInt(colour.slice(1), 16);
  const channel = (v) => {
    const c = (v & 0xff) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
}

/** The WCAG contrast ratio of two colours #rrggbb (1 to 21). */
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The text colour for a background #rrggbb: white when it reaches AA (4.5:1), else dark ink, else black. */
export function textOn(colour) {
  if (contrast(colour, '#ffffff') >= 4.5) return '#ffffff';
  return contrast(colour, '#111827') >= 4.5 ? '#111827' : '#000000';
}

/** Whether a value is a colour the server accepts (#rrggbb). */
export function isColour(value) {
  return /^#[0-9a-fA-F]{6}$/.test(value || '');
}

const loads = new Map();

/** The branding served by Tandem at `base` (its origin; '' for this page's), defaults if it cannot be read. */
export function loadBranding(base = '') {
  if (!loads.has(base)) {
    loads.set(base, fetch(base + '/api/branding', { credentials: 'omit' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('branding ' + r.status))))
      .then((b) => normalise(b, base))
      .catch(() => ({ ...DEFAULT_BRANDING })));
  }
  return loads.get(base);
}

function normalise(b, base) {
  const colour = isColour(b.colour) ? b.colour : DEFAULT_BRANDING.colour;
  return {
    name: typeof b.name === 'string' ? b.name : '',
    colour,
    textColour: isColour(b.textColour) ? b.textColour : textOn(colour),
    logoUrl: typeof b.logoUrl === 'string' && b.logoUrl.startsWith('/') ? base + b.logoUrl : null,
  };
}

/**
 * Sets the branding's colours as custom properties on an element's style: --brand and --brand-ink (primary buttons,
 * tandem.js's UI) and --brand-bar and --brand-bar-ink (the consoles' header bar).
 */
export function paintColours(element, branding) {
  element.style.setProperty('--brand', branding.colour);
  element.style.setProperty('--brand-ink', branding.textColour);
  element.style.setProperty('--brand-bar', branding.colour);
  element.style.setProperty('--brand-bar-ink', branding.textColour);
}

/**
 * Applies the branding to one of Tandem's own pages: the colours on the root element, the firm's name into every
 * [data-brand-name], the logo into every img[data-brand-logo] (hidden without one). Marks <html data-branded>.
 */
export function applyToPage(doc, branding) {
  paintColours(doc.documentElement, branding);
  for (const el of doc.querySelectorAll('[data-brand-name]')) {
    if (branding.name) el.textContent = branding.name;
  }
  for (const img of doc.querySelectorAll('img[data-brand-logo]')) {
    if (branding.logoUrl) {
      img.src = branding.logoUrl;
      img.alt = branding.name ? branding.name + ' logo' : 'Logo';
      img.hidden = false;
    } else {
      img.removeAttribute('src');
      img.hidden = true;
    }
  }
  doc.documentElement.dataset.branded = 'true';
}
