// The loyalty ladder on the dashboard (Chart.js): customers per rung now, the moves of the period into each rung
// (climbed green, slipped red), NPS per rung, the share of detractors whose loop was closed in time; a click on a bar
// opens the list of customers or moves behind it.

import { Chart } from 'chart.js';
import { api } from '../console/api.js';
import { $, el, link, own, say, t, when } from './dom.js';
import { npsColour } from './colours.js';
import { ladderSentence, loopSentence } from '../lib/ladder-words.js';
import { axis, chartOptions } from './dashboard.js';

const charts = {};
const MOVES = [
  { key: 'climbed', label: 'supervisor.dashboard.climbed', colour: '#2f9e44' },
  { key: 'slipped', label: 'supervisor.dashboard.slipped', colour: '#e03131' },
];
const rungLabel = (rung) => t(`supervisor.rung.${rung}`);

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart($(id), { ...config, options: chartOptions(id, config.options) });
  return charts[id];
}

/** Draws the ladder for the dashboard's period (its query string, from=…&to=…). */
export async function showLadder(query, actions, current = () => true) {
  const report = await api('/api/reports/ladder?' + query);
  if (!current()) return; // a newer dashboard request draws the ladder
  $('loop-closed').textContent = loopSentence(report.loop);
  $('loop-closed').dataset.share = report.loop.share ?? '';
  $('ladder-drill').hidden = true;
  const labels = report.rungs.map((r) => rungLabel(r.rung));
  // a click anywhere in a rung's column counts (a rung with few customers has a bar too thin to hit)
  const customers = draw('chart-ladder', {
    type: 'bar',
    data: { labels, datasets: [{ label: t('supervisor.dashboard.customers'), data: report.rungs.map((r) => r.customers),
      backgroundColor: '#5b8ac4' }] },
    options: { scales: { y: axis('supervisor.dashboard.customers', { beginAtZero: true, ticks: { precision: 0 } }) },
      plugins: { legend: { display: false } },
      onClick: (event) => {
        const [hit] = customers.getElementsAtEventForMode(event, 'index', { intersect: false }, true);
        if (hit) openBar(report.rungs[hit.index].rung, 'customers', query, actions);
      } },
  });
  const moves = draw('chart-moves', {
    type: 'bar',
    data: { labels, datasets: MOVES.map((m) => ({ label: t(m.label), data: report.rungs.map((r) => r[m.key]),
      backgroundColor: m.colour })) },
    options: { scales: { y: axis('supervisor.dashboard.customers', { beginAtZero: true, ticks: { precision: 0 } }) },
      onClick: (event) => {
        const [hit] = moves.getElementsAtEventForMode(event, 'nearest', { intersect: false, axis: 'x' }, true);
        if (hit) openBar(report.rungs[hit.index].rung, MOVES[hit.datasetIndex].key, query, actions);
      } },
  });
  draw('chart-rung-nps', {
    type: 'bar',
    data: { labels, datasets: [{ label: t('supervisor.dashboard.npsLabel'), data: report.rungs.map((r) => r.nps.score),
      backgroundColor: report.rungs.map((r) => npsColour(r.nps.score)) }] },
    options: { scales: { y: axis('supervisor.dashboard.npsLabel', { min: -100, max: 100 }) } },
  });
  window.__tandemLadder = { customers, moves, report, open: (rung, series) => openBar(rung, series, query, actions) };
}

/** The list behind one bar: the customers on a rung, or the moves up or down into it. */
async function openBar(rung, series, query, actions) {
  const name = t(`supervisor.rungInline.${rung}`);
  const table = $('ladder-drill-table');
  const drill = $('ladder-drill');
  drill.dataset.rung = rung;
  drill.dataset.series = series;
  if (series === 'customers') {
    const list = await api('/api/reports/ladder/customers?rung=' + encodeURIComponent(rung));
    say('ladder-drill-title', 'supervisor.dashboard.drillCustomers', { rung: name, count: list.length });
    table.querySelector('thead').replaceChildren(el('tr', {}, el('th', {}, t('supervisor.dashboard.customer')),
      el('th', {}, t('supervisor.dashboard.since')), el('th', {}, t('supervisor.dashboard.accountManager')),
      el('th', {}, t('supervisor.dashboard.latestRating'))));
    table.querySelector('tbody').replaceChildren(...list.map((c) => el('tr', { 'data-customer': c.id },
      el('td', {}, link(c.name, () => actions.customer(c.id), { translate: 'no' })),
      el('td', {}, when(c.rungSince)),
      c.accountManager ? own('td', {}, c.accountManager) : el('td', {}, t('supervisor.dashboard.none')),
      el('td', {}, c.lastScore ?? t('supervisor.dashboard.notRated')))));
  } else {
    const direction = series === 'climbed' ? 'up' : 'down';
    const list = await api(`/api/reports/ladder/movements?${query}&rung=${encodeURIComponent(rung)}`
      + `&direction=${direction}`);
    say('ladder-drill-title', direction === 'up' ? 'supervisor.dashboard.drillClimbed'
      : 'supervisor.dashboard.drillSlipped', { rung: name, count: list.length });
    table.querySelector('thead').replaceChildren(el('tr', {}, el('th', {}, t('supervisor.dashboard.when')),
      el('th', {}, t('supervisor.dashboard.customer')), el('th', {}, t('supervisor.dashboard.whatHappened'))));
    table.querySelector('tbody').replaceChildren(...list.map((m) => el('tr', { 'data-customer': m.customerId },
      el('td', {}, when(m.at)),
      el('td', {}, link(m.customerName, () => actions.customer(m.customerId), { translate: 'no' })),
      el('td', {}, ladderSentence(m)))));
  }
  drill.hidden = false;
}

