// The customer's language: i18next (npm) with the message files of src/main/frontend/i18n bundled in (tandem.js runs
// under the firm's CSP: nothing is fetched at run time). The language comes from the browser (navigator.languages),
// the customer's own choice, or the advisor's for the session (sys.language); staff pages never change it and stay
// English. Text is set through localize(): the element keeps its key and arguments (data-i18n, data-i18n-args), so a
// language change re-renders every registered root. Elements inside a translated sentence (a name the tests and
// styles find by id) are slots: children marked data-i18n-slot, put where the sentence names them.
// The pseudo-locale en-XA (Chromium's) wraps every translated string in ⟦…⟧: the pseudo-locale test finds text that
// did not come through here.

import i18next from 'i18next';
import en from '../i18n/en.json' with { type: 'json' };
import de from '../i18n/de.json' with { type: 'json' };
import fr from '../i18n/fr.json' with { type: 'json' };
import es from '../i18n/es.json' with { type: 'json' };
import nl from '../i18n/nl.json' with { type: 'json' };
import ar from '../i18n/ar.json' with { type: 'json' };

/** The languages, each named in itself (for the switch). Arabic is written right to left (direction()). */
export const LANGUAGES = [['en', 'English'], ['de', 'Deutsch'], ['fr', 'Français'], ['es', 'Español'],
  ['nl', 'Nederlands'], ['ar', 'العربية']];
/** Chromium's pseudo-locale: English wrapped in ⟦…⟧, for the test that no text escapes translation. */
export const PSEUDO = 'en-XA';
const MESSAGES = { en, de, fr, es, nl, ar };
const SUPPORTED = new Set(Object.keys(MESSAGES));
/**
 * For Intl: English lists as "Alice, Ben and Carol", as the English sentences always said them; Arabic with Western
 * digits (page numbers, times), the ones the customer reads out to an advisor and the codes are written in.
 */
const INTL = { en: 'en-GB', [PSEUDO]: 'en-GB', ar: 'ar-u-nu-latn' };
const SLOT = '\u2063';
const ATTRS = ['aria-label', 'placeholder', 'title'];

/**
 * One language per page: the join page's script and the workspace are two bundles, each with a copy of this module,
 * so the state (the i18next instance, the language, the roots to re-render) is the page's, kept on globalThis.
 */
const state = globalThis.__tandemLanguage || (globalThis.__tandemLanguage = createState());
const i18n = state.i18n;

function createState() {
  const instance = i18next.createInstance();
  instance.init({
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED],
    resources: Object.fromEntries(Object.entries(MESSAGES).map(([lng, m]) => [lng, { translation: m }])),
    initAsync: false,
    // set as text (textContent, attributes), never as HTML; every value goes through format (isolated below)
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
    showSupportNotice: false,
  });
  instance.services.formatter.add('time', (value, lng) => new Intl.DateTimeFormat(intlLocale(lng),
    { hour: '2-digit', minute: '2-digit' }).format(new Date(value)));
  // In a right-to-left language every value put into a sentence (a name, a clause, a page number, a hash, a time) is
  // isolated (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE), so a left-to-right run such as
  // "Alice Archer" or "SHA-256 3fa9…" keeps its own order and does not pull the sentence's punctuation into it.
  const interpolator = instance.services.interpolator;
  const format = interpolator.format;
  interpolator.format = (value, fmt, lng, options) => {
    const out = format(value, fmt, lng, options);
    return out == null || out === '' || instance.dir(lng) !== 'rtl' ? out : `\u2068${out}\u2069`;
  };
  return { i18n: instance, current: 'en', chosen: null, roots: new Set(), listeners: new Set() };
}

function intlLocale(lng) {
  return INTL[lng] || lng || 'en';
}

/** The language to use for a browser's list of languages: the first one supported, else English. */
export function pickLanguage(preferred = (typeof navigator !== 'undefined' && navigator.languages) || []) {
  for (const tag of preferred) {
    if (String(tag).toLowerCase() === PSEUDO.toLowerCase()) return PSEUDO;
    const base = String(tag).toLowerCase().split('-')[0];
    if (SUPPORTED.has(base)) return base;
  }
  return 'en';
}

