// The CRM's webhooks (Settings, "CRM webhooks"): admins register the addresses Tandem posts events to, see what is
// waiting or was given up, and send a given-up delivery again; supervisors see them read-only. The signing secret is
// shown once, when an address is added.

import { api } from '../console/api.js';
import { $, el, own, plain, say, t, when } from './dom.js';
import { formatNumber } from '../lib/i18n.js';
import { problemText } from './format.js';

const EVENTS = [
  ['touchpoint.completed', 'supervisor.webhooks.event.touchpointCompleted'],
  ['feedback.received', 'supervisor.webhooks.event.feedbackReceived'],
  ['ladder.changed', 'supervisor.webhooks.event.ladderChanged'],
  ['followup.opened', 'supervisor.webhooks.event.followupOpened'],
  ['followup.closed', 'supervisor.webhooks.event.followupClosed'],
];
/** An event type in words; a type this page does not know is shown as its code. */
const label = (type) => {
  const known = EVENTS.find(([code]) => code === type);
  return known ? t(known[1]) : type;
};

export async function showWebhooks(canEdit) {
  $('webhook-secret-box').hidden = true;
  $('webhook-dead').hidden = true;
  $('webhooks-events').replaceChildren(...EVENTS.map(([type, key]) => el('label', {},
    el('input', { type: 'checkbox', name: 'webhook-event', value: type, checked: type === 'touchpoint.completed' }),
    ' ', el('span', {}, t(key)))));
  $('webhooks-form').hidden = !canEdit;
  $('webhooks-form').onsubmit = async (e) => {
    e.preventDefault();
    const url = $('webhook-url').value.trim();
    const eventTypes = [...document.querySelectorAll('input[name=webhook-event]:checked')].map((i) => i.value);
    await change(['supervisor.webhooks.adding', { url }], canEdit, async () => {
      const created = await api('/api/admin/webhooks', { method: 'POST', body: { url, eventTypes } });
      $('webhook-url').value = '';
      $('webhook-secret-url').textContent = created.url;
      $('webhook-secret').textContent = created.secret;
      $('webhook-secret-box').hidden = false;
      return ['supervisor.webhooks.added', { url: created.url }];
    });
  };
  await render(canEdit);
}

async function change(pending, canEdit, call) {
  const status = $('webhooks-status');
  say(status, ...pending);
  try {
    say(status, ...await call());
    await render(canEdit);
  } catch (err) {
    plain(status, problemText(err, 'supervisor.problem.notSaved'));
  }
}

async function render(canEdit) {
  const endpoints = await api('/api/admin/webhooks');
  const rows = endpoints.map((w) => el('tr', { 'data-url': w.url },
    own('td', {}, w.url),
    el('td', {}, w.eventTypes.map(label).join('; ')),
    el('td', {}, t(w.enabled ? 'supervisor.webhooks.stateOn' : 'supervisor.webhooks.stateOff',
      { waiting: formatNumber(w.pending), dead: formatNumber(w.dead) })),
    el('td', {},
      w.dead > 0 ? el('button', { type: 'button', className: 'given-up', onclick: () => showGivenUp(w, canEdit) },
        t('supervisor.webhooks.givenUp')) : '',
      canEdit ? el('button', { type: 'button', className: 'toggle', onclick: () => change(
        [w.enabled ? 'supervisor.webhooks.turningOff' : 'supervisor.webhooks.turningOn', { url: w.url }], canEdit,
        async () => {
          await api(`/api/admin/webhooks/${w.id}`, { method: 'PUT',
            body: { url: w.url, description: w.description, eventTypes: w.eventTypes, enabled: !w.enabled } });
          return [w.enabled ? 'supervisor.webhooks.isOff' : 'supervisor.webhooks.isOn', { url: w.url }];
        }) }, t(w.enabled ? 'supervisor.webhooks.turnOff' : 'supervisor.webhooks.turnOn')) : '',
      canEdit ? el('button', { type: 'button', className: 'remove',
        'aria-label': t('supervisor.webhooks.removeLabel', { url: w.url }),
        onclick: () => change(['supervisor.webhooks.removing', { url: w.url }], canEdit, async () => {
          await api(`/api/admin/webhooks/${w.id}`, { method: 'DELETE' });
          return ['supervisor.webhooks.removed', { url: w.url }];
        }) }, t('supervisor.webhooks.remove')) : '')));
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { colspan: 4 }, t('supervisor.webhooks.none'))));
  }
  $('webhooks-table').querySelector('tbody').replaceChildren(...rows);
}

async function showGivenUp(w, canEdit) {
  const page = await api(`/api/admin/webhooks/${w.id}/deliveries?status=dead&size=100`);
  say('webhook-dead-title', 'supervisor.webhooks.givenUpFor', { url: w.url });
  $('webhook-dead').hidden = false;
  $('webhook-dead-table').querySelector('tbody').replaceChildren(...page.items.map((d) => el('tr', {},
    el('td', {}, when(d.createdAt)),
    el('td', {}, label(d.eventType)),
    el('td', {}, d.lastStatus ? t('supervisor.webhooks.answered', { count: d.attempts, status: d.lastStatus })
      : t('supervisor.webhooks.failed', { count: d.attempts, error: d.lastError || '' })),
    el('td', {}, canEdit ? el('button', { type: 'button', className: 'redeliver', onclick: () => change(
      ['supervisor.webhooks.sending'], canEdit, async () => {
        await api(`/api/admin/webhooks/${w.id}/deliveries/${d.id}/redeliver`, { method: 'POST' });
        await showGivenUp(w, canEdit);
        return ['supervisor.webhooks.waitingAgain'];
      }) }, t('supervisor.webhooks.sendAgain')) : ''))));
}
