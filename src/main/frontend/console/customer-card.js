// The customer beside the mirror, before and during a session: their rung on the loyalty ladder, their last score
// and their last three touchpoints, so the advisor knows the relationship they walk into.

import { api } from './api.js';
import { outcomeLabel } from '../lib/words.js';
import { rungLabel } from '../lib/ladder-words.js';

const $ = (id) => document.getElementById(id);
let shown = null;

function item(t) {
  const li = document.createElement('li');
  const when = new Date(t.occurredAt).toLocaleDateString(undefined, { dateStyle: 'medium' });
  const parts = [when, t.advisorName ? `with ${t.advisorName}` : null, outcomeLabel(t.outcome) || 'no outcome yet',
    t.feedback ? `rated ${t.feedback.score}/10` : null];
  li.textContent = parts.filter(Boolean).join(' · ');
  if (t.purpose) li.title = t.purpose;
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
  $('card-rung').textContent = `${rungLabel(customer.rung)} on the loyalty ladder`;
  const rated = timeline.items.find((t) => t.feedback);
  $('card-score').textContent = rated ? `Last score ${rated.feedback.score}/10` : 'Not rated yet';
  $('card-manager').textContent = customer.accountManagerName
    ? `Account manager: ${customer.accountManagerName}` : 'No account manager';
  const earlier = timeline.items.filter((t) => t.sessionId !== currentSession).slice(0, 3);
  const list = $('card-touchpoints');
  list.replaceChildren(...earlier.map(item));
  if (!earlier.length) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = 'No earlier touchpoints: this is the first.';
    list.append(li);
  }
  card.hidden = false;
}

export function hideCustomerCard() {
  shown = null;
  $('customer-card').hidden = true;
}
