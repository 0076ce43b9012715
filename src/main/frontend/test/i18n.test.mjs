import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!doctype html><html><body></body></html>');
const i18n = await import('../lib/i18n.js');
const { LANGUAGES, PSEUDO, direction, formatNumber, language, listFormat, localize, localizeAttr, pickLanguage,
  problemMessage, register, setLanguage, t } = i18n;

const read = (lng) => JSON.parse(readFileSync(new URL(`../i18n/${lng}.json`, import.meta.url), 'utf8'));

/** A message file as flat keys ("banner.status.connected_one") and their messages. */
function flat(messages, prefix = '', out = {}) {
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') out[prefix + key] = value;
    else flat(value, `${prefix}${key}.`, out);
  }
  return out;
}

/** The interpolation variables of a message ("{{until, time}}" → "until"), sorted. */
const variables = (message) => [...message.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

const en = flat(read('en'));
const others = LANGUAGES.map(([code]) => code).filter((code) => code !== 'en');

/** The plural forms each language needs, as i18next asks for them (Intl.PluralRules): English _one and _other. */
const pluralForms = (lng) => new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A flat key without its plural suffix ("banner.status.connected_one" → "banner.status.connected"). */
const stem = (key) => key.replace(PLURAL, '');
/** The keys of a message file with plural forms folded into their stem, so languages with more forms compare. */
const stems = (messages) => [...new Set(Object.keys(messages).map(stem))].sort();
/** The English message a key of another language translates (its _other form for a plural another language has). */
const english = (key) => en[key] ?? en[`${stem(key)}_other`];

test('the languages are English, German, French, Spanish, Dutch and Arabic, each with a message file', () => {
  assert.deepEqual(LANGUAGES.map(([code]) => code), ['en', 'de', 'fr', 'es', 'nl', 'ar']);
  assert.deepEqual(LANGUAGES.find(([code]) => code === 'ar'), ['ar', 'العربية']);
  assert.ok(Object.keys(en).length > 200, 'English has the messages');
});

for (const lng of others) {
  test(`${lng} has exactly the keys of English (each plural in its own forms), none empty`, () => {
    const messages = flat(read(lng));
    assert.deepEqual(stems(messages), stems(en));
    const plurals = stems(en).filter((key) => !(key in en));
    assert.ok(plurals.length >= 1, 'English has plurals');
    for (const key of plurals) {
      const forms = Object.keys(messages).filter((k) => stem(k) === key && PLURAL.test(k))
        .map((k) => k.match(PLURAL)[1]).sort();
      const categories = pluralForms(lng);
      assert.ok(forms.every((f) => categories.includes(f)), `${lng} ${key}: ${forms} are plural forms of ${lng}`);
      // every form a count can take in everyday numbers; French and Spanish "many" (a million) falls back to _other
      const needed = lng === 'ar' ? categories : categories.filter((f) => f !== 'many');
      assert.deepEqual(forms, [...needed].sort(), `${lng} ${key}: the plural forms of ${lng}`);
    }
    for (const [key, message] of Object.entries(messages)) assert.ok(message.trim(), `${lng} ${key} is empty`);
  });

  test(`${lng} interpolates the same variables as English in every message`, () => {
    const messages = flat(read(lng));
    const differ = Object.keys(messages).filter((key) => variables(english(key)).join() !== variables(messages[key]).join());
    assert.deepEqual(differ, []);
  });

  test(`${lng} is translated, not English left in place`, () => {
    const messages = flat(read(lng));
    // a few words are the same in both (Document, Laser, "{{name}}: {{parts}}"); nearly all are not
    const same = Object.keys(messages).filter((key) => messages[key] === english(key));
    assert.ok(same.length <= Object.keys(en).length * 0.05, `${lng} left in English: ${same.join(', ')}`);
  });
}

test('English has the plural forms (_one and _other) i18next asks for in English', () => {
  const plurals = Object.keys(en).filter((key) => PLURAL.test(key));
  assert.ok(plurals.length >= 2);
  for (const key of plurals) assert.ok(en[`${stem(key)}_one`] && en[`${stem(key)}_other`]);
  assert.deepEqual([...pluralForms('en')].sort(), ['one', 'other']);
});

test('Arabic is written right to left, its six plural forms chosen by count, its numbers in Western digits', () => {
  const { document } = window;
  register(document, document.documentElement);
  setLanguage('ar');
  assert.equal(direction(), 'rtl');
  assert.equal(document.documentElement.dir, 'rtl');
  assert.equal(document.documentElement.lang, 'ar');
  const ar = flat(read('ar'));
  for (const [count, form] of [[0, 'zero'], [1, 'one'], [2, 'two'], [3, 'few'], [11, 'many'], [100, 'other']]) {
    assert.equal(t('banner.status.connected', { count }), ar[`banner.status.connected_${form}`], `${count}: ${form}`);
  }
  assert.equal(formatNumber(123456), '123,456');
  assert.equal(t('rating.thanksUntil', { until: '2026-06-01T16:05:00' }),
    'شكرًا لك! يمكنك تغيير إجابتك حتى الساعة \u206804:05 م\u2069.');
  // values are isolated, so a left-to-right name or hash keeps its order inside the Arabic sentence
  assert.equal(t('document.signed', { name: 'Alice Archer', clause: '4.2', hash: '3fa9c2' }),
    'وقّع \u2068Alice Archer\u2069: لقد قرأت البند \u20684.2\u2069 (SHA-256 \u20683fa9c2\u2069…)');
  setLanguage('de');
  assert.equal(direction(), 'ltr');
  assert.equal(document.documentElement.dir, 'ltr');
  assert.ok(!/[\u2068\u2069]/.test(t('document.signed', { name: 'Alice', clause: '4.2', hash: '3fa9' })),
    'left-to-right languages are left as they were');
  setLanguage('en');
});

test('the customer\'s language is the first of the browser\'s languages Tandem speaks, else English', () => {
  assert.equal(pickLanguage(['de-DE', 'en']), 'de');
  assert.equal(pickLanguage(['pt-BR', 'fr-CA', 'de']), 'fr');
  assert.equal(pickLanguage(['ja']), 'en');
  assert.equal(pickLanguage([]), 'en');
  assert.equal(pickLanguage(['en-XA']), PSEUDO);
  assert.equal(pickLanguage(['ar-SA', 'en']), 'ar');
});

test('plurals and interpolation come from the message files', () => {
  setLanguage('en');
  assert.equal(t('banner.status.connected', { count: 1 }), 'advisor connected');
  assert.equal(t('banner.status.connected', { count: 2 }), 'advisors connected');
  setLanguage('de');
  assert.equal(language(), 'de');
  assert.equal(t('banner.status.connected', { count: 2 }), 'Ansprechpersonen verbunden');
  assert.equal(t('join.consentTitle', { name: '<b>Alice</b>' }), 'Ihren Bildschirm mit <b>Alice</b> teilen?',
    'values are not escaped: every message is set as text');
  setLanguage('en');
});

test('dates, times and lists follow the language through Intl', () => {
  setLanguage('en');
  assert.equal(listFormat(['Alice', 'Ben', 'Carol']), 'Alice, Ben and Carol');
  const at = '2026-06-01T16:05:00';
  assert.equal(t('rating.thanksUntil', { until: at }), 'Thank you! You can change your answer until 16:05.');
  setLanguage('de');
  assert.equal(listFormat(['Alice', 'Ben']), 'Alice und Ben');
  assert.equal(t('rating.thanksUntil', { until: at }), 'Vielen Dank! Sie können Ihre Antwort bis 16:05 Uhr ändern.');
  setLanguage('es');
  assert.equal(listFormat(['Alice', 'Ben']), 'Alice y Ben');
  setLanguage('en');
});

test('the pseudo-locale wraps every message, so text that did not come through i18n stands out', () => {
  setLanguage(PSEUDO);
  assert.equal(t('join.continue'), '⟦Continue⟧');
  setLanguage('en');
  assert.equal(t('join.continue'), 'Continue');
});

test('localized elements re-render on a language change, their slots (names) kept in place', () => {
  const { document } = window;
  document.body.innerHTML = '<h1 data-i18n="join.consentTitle">Share your screen with '
    + '<span id="who" data-i18n-slot="name" translate="no">Alice</span>?</h1><p id="p"></p>';
  register(document, document.documentElement);
  const p = localize(document.getElementById('p'), 'workspace.connected', { name: 'Ben' });
  localizeAttr(p, 'aria-label', 'tools.label');
  setLanguage('fr');
  assert.equal(document.documentElement.lang, 'fr');
  assert.equal(document.documentElement.dir, 'ltr');
  assert.equal(document.querySelector('h1').textContent, 'Partager votre écran avec Alice\u00a0?');
  assert.equal(document.getElementById('who').textContent, 'Alice', 'the same element, still holding the name');
  assert.equal(p.textContent, 'Ben est connecté(e)');
  assert.equal(p.getAttribute('aria-label'), 'Pointer et dessiner');
  setLanguage('en');
  assert.equal(document.querySelector('h1').textContent, 'Share your screen with Alice?');
  assert.equal(document.documentElement.lang, 'en');
});

test('a problem+json answer: the server\'s English sentence in English, its type translated otherwise', () => {
  const expired = { type: 'urn:tandem:problem:join-expired', title: 'Join code or link expired',
    detail: 'This code or link has expired' };
  setLanguage('en');
  assert.equal(problemMessage(expired), 'This code or link has expired');
  setLanguage('nl');
  assert.equal(problemMessage(expired), 'Deze code of link is verlopen. Vraag uw adviseur om een nieuwe.');
  assert.equal(problemMessage({ type: 'urn:tandem:problem:something-new', title: 'New' }),
    'Er is iets misgegaan. Probeer het zo nog eens.', 'an unknown type: the generic message, never the title');
  setLanguage('en');
});

test('unknown languages are ignored', () => {
  setLanguage('en');
  assert.equal(setLanguage('xx'), false);
  assert.equal(setLanguage(42), false);
  assert.equal(language(), 'en');
});
