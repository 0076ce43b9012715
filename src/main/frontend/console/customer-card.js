// The customer beside the mirror, before and during a session: their rung on the loyalty ladder, their last score
// and their last three touchpoints, so the advisor knows the relationship they walk into.

import { api } from './api.js';
import { outcomeLabel } from '../lib/words.js';
import { rungLabel } from '../lib/ladder-words.js';
import { locale, t } from '../lib/staff-messages.js';

const $ = (id) => document.getElementById(id);
let shown = null;

function item(tp) {
  const li = document.createElement('li');
  const when = new Date(tp.occurredAt).toLocaleDateString(locale(), { dateStyle: 'medium' });
  const parts = [t('console.card.on', { when }), tp.advisorName ? t('console.card.with', { name: tp.advisorName }) : null,
    outcomeLabel(tp.outcome) || t('console.card.noOutcome'),
    tp.feedback ? t('console.card.rated', { score: tp.feedback.score }) : null];
  li.textContent = parts.filter(Boolean).join(' · ');
  if (tp.purpose) {
    li.title = tp.purpose; // the advisor's own words
    li.translate = false;
  }
  return li;
}

/** Shows the card for a customer (their id), reloading it when asked again for the same one. */
export async function showCustomerCard(customerId, { currentSession } = {}) {
  shown = customerId;
  const [customer, timeline] = await Promise.all([api('/api/customers/' + customerId),
    api('/api/customers/' + customerId + '/timeline?size=4')]);
  if (shown !== customerId) return; // another session was opened meanwhile
  const card = $('customer-card');
  card.dataset.customer = customerId;
  $('card-rung').dataset.rung = customer.rung;
  $('card-rung').textContent = t('console.card.rung', { rung: rungLabel(customer.rung) });
  const rated = timeline.items.find((tp) => tp.feedback);
  $('card-score').textContent = rated ? t('console.card.lastScore', { score: rated.feedback.score })
    : t('console.card.notRated');
  $('card-manager').textContent = customer.accountManagerName
    ? t('console.card.manager', { name: customer.accountManagerName }) : t('console.card.noManager');
  const earlier = timeline.items.filter((tp) => tp.sessionId !== currentSession).slice(0, 3);
  const list = $('card-touchpoints');
  list.replaceChildren(...earlier.map(item));
  if (!earlier.length) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = t('console.card.first');
    list.append(li);
  }
  card.hidden = false;
}

export function hideCustomerCard() {
  shown = null;
  $('customer-card').hidden = true;
}
