// The firm's site origins (Settings, "Sites"): pages from these origins may carry tandem.js and be co-browsed.
// Admins add and remove origins here; supervisors see them read-only. Configured origins cannot be removed here.

import { api } from '../console/api.js';
import { $, el, when } from './dom.js';

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
    await change(`Adding ${origin}…`, (sites) => `${added(sites)} was added. Its pages can be co-browsed now.`,
      canEdit, () => api('/api/admin/sites', { method: 'POST', body: { origin } }));
    if ($('sites-form').dataset.outcome === 'done') $('site-origin').value = '';
  };
}

async function change(pending, done, canEdit, call) {
  const status = $('sites-status');
  status.textContent = pending;
  try {
    const sites = await call();
    render(sites, canEdit);
    status.textContent = typeof done === 'function' ? done(sites) : done;
    $('sites-form').dataset.outcome = 'done';
  } catch (err) {
    status.textContent = err.message || String(err);
    $('sites-form').dataset.outcome = 'refused';
  }
}

function render(sites, canEdit) {
  shown = sites;
  const rows = [
    ...sites.configured.map((origin) => el('tr', { 'data-origin': origin },
      el('td', {}, origin),
      el('td', {}, 'Set in the server configuration; it can only be removed there.'),
      el('td', {}))),
    ...sites.added.map((a) => el('tr', { 'data-origin': a.origin },
      el('td', {}, a.origin),
      el('td', {}, `Added by ${a.addedBy}, ${when(a.addedAt)}`),
      el('td', {}, canEdit ? el('button', { type: 'button', className: 'remove',
        'aria-label': `Remove ${a.origin}`,
        onclick: () => change(`Removing ${a.origin}…`,
          `${a.origin} was removed. Its pages can no longer start co-browsing.`, canEdit,
          () => api('/api/admin/sites?origin=' + encodeURIComponent(a.origin), { method: 'DELETE' })) },
      'Remove') : ''))),
  ];
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { colspan: 3 }, 'No other site yet: only pages served by Tandem itself can be co-browsed.')));
  }
  $('sites-table').querySelector('tbody').replaceChildren(...rows);
}
