// The audit log for supervisors: replays, exports, live watching, erasures and purges, newest first, 50 at a time.
// Each entry is a sentence with names (who did what to whose session), with links to the session and the customer.

import { api } from '../console/api.js';
import { auditActionLabel, auditSentence } from '../lib/words.js';
import { $, el, link, t, when } from './dom.js';

const SIZE = 50;
let page = 0;

export async function showAudit(actions, more = false) {
  page = more ? page + 1 : 0;
  const entries = await api(`/api/audit?page=${page}&size=${SIZE}`);
  const rows = entries.items.map((e) => el('tr', { 'data-action': e.action, 'data-id': e.id },
    el('td', {}, when(e.at)),
    el('td', {}, auditActionLabel(e.action)),
    el('td', { className: 'sentence' }, auditSentence(e)),
    el('td', {}, ...links(e, actions))));
  const body = $('audit-table').querySelector('tbody');
  if (more) body.append(...rows);
  else body.replaceChildren(...rows);
  $('audit-more').hidden = (page + 1) * SIZE >= entries.total;
  $('audit-more').onclick = () => showAudit(actions, true);
}

/** Where a supervisor goes from an entry: the session's replay, the customer's timeline. */
function links(e, actions) {
  const out = [];
  if (e.sessionId) out.push(link(t('supervisor.audit.openSession'), () => actions.replay(e.sessionId)));
  if (e.customerId && e.action !== 'erasure') {
    if (out.length) out.push(' · ');
    out.push(link(t('supervisor.audit.timeline'), () => actions.customer(e.customerId)));
  }
  return out;
}
