// The firm's site origins (Settings, "Sites"): pages from these origins may carry tandem.js and be co-browsed.
// Admins add and remove origins here; supervisors see them read-only. Configured origins cannot be removed here.

import { api } from '../console/api.js';
import { $, el, own, plain, say, t, when } from './dom.js';
import { problemText } from './format.js';

/** The list on screen; an added origin is named as the server wrote it (lower case, no trailing slash). */
let shown = { configured: [], added: [] };

export async function showSites(canEdit) {
  render(await api('/api/admin/sites'), canEdit);
  $('sites-form').hidden = !canEdit;
  $('sites-form').onsubmit = async (e) => {
    e.preventDefault();
    const origin = $('site-origin').value.trim();
    const before = new Set(shown.added.map((a) => a.origin));
    const added = (sites) => (sites.added.find((a) => !before.has(a.origin)) || { origin }).origin;
    await change(['supervisor.sites.adding', { origin }],
      (sites) => ['supervisor.sites.added', { origin: added(sites) }], canEdit, () => api('/api/admin/sites', { method: 'POST', body: { origin } }));
    if ($('sites-form').dataset.outcome === 'done') $('site-origin').value = '';
  };
}

async function change(pending, done, canEdit, call) {
  const status = $('sites-status');
  say(status, ...pending);
  try {
    const sites = await call();
    render(sites, canEdit);
    say(status, ...(typeof done === 'function' ? done(sites) : done));
    $('sites-form').dataset.outcome = 'done';
  } catch (err) {
    plain(status, problemText(err, 'supervisor.problem.notSaved'));
    $('sites-form').dataset.outcome = 'refused';
  }
}

function render(sites, canEdit) {
  shown = sites;
  const rows = [
    ...sites.configured.map((origin) => el('tr', { 'data-origin': origin },
      own('td', {}, origin),
      el('td', {}, t('supervisor.sites.configured')),
      el('td', {}))),
    ...sites.added.map((a) => el('tr', { 'data-origin': a.origin },
      own('td', {}, a.origin),
      el('td', {}, t('supervisor.sites.addedBy', { name: a.addedBy, when: when(a.addedAt) })),
      el('td', {}, canEdit ? el('button', { type: 'button', className: 'remove',
        'aria-label': t('supervisor.sites.removeLabel', { origin: a.origin }),
        onclick: () => change(['supervisor.sites.removing', { origin: a.origin }],
          ['supervisor.sites.removed', { origin: a.origin }], canEdit,
          () => api('/api/admin/sites?origin=' + encodeURIComponent(a.origin), { method: 'DELETE' })) },
      t('supervisor.sites.remove')) : ''))),
  ];
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { colspan: 3 }, t('supervisor.sites.none'))));
  }
  $('sites-table').querySelector('tbody').replaceChildren(...rows);
}
