// The account manager's help requests on the console's home: visitors whom the site names as one of their customers
// wait for them first; "Take it" opens the session for that customer (the consent step then goes to the visitor).

import { api } from './api.js';
import { problemWords } from '../lib/words.js';
import { locale, t } from '../lib/staff-messages.js';

const $ = (id) => document.getElementById(id);

/** Shows the requests waiting for this advisor; `open(session)` opens the session a "Take it" created. */
export async function showWaitingHelp(open) {
  const waiting = await api('/api/help-requests/waiting');
  $('waiting-help').hidden = !waiting.length;
  $('waiting-help-list').replaceChildren(...waiting.map((w) => {
    const li = document.createElement('li');
    li.dataset.help = w.id;
    const until = new Date(w.onlyYouUntil).toLocaleTimeString(locale(), { timeStyle: 'short' });
    li.append(t('console.waiting.asks', { name: w.customerName, code: `${w.code.slice(0, 3)} ${w.code.slice(3)}`,
      until }), ' ');
    const take = document.createElement('button');
    take.type = 'button';
    take.className = 'primary compact';
    take.textContent = t('console.waiting.take');
    take.onclick = async () => {
      take.disabled = true;
      try {
        const session = await api('/api/help-requests/claim', { method: 'POST', body: { code: w.code } });
        open(session);
      } catch (e) {
        li.append(` ${problemWords(e)}`);
      }
    };
    li.append(take);
    return li;
  }));
}
