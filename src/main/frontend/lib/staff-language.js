// The staff pages (console, supervisor) speak the staff member's own language: their browser's first language Tandem's
// staff pages speak, or the one they chose with the switch in the page's header (remembered on this origin apart from
// a customer's choice, so a customer's language never changes an advisor's console). The customer's language for a
// session is another thing: the advisor sets it with sys.language (console/language.js), and it never changes the
// console's own words. Staff messages live in src/main/frontend/i18n/staff (the console and the staff parts of lib/)
// and i18n/supervisor (the supervisor page), one file per language, beside the customer's i18n/*.json.

import { addMessages, register, setLanguage, supported, onLanguage, language, PSEUDO } from './i18n.js';
import en from '../i18n/staff/en.json' with { type: 'json' };
import de from '../i18n/staff/de.json' with { type: 'json' };
import fr from '../i18n/staff/fr.json' with { type: 'json' };
import es from '../i18n/staff/es.json' with { type: 'json' };
import nl from '../i18n/staff/nl.json' with { type: 'json' };

/** The languages of the staff pages, each named in itself (for the switch). */
export const STAFF_LANGUAGES = [['en', 'English'], ['de', 'Deutsch'], ['fr', 'Français'], ['es', 'Español'],
  ['nl', 'Nederlands']];
const STAFF = new Set(STAFF_LANGUAGES.map(([code]) => code));
const CHOICE_KEY = 'tandem.staff-language';

/** A staff language for a code ("de-AT" → "de", the pseudo-locale as itself), or null. */
function staffSupported(lng) {
  const code = supported(lng);
  return code && (code === PSEUDO || STAFF.has(code)) ? code : null;
}

/** The staff member's choice on this origin, else the first of the browser's languages the staff pages speak. */
export function preferredStaffLanguage(preferred = (typeof navigator !== 'undefined' && navigator.languages) || []) {
  try {
    const chosen = staffSupported(globalThis.localStorage && localStorage.getItem(CHOICE_KEY));
    if (chosen) return chosen;
  } catch (e) {
    // storage blocked: the browser's languages decide
  }
  for (const tag of preferred) {
    const code = staffSupported(tag);
    if (code) return code;
  }
  return 'en';
}

/**
 * Puts the page in the staff member's language: the staff messages and any of the page's own (`bundles`, language →
 * messages) are added, the document is kept translated (elements marked data-i18n) and <html> gets lang and dir.
 */
export function speakStaffLanguage(doc = document, ...bundles) {
  addMessages({ en, de, fr, es, nl });
  for (const b of bundles) addMessages(b);
  setLanguage(preferredStaffLanguage());
  register(doc, doc.documentElement);
}

/** Fills the header's <select> with the staff languages and keeps it in step; a choice is remembered on this origin. */
export function staffLanguageSwitch(select) {
  if (!select) return;
  const doc = select.ownerDocument;
  select.replaceChildren(...STAFF_LANGUAGES.map(([code, name]) => {
    const option = doc.createElement('option');
    option.value = code;
    option.lang = code;
    option.translate = false; // each language named in itself
    option.textContent = name;
    return option;
  }));
  select.value = staffSupported(language()) === PSEUDO ? 'en' : language();
  select.addEventListener('change', () => {
    try {
      localStorage.setItem(CHOICE_KEY, select.value);
    } catch (e) {
      // not remembered; still shown
    }
    setLanguage(select.value);
  });
  onLanguage((lng) => { if (STAFF.has(lng)) select.value = lng; });
}