/** A language code this page can show ("de", "en-XA"), or null. */
export function supported(lng) {
  if (typeof lng !== 'string') return null;
  if (lng === PSEUDO) return PSEUDO;
  const base = lng.toLowerCase().split('-')[0];
  return SUPPORTED.has(base) ? base : null;
}

/** The active language ("en", "de", …, or en-XA). */
export function language() {
  return state.current;
}

/** The active language as a locale for Intl. */
export function locale() {
  return intlLocale(state.current);
}

/** The text direction of the active language, for `dir`. */
export function direction(lng = state.current) {
  return lng === PSEUDO ? 'ltr' : i18n.dir(lng);
}

/**
 * Adds messages (language → nested messages, as in i18n/*.json) to every language's dictionary, beside the
 * customer's: the staff pages' own (lib/staff-language.js). Keys already there are kept.
 */
export function addMessages(bundles) {
  for (const [lng, messages] of Object.entries(bundles)) i18n.addResourceBundle(lng, 'translation', messages, true, false);
}

/** A message in the active language. */
export function t(key, args) {
  const text = i18n.t(key, args);
  return state.current === PSEUDO ? `⟦${text}⟧` : text;
}

/** "Alice", "Alice and Ben", "Alice, Ben and Carol" in the active language. */
export function listFormat(names) {
  return new Intl.ListFormat(locale(), { style: 'long', type: 'conjunction' }).format(names);
}

/** A whole number in the active language. */
export function formatNumber(n, options) {
  return new Intl.NumberFormat(locale(), options).format(n);
}

/**
 * Sets the language (a supported code; others are ignored): every registered root is re-rendered, `lang` and `dir`
 * set on the registered hosts (the join page's <html>; tandem.js's shadow hosts, never the site's own <html>), and
 * listeners told. Returns whether it changed.
 */
export function setLanguage(lng) {
  const next = supported(lng);
  if (!next || next === state.current) return false;
  state.current = next;
  i18n.changeLanguage(next === PSEUDO ? 'en' : next);
  for (const entry of state.roots) {
    const root = entry.root.deref();
    const host = entry.host && entry.host.deref();
    if (!root) {
      state.roots.delete(entry); // its UI is gone (a banner removed, a dialog of an earlier page on the stage)
      continue;
    }
    if (host) markLanguage(host);
    translate(root);
  }
  for (const fn of state.listeners) fn(state.current);
  return true;
}

/** Calls fn(language) after each change; returns a function that stops it. */
export function onLanguage(fn) {
  state.listeners.add(fn);
  return () => state.listeners.delete(fn);
}

function markLanguage(host) {
  host.setAttribute('lang', state.current);
  host.setAttribute('dir', direction());
}

/**
 * Keeps `root` (a document, element or shadow root) in the active language: translated now and after every change.
 * `host` (optional) gets `lang` and `dir`. Returns a function that forgets it.
 */
export function register(root, host = null) {
  // held weakly: UI that is removed and dropped is not kept alive by this list
  const entry = { root: new WeakRef(root), host: host && new WeakRef(host) };
  state.roots.add(entry);
  if (host) markLanguage(host);
  translate(root);
  return () => state.roots.delete(entry);
}

/** Sets `el`'s text to message `key` (with `args`), kept for re-rendering; slots (data-i18n-slot) stay in place. */
export function localize(el, key, args) {
  el.setAttribute('data-i18n', key);
  if (args && Object.keys(args).length) el.setAttribute('data-i18n-args', JSON.stringify(args));
  else el.removeAttribute('data-i18n-args');
  render(el);
  return el;
}

/** Sets attribute `attr` (aria-label, placeholder, title) of `el` to message `key`, kept for re-rendering. */
export function localizeAttr(el, attr, key, args) {
  el.setAttribute(`data-i18n-${attr}`, key);
  if (args && Object.keys(args).length) el.setAttribute(`data-i18n-${attr}-args`, JSON.stringify(args));
  else el.removeAttribute(`data-i18n-${attr}-args`);
  el.setAttribute(attr, t(key, args));
  return el;
}

/** Empties `el` and forgets its message. */
export function unlocalize(el) {
  el.removeAttribute('data-i18n');
  el.removeAttribute('data-i18n-args');
  el.textContent = '';
}

