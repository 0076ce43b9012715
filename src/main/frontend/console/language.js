// The customer's language for the session, chosen by the advisor (sys.language, docs/protocol.md): the workspace and
// tandem.js on the firm's site switch their words to it. Until the advisor chooses, each customer page speaks the
// customer's own language (their browser's, or the switch on the join page). The console's own words are the staff
// member's language (lib/staff-language.js), never the customer's: only this select's first option, "Customer's own
// language", is in the console's language; the languages are each named in themselves.

import { LANGUAGES, localize } from '../lib/i18n.js';

/**
 * @param {HTMLSelectElement} select
 * @param {boolean} mayChoose  advisors choose; a supervisor watching only sees it
 * @param {(lang: string) => void} send  sends sys.language
 * @returns {{show(lang: string|null): void}}  shows the session's language as the relay says it
 */
export function customerLanguage(select, mayChoose, send) {
  const own = select.ownerDocument.createElement('option');
  own.value = '';
  localize(own, 'console.customerLanguage.own');
  select.replaceChildren(own, ...LANGUAGES.map(([code, name]) => {
    const option = select.ownerDocument.createElement('option');
    option.value = code;
    option.lang = code;
    option.translate = false;
    option.textContent = name;
    return option;
  }));
  select.disabled = !mayChoose;
  select.onchange = () => {
    if (select.value) send(select.value);
  };
  return {
    show(lang) {
      select.value = LANGUAGES.some(([code]) => code === lang) ? lang : '';
    },
  };
}
