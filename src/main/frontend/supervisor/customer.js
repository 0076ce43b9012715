// A customer's relationship timeline for supervisors: every touchpoint newest first with outcome, score, duration and
// advisor and the policy documents read, the moves on the loyalty ladder between them (by rule or by hand, and why),
// the customer's rung and NPS category with its trend, and a form to move them on the ladder by hand.

import { api } from '../console/api.js';
import { $, el, link, when, minutes, outcomeLabel } from './dom.js';
import { category, standing } from './relationship.js';
import { ladderSentence, rungLabel } from '../lib/ladder-words.js';

const TREND = { up: '↑ Rising', down: '↓ Falling', steady: '→ Steady' };
const CATEGORY = { promoter: 'Promoter', passive: 'Passive', detractor: 'Detractor' };

export async function openCustomer(customerId, actions) {
  $('customer-name').textContent = '';
  $('rung-status').textContent = '';
  $('timeline-table').querySelector('tbody').replaceChildren();
  const [customer, timeline, ladder] = await Promise.all([api('/api/customers/' + customerId),
    api('/api/customers/' + customerId + '/timeline?size=100'), api('/api/customers/' + customerId + '/ladder')]);
  $('customer-name').textContent = customer.name;
  $('customer-meta').textContent = [customer.email, customer.segment && `CRM segment: ${customer.segment}`,
    `${timeline.total} touchpoints`].filter(Boolean).join(' · ');
  showRung(customer);
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
  const rows = [...timeline.items.map((t) => ({ at: t.occurredAt, row: touchpointRow(t, actions) })),
    ...ladder.map((c) => ({ at: c.at, row: moveRow(c) }))]
    .sort((a, b) => new Date(b.at) - new Date(a.at));
  $('timeline-table').querySelector('tbody').replaceChildren(...rows.map((r) => r.row));
  $('rung-form').onsubmit = async (e) => {
    e.preventDefault();
    $('rung-status').textContent = '';
    try {
      await api('/api/customers/' + customerId + '/rung', { method: 'PUT',
        body: { rung: $('rung-select').value, reason: $('rung-reason').value } });
      $('rung-reason').value = '';
      await openCustomer(customerId, actions);
      $('rung-status').textContent = `Moved to ${rungLabel($('rung-select').value).toLowerCase()}.`;
    } catch (err) {
      $('rung-status').textContent = (err.problem && err.problem.errors && err.problem.errors[0]
        && err.problem.errors[0].message) || err.message;
    }
  };
}

function showRung(customer) {
  const pill = $('customer-rung');
  pill.dataset.rung = customer.rung;
  pill.textContent = `${rungLabel(customer.rung)} on the loyalty ladder`;
  $('rung-select').value = customer.rung;
}

function touchpointRow(t, actions) {
  return el('tr', { 'data-session': t.sessionId },
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
      : el('span', { className: 'muted' }, 'No recording')));
}

/** A move on the ladder, between the touchpoints: which way, from and to, by which rule or person and why. */
function moveRow(change) {
  return el('tr', { className: 'ladder-move', 'data-ladder': change.id, 'data-direction': change.direction },
    el('td', {}, when(change.at)),
    el('td', { colspan: 8 }, el('span', { className: 'move-arrow', 'aria-hidden': 'true' },
      change.direction === 'up' ? '▲ ' : '▼ '), ladderSentence(change)));
}

/** The policy documents read in the session: title, version, pages seen and for how long. */
function documents(list) {
  return (list || []).map((d) => `${d.title} (${d.versionLabel || 'v' + d.number}): `
    + `page${d.pages.length === 1 ? '' : 's'} ${d.pages.join(', ')}, ${minutes(d.seconds)}`).join('; ');
}
