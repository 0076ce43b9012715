import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = window;
const { STAFF_LANGUAGES, preferredStaffLanguage } = await import('../lib/staff-language.js');

const read = (dir, lng) => JSON.parse(readFileSync(new URL(`../i18n/${dir}/${lng}.json`, import.meta.url), 'utf8'));
const customer = (lng) => JSON.parse(readFileSync(new URL(`../i18n/${lng}.json`, import.meta.url), 'utf8'));

function flat(messages, prefix = '', out = {}) {
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') out[prefix + key] = value;
    else flat(value, `${prefix}${key}.`, out);
  }
  return out;
}

const variables = (message) => [...message.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const others = STAFF_LANGUAGES.map(([code]) => code).filter((code) => code !== 'en');

test('the staff pages speak English, German, French, Spanish and Dutch', () => {
  assert.deepEqual(STAFF_LANGUAGES.map(([code]) => code), ['en', 'de', 'fr', 'es', 'nl']);
});

test('a staff member\'s language is the first of the browser\'s the staff pages speak, else English', () => {
  assert.equal(preferredStaffLanguage(['de-AT', 'en']), 'de');
  assert.equal(preferredStaffLanguage(['pt-BR', 'nl-BE']), 'nl');
  assert.equal(preferredStaffLanguage(['pt-BR']), 'en');
  assert.equal(preferredStaffLanguage(['en-XA']), 'en-XA');
});

for (const dir of ['staff', 'supervisor']) {
  const en = flat(read(dir, 'en'));

  test(`${dir}: no key is also a customer message key (one dictionary holds both)`, () => {
    const customerKeys = new Set(Object.keys(flat(customer('en'))));
    assert.deepEqual(Object.keys(en).filter((key) => customerKeys.has(key)), []);
  });

  for (const lng of others) {
    test(`${dir}: ${lng} has exactly the keys of English, none empty, with the same variables`, () => {
      const messages = flat(read(dir, lng));
      assert.deepEqual(Object.keys(messages).sort(), Object.keys(en).sort());
      for (const [key, message] of Object.entries(messages)) assert.ok(message.trim(), `${lng} ${key} is empty`);
      const differ = Object.keys(en).filter((key) => variables(en[key]).join() !== variables(messages[key]).join());
      assert.deepEqual(differ, []);
    });

    test(`${dir}: ${lng} is translated, not English left in place`, () => {
      const messages = flat(read(dir, lng));
      const same = Object.keys(en).filter((key) => messages[key] === en[key]);
      assert.ok(same.length <= Math.max(2, Object.keys(en).length * 0.05), `${lng} left in English: ${same.join(', ')}`);
    });
  }
}
