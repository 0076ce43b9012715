// A customer's relationship timeline for supervisors: every touchpoint newest first with outcome, score, duration and
// advisor and the policy documents read, and the customer's NPS category with its trend.

import { api } from '../console/api.js';
import { $, el, link, when, minutes, outcomeLabel } from './dom.js';
import { category, standing } from './relationship.js';

const TREND = { up: '↑ Rising', down: '↓ Falling', steady: '→ Steady' };
const CATEGORY = { promoter: 'Promoter', passive: 'Passive', detractor: 'Detractor' };

export async function openCustomer(customerId, actions) {
  $('customer-name').textContent = '';
  $('timeline-table').querySelector('tbody').replaceChildren();
  const [customer, timeline] = await Promise.all([api('/api/customers/' + customerId),
    api('/api/customers/' + customerId + '/timeline?size=100')]);
  $('customer-name').textContent = customer.name;
  $('customer-meta').textContent = [customer.email, customer.segment, `${timeline.total} touchpoints`]
    .filter(Boolean).join(' · ');
  const s = standing(timeline.items);
  const cat = $('nps-category');
  cat.className = 'pill' + (s.category ? ' cat-' + s.category : '');
  cat.dataset.category = s.category || '';
  cat.textContent = s.category ? `${CATEGORY[s.category]} (latest ${s.latest}/10, ${s.answers} answers)`
    : 'No rating yet';
  const trend = $('nps-trend');
  trend.dataset.trend = s.trend || '';
  trend.textContent = s.trend ? TREND[s.trend] : 'No trend yet';
  trend.hidden = !s.trend;
  $('timeline-table').querySelector('tbody').replaceChildren(...timeline.items.map((t) => el('tr', { 'data-session': t.sessionId },
    el('td', {}, when(t.occurredAt)),
    el('td', {}, t.advisorName || ''),
    el('td', {}, t.purpose || ''),
    el('td', {}, outcomeLabel(t.outcome)),
    el('td', {}, minutes(t.durationSeconds)),
    el('td', {}, t.feedback ? el('span', { className: 'pill cat-' + category(t.feedback.score) },
      `${t.feedback.score} · ${CATEGORY[category(t.feedback.score)]}`) : ''),
    el('td', {}, t.feedback && t.feedback.comment ? t.feedback.comment : ''),
    el('td', { 'data-docs': '' }, documents(t.documents)),
    el('td', {}, t.recorded ? link('Replay', () => actions.replay(t.sessionId), { 'data-replay': t.sessionId })
      : el('span', { className: 'muted' }, 'No recording')))));
}

/** The policy documents read in the session: title, version, pages seen and for how long. */
function documents(list) {
  return (list || []).map((d) => `${d.title} (${d.versionLabel || 'v' + d.number}): `
    + `page${d.pages.length === 1 ? '' : 's'} ${d.pages.join(', ')}, ${minutes(d.seconds)}`).join('; ');
}
