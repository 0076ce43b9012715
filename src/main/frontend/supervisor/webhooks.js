// The CRM's webhooks (Settings, "CRM webhooks"): admins register the addresses Tandem posts events to, see what is
// waiting or was given up, and send a given-up delivery again; supervisors see them read-only. The signing secret is
// shown once, when an address is added.

import { api } from '../console/api.js';
import { $, el, when } from './dom.js';

const EVENTS = [
  ['touchpoint.completed', 'A touchpoint is completed'],
  ['feedback.received', 'A customer rates a session'],
  ['ladder.changed', 'A customer moves on the loyalty ladder'],
  ['followup.opened', 'A follow-up is opened'],
  ['followup.closed', 'A follow-up is closed'],
];
const label = (type) => (EVENTS.find(([t]) => t === type) || [type, type])[1];

export async function showWebhooks(canEdit) {
  $('webhook-secret-box').hidden = true;
  $('webhook-dead').hidden = true;
  $('webhooks-events').replaceChildren(...EVENTS.map(([type, words]) => el('label', {},
    el('input', { type: 'checkbox', name: 'webhook-event', value: type, checked: type === 'touchpoint.completed' }),
    ` ${words}`)));
  $('webhooks-form').hidden = !canEdit;
  $('webhooks-form').onsubmit = async (e) => {
    e.preventDefault();
    const url = $('webhook-url').value.trim();
    const eventTypes = [...document.querySelectorAll('input[name=webhook-event]:checked')].map((i) => i.value);
    await change(`Adding ${url}…`, canEdit, async () => {
      const created = await api('/api/admin/webhooks', { method: 'POST', body: { url, eventTypes } });
      $('webhook-url').value = '';
      $('webhook-secret-url').textContent = created.url;
      $('webhook-secret').textContent = created.secret;
      $('webhook-secret-box').hidden = false;
      return `${created.url} was added. Copy its signing secret now: it is not shown again.`;
    });
  };
  await render(canEdit);
}

async function change(pending, canEdit, call) {
  const status = $('webhooks-status');
  status.textContent = pending;
  try {
    status.textContent = await call();
    await render(canEdit);
  } catch (err) {
    status.textContent = err.message || String(err);
  }
}

async function render(canEdit) {
  const endpoints = await api('/api/admin/webhooks');
  const rows = endpoints.map((w) => el('tr', { 'data-url': w.url },
    el('td', {}, w.url),
    el('td', {}, w.eventTypes.map(label).join('; ')),
    el('td', {}, `${w.enabled ? 'On' : 'Off'}; ${w.pending} waiting, ${w.dead} given up`),
    el('td', {},
      w.dead > 0 ? el('button', { type: 'button', className: 'given-up', onclick: () => showGivenUp(w, canEdit) },
        'Given-up deliveries') : '',
      canEdit ? el('button', { type: 'button', className: 'toggle', onclick: () => change(
        `${w.enabled ? 'Turning off' : 'Turning on'} ${w.url}…`, canEdit, async () => {
          await api(`/api/admin/webhooks/${w.id}`, { method: 'PUT',
            body: { url: w.url, description: w.description, eventTypes: w.eventTypes, enabled: !w.enabled } });
          return w.enabled ? `${w.url} is off: events wait until it is on again.` : `${w.url} is on.`;
        }) }, w.enabled ? 'Turn off' : 'Turn on') : '',
      canEdit ? el('button', { type: 'button', className: 'remove', 'aria-label': `Remove ${w.url}`,
        onclick: () => change(`Removing ${w.url}…`, canEdit, async () => {
          await api(`/api/admin/webhooks/${w.id}`, { method: 'DELETE' });
          return `${w.url} was removed, with the deliveries still waiting for it.`;
        }) }, 'Remove') : '')));
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { colspan: 4 }, 'No address yet: Tandem posts no events.')));
  }
  $('webhooks-table').querySelector('tbody').replaceChildren(...rows);
}

async function showGivenUp(w, canEdit) {
  const page = await api(`/api/admin/webhooks/${w.id}/deliveries?status=dead&size=100`);
  $('webhook-dead-title').textContent = `Given up for ${w.url}`;
  $('webhook-dead').hidden = false;
  $('webhook-dead-table').querySelector('tbody').replaceChildren(...page.items.map((d) => el('tr', {},
    el('td', {}, when(d.createdAt)),
    el('td', {}, label(d.eventType)),
    el('td', {}, `${d.attempts} tries; the last ${d.lastStatus ? 'was answered ' + d.lastStatus : 'failed: ' + (d.lastError || '')}`),
    el('td', {}, canEdit ? el('button', { type: 'button', className: 'redeliver', onclick: () => change(
      'Sending it again…', canEdit, async () => {
        await api(`/api/admin/webhooks/${w.id}/deliveries/${d.id}/redeliver`, { method: 'POST' });
        await showGivenUp(w, canEdit);
        return 'It is waiting to be sent again, under the same id.';
      }) }, 'Send again') : ''))));
}
