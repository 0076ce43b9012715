// The audit log for supervisors: replays, exports, live watching, erasures and purges, newest first, 50 at a time.

import { api } from '../console/api.js';
import { $, el, link, when } from './dom.js';

const SIZE = 50;
let page = 0;

export async function showAudit(actions, more = false) {
  page = more ? page + 1 : 0;
  const entries = await api(`/api/audit?page=${page}&size=${SIZE}`);
  const rows = entries.items.map((e) => el('tr', { 'data-action': e.action },
    el('td', {}, when(e.at)),
    el('td', {}, e.action),
    el('td', {}, e.actorName || 'Tandem'),
    el('td', {}, e.sessionId ? link(e.sessionId.slice(0, 8), () => actions.replay(e.sessionId)) : ''),
    el('td', {}, e.customerId ? link(e.customerId.slice(0, 8), () => actions.customer(e.customerId)) : ''),
    el('td', {}, e.detail || '')));
  const body = $('audit-table').querySelector('tbody');
  if (more) body.append(...rows);
  else body.replaceChildren(...rows);
  $('audit-more').hidden = (page + 1) * SIZE >= entries.total;
  $('audit-more').onclick = () => showAudit(actions, true);
}
