// A customer's relationship timeline for supervisors: every touchpoint newest first with outcome, score, duration and
// advisor and the policy documents read, the moves on the loyalty ladder between them (by rule or by hand, and why),
// the customer's rung and NPS category with its trend, and a form to move them on the ladder by hand.

import { api } from '../console/api.js';
import { $, el, link, own, plain, say, t, when, minutes, outcomeLabel } from './dom.js';
import { category, standing } from './relationship.js';
import { ladderSentence } from '../lib/ladder-words.js';
import { formatNumber } from '../lib/i18n.js';
import { problemText } from './format.js';

const TREND = { up: 'supervisor.customer.rising', down: 'supervisor.customer.falling', steady: 'supervisor.customer.steady' };
const CATEGORY = (c) => t(`supervisor.category.${c}`);

export async function openCustomer(customerId, actions) {
  $('customer-name').textContent = '';
  $('rung-status').textContent = '';
  $('timeline-table').querySelector('tbody').replaceChildren();
  const [customer, timeline, ladder] = await Promise.all([api('/api/customers/' + customerId),
    api('/api/customers/' + customerId + '/timeline?size=100'), api('/api/customers/' + customerId + '/ladder')]);
  $('customer-name').textContent = customer.name;
  const meta = [customer.email && own('span', {}, customer.email),
    customer.segment && t('supervisor.customer.segment', { segment: customer.segment }),
    t('supervisor.customer.touchpoints', { count: timeline.total })].filter(Boolean);
  $('customer-meta').replaceChildren(...meta.flatMap((part, i) => (i ? [' · ', part] : [part])));
  showRung(customer);
  const s = standing(timeline.items);
  const cat = $('nps-category');
  cat.className = 'pill' + (s.category ? ' cat-' + s.category : '');
  cat.dataset.category = s.category || '';
  if (s.category) {
    say(cat, 'supervisor.customer.categoryPill', { category: CATEGORY(s.category), latest: s.latest, count: s.answers });
  } else say(cat, 'supervisor.customer.noRating');
  const trend = $('nps-trend');
  trend.dataset.trend = s.trend || '';
  say(trend, s.trend ? TREND[s.trend] : 'supervisor.customer.noTrend');
  trend.hidden = !s.trend;
  const rows = [...timeline.items.map((tp) => ({ at: tp.occurredAt, row: touchpointRow(tp, actions) })),
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
      say('rung-status', 'supervisor.customer.movedTo', { rung: t(`supervisor.rungInline.${$('rung-select').value}`) });
    } catch (err) {
      plain('rung-status', problemText(err, 'supervisor.problem.notSaved', { fields: true }));
    }
  };
}

function showRung(customer) {
  const pill = $('customer-rung');
  pill.dataset.rung = customer.rung;
  say(pill, 'supervisor.customer.onLadder', { rung: t(`supervisor.rung.${customer.rung}`) });
  $('rung-select').value = customer.rung;
}

function touchpointRow(tp, actions) {
  return el('tr', { 'data-session': tp.sessionId },
    el('td', {}, when(tp.occurredAt)),
    own('td', {}, tp.advisorName || ''),
    own('td', {}, tp.purpose || ''),
    el('td', {}, outcomeLabel(tp.outcome)),
    el('td', {}, minutes(tp.durationSeconds)),
    el('td', {}, tp.feedback ? el('span', { className: 'pill cat-' + category(tp.feedback.score) },
      t('supervisor.customer.scoreCategory', { score: tp.feedback.score, category: CATEGORY(category(tp.feedback.score)) }))
      : ''),
    own('td', {}, tp.feedback && tp.feedback.comment ? tp.feedback.comment : ''),
    el('td', { 'data-docs': '' }, documents(tp.documents)),
    el('td', {}, tp.recorded ? link(t('supervisor.customer.replay'), () => actions.replay(tp.sessionId),
      { 'data-replay': tp.sessionId }) : el('span', { className: 'muted' }, t('supervisor.customer.noRecording'))));
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
  return (list || []).map((d) => t('supervisor.customer.documentRead', { title: d.title,
    version: d.versionLabel || t('supervisor.customer.versionNumber', { number: d.number }), count: d.pages.length,
    pages: d.pages.map((n) => formatNumber(n)).join(', '), duration: minutes(d.seconds) })).join('; ');
}