/** Renders every marked element under `root` in the active language. */
export function translate(root) {
  const selector = ['[data-i18n]', ...ATTRS.map((a) => `[data-i18n-${a}]`)].join(',');
  const all = [...root.querySelectorAll(selector)];
  if (root.matches && root.matches(selector)) all.unshift(root);
  for (const el of all) {
    if (el.hasAttribute('data-i18n')) render(el);
    for (const attr of ATTRS) {
      const key = el.getAttribute(`data-i18n-${attr}`);
      if (key) el.setAttribute(attr, t(key, args(el.getAttribute(`data-i18n-${attr}-args`))));
    }
  }
}

function args(json) {
  try {
    return json ? JSON.parse(json) : undefined;
  } catch (e) {
    return undefined;
  }
}

function render(el) {
  const values = args(el.getAttribute('data-i18n-args')) || {};
  const slots = [...el.querySelectorAll(':scope > [data-i18n-slot]')];
  if (!slots.length) {
    el.textContent = t(el.getAttribute('data-i18n'), values);
    return;
  }
  for (const s of slots) values[s.dataset.i18nSlot] = `${SLOT}${s.dataset.i18nSlot}${SLOT}`;
  const parts = t(el.getAttribute('data-i18n'), values).split(SLOT);
  const doc = el.ownerDocument;
  el.replaceChildren(...parts.map((part, i) => {
    if (i % 2 === 0) return doc.createTextNode(part);
    return slots.find((s) => s.dataset.i18nSlot === part) || doc.createTextNode(part);
  }).filter((n) => n.nodeType !== 3 || n.data));
}

/**
 * A problem+json answer (or an Error carrying one as `problem`) in words for the customer. In English the server's own
 * sentence (`detail`) is shown, as it always was; in other languages its `type` (the URI's last part) maps to a message
 * of the problem.* keys, else `fallbackKey`'s. Titles stay English on the server; the UI never shows them translated.
 */
export function problemMessage(problem, fallbackKey = 'problem.generic') {
  const p = problem && problem.problem ? problem.problem : problem;
  if (state.current === 'en' && p && typeof p.detail === 'string' && p.detail) return p.detail;
  if (state.current === 'en' && p instanceof Error && !p.problem && p.message) return p.message; // as it always said
  const type = p && typeof p.type === 'string' ? p.type.split(':').pop().split('/').pop() : '';
  const key = `problem.${type}`;
  return t(type && i18n.exists(key) ? key : fallbackKey);
}

/** An Error for a problem+json answer: its message the server's detail (or title), the problem kept as `problem`. */
export function problemError(body, status, fallback) {
  const error = new Error((body && (body.detail || body.title)) || fallback || `Request failed (${status})`);
  error.problem = body && typeof body === 'object' ? body : {};
  error.status = status;
  return error;
}

const CHOICE_KEY = 'tandem.language';

/**
 * The customer chose a language (the switch, or a previous page's choice handed over with the session): it is set,
 * and travels with the session to the next page (session-store.js puts it in the handoff link).
 */
export function choose(lng) {
  const next = supported(lng);
  if (!next) return false;
  state.chosen = next;
  setLanguage(next);
  return true;
}

/** The language the customer chose on this page or an earlier one of the session, or null. */
export function chosenLanguage() {
  return state.chosen;
}

/** The customer's own choice on this origin (the language switch), else the browser's languages. */
export function preferredLanguage() {
  try {
    const chosen = supported(globalThis.localStorage && localStorage.getItem(CHOICE_KEY));
    if (chosen) return chosen;
  } catch (e) {
    // storage blocked: the browser's languages decide
  }
  return pickLanguage();
}

/**
 * Fills a <select> with the languages (each named in itself) and keeps it in step: choosing one sets it and remembers
 * it on this origin; a change from elsewhere (the advisor's sys.language) shows in it.
 */
export function languageSwitch(select) {
  if (!select) return;
  const doc = select.ownerDocument;
  select.replaceChildren(...LANGUAGES.map(([code, name]) => {
    const option = doc.createElement('option');
    option.value = code;
    option.lang = code;
    option.textContent = name;
    return option;
  }));
  select.value = state.current;
  select.addEventListener('change', () => {
    try {
      localStorage.setItem(CHOICE_KEY, select.value);
    } catch (e) {
      // not remembered; still shown
    }
    choose(select.value);
  });
  onLanguage((lng) => { select.value = lng; });
}
