// The dashboard (Chart.js from npm, bundled): sessions per day with their median duration, the outcome mix, NPS per
// day and per advisor; and the loyalty ladder (ladder-chart.js). Chart.js draws on a canvas: its titles, axes, legends
// and tooltips get the staff member's words and locale from here (chartOptions), and are drawn again on a change.

import { Chart, registerables } from 'chart.js';
import { api } from '../console/api.js';
import { $, say, t, outcomeLabel } from './dom.js';
import { day } from './format.js';
import { locale } from '../lib/i18n.js';
import { showLadder } from './ladder-chart.js';
import { npsColour, outcomeColour } from './colours.js';

Chart.register(...registerables);

const charts = {};

function dayString(date) {
  return date.toISOString().slice(0, 10);
}

function defaults() {
  if (!$('dash-to').value) {
    const to = new Date();
    const from = new Date(to.getTime() - 29 * 86400000);
    $('dash-from').value = dayString(from);
    $('dash-to').value = dayString(to);
  }
  return `from=${$('dash-from').value}&to=${$('dash-to').value}`;
}

async function load() {
  return api('/api/reports/dashboard?' + defaults());
}

/**
 * Options every chart shares: the staff member's locale for numbers (ticks, tooltips); the chart's title is its
 * figure's caption (translated in the page), also its canvas's accessible name.
 */
export function chartOptions(id, options = {}) {
  const caption = $(id).closest('figure')?.querySelector('figcaption');
  $(id).setAttribute('role', 'img');
  if (caption) $(id).setAttribute('aria-label', caption.textContent);
  return { animation: false, responsive: true, maintainAspectRatio: false, locale: locale(), ...options };
}

/** An axis titled in words. */
export function axis(key, options = {}) {
  return { ...options, title: { display: true, text: t(key) } };
}

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart($(id), { ...config, options: chartOptions(id, config.options) });
}

let shown = 0;

export async function showDashboard(actions) {
  $('dash-apply').onclick = () => showDashboard(actions);
  // the newest request wins: an earlier answer (the tab's first period, the language before a switch) arriving late
  // must not draw over it
  const run = ++shown;
  const d = await load();
  if (run !== shown) return;
  const days = d.days.map((x) => day(x.day));
  const overall = d.nps.overall;
  say('dash-summary', 'supervisor.dashboard.summary', {
    sessions: t('supervisor.dashboard.sessions', { count: d.days.reduce((a, x) => a + x.sessions, 0) }),
    nps: t('supervisor.dashboard.nps', { score: overall.score === null ? '–' : overall.score, count: overall.answers }),
  });
  $('dash-summary').dataset.nps = overall.score === null ? '' : overall.score < 0 ? 'negative'
    : overall.score > 0 ? 'positive' : 'zero';
  draw('chart-sessions', {
    data: { labels: days, datasets: [
      { type: 'bar', label: t('supervisor.dashboard.sessionsLabel'), data: d.days.map((x) => x.sessions), backgroundColor: '#5b8ac4', yAxisID: 'y' },
      { type: 'line', label: t('supervisor.dashboard.medianMinutes'), data: d.days.map((x) => x.medianDurationSeconds === null ? null
        : Math.round(x.medianDurationSeconds / 6) / 10), borderColor: '#d9480f', yAxisID: 'y1', spanGaps: true },
    ] },
    options: { scales: { x: axis('supervisor.dashboard.day'),
      y: axis('supervisor.dashboard.sessionsLabel', { beginAtZero: true, ticks: { precision: 0 } }),
      y1: axis('supervisor.dashboard.minutes', { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } }) } },
  });
  draw('chart-outcomes', {
    type: 'doughnut',
    data: { labels: d.outcomes.map((o) => outcomeLabel(o.outcome) || t('supervisor.dashboard.noOutcome')),
      datasets: [{ data: d.outcomes.map((o) => o.sessions),
        backgroundColor: d.outcomes.map((o) => outcomeColour(o.outcome)) }] },
  });
  const rated = d.days.filter((x) => x.nps.answers > 0);
  draw('chart-nps', {
    type: 'line',
    data: { labels: rated.map((x) => day(x.day)), datasets: [{ label: t('supervisor.dashboard.npsLabel'), data: rated.map((x) => x.nps.score),
      borderColor: '#495057', pointRadius: 4,
      pointBackgroundColor: rated.map((x) => npsColour(x.nps.score)),
      pointBorderColor: rated.map((x) => npsColour(x.nps.score)),
      // each stretch of the line in the colour of where it ends: below zero red, above green
      segment: { borderColor: (ctx) => npsColour(ctx.p1.parsed.y) } }] },
    options: { scales: { x: axis('supervisor.dashboard.day'), y: axis('supervisor.dashboard.npsLabel', { min: -100, max: 100 }) } },
  });
  draw('chart-advisors', {
    type: 'bar',
    data: { labels: d.nps.advisors.map((a) => a.advisorName), datasets: [{ label: t('supervisor.dashboard.npsLabel'),
      data: d.nps.advisors.map((a) => a.nps.score),
      backgroundColor: d.nps.advisors.map((a) => npsColour(a.nps.score)) }] },
    options: { indexAxis: 'y', scales: { x: axis('supervisor.dashboard.npsLabel', { min: -100, max: 100 }),
      y: axis('supervisor.dashboard.advisor') } },
  });
  window.__tandemDashboard = { charts, data: d };
  await showLadder(defaults(), actions, () => run === shown);
}
