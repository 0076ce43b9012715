// The dashboard (Chart.js from npm, bundled): sessions per day with their median duration, the outcome mix, NPS per
// day and per advisor; and the loyalty ladder (ladder-chart.js).

import { Chart, registerables } from 'chart.js';
import { api } from '../console/api.js';
import { $, outcomeLabel } from './dom.js';
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

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart($(id), { ...config, options: { animation: false, responsive: true, maintainAspectRatio: false,
    ...config.options } });
}

export async function showDashboard(actions) {
  $('dash-apply').onclick = () => showDashboard(actions);
  const d = await load();
  const days = d.days.map((x) => x.day);
  const overall = d.nps.overall;
  $('dash-summary').textContent = `${d.days.reduce((a, x) => a + x.sessions, 0)} sessions · NPS `
    + (overall.score === null ? '–' : overall.score) + ` (${overall.answers} answers)`;
  $('dash-summary').dataset.nps = overall.score === null ? '' : overall.score < 0 ? 'negative'
    : overall.score > 0 ? 'positive' : 'zero';
  draw('chart-sessions', {
    data: { labels: days, datasets: [
      { type: 'bar', label: 'Sessions', data: d.days.map((x) => x.sessions), backgroundColor: '#5b8ac4', yAxisID: 'y' },
      { type: 'line', label: 'Median minutes', data: d.days.map((x) => x.medianDurationSeconds === null ? null
        : Math.round(x.medianDurationSeconds / 6) / 10), borderColor: '#d9480f', yAxisID: 'y1', spanGaps: true },
    ] },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } },
      y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } } } },
  });
  draw('chart-outcomes', {
    type: 'doughnut',
    data: { labels: d.outcomes.map((o) => outcomeLabel(o.outcome) || 'No outcome yet'),
      datasets: [{ data: d.outcomes.map((o) => o.sessions),
        backgroundColor: d.outcomes.map((o) => outcomeColour(o.outcome)) }] },
  });
  const rated = d.days.filter((x) => x.nps.answers > 0);
  draw('chart-nps', {
    type: 'line',
    data: { labels: rated.map((x) => x.day), datasets: [{ label: 'NPS', data: rated.map((x) => x.nps.score),
      borderColor: '#495057', pointRadius: 4,
      pointBackgroundColor: rated.map((x) => npsColour(x.nps.score)),
      pointBorderColor: rated.map((x) => npsColour(x.nps.score)),
      // each stretch of the line in the colour of where it ends: below zero red, above green
      segment: { borderColor: (ctx) => npsColour(ctx.p1.parsed.y) } }] },
    options: { scales: { y: { min: -100, max: 100 } } },
  });
  draw('chart-advisors', {
    type: 'bar',
    data: { labels: d.nps.advisors.map((a) => a.advisorName), datasets: [{ label: 'NPS',
      data: d.nps.advisors.map((a) => a.nps.score),
      backgroundColor: d.nps.advisors.map((a) => npsColour(a.nps.score)) }] },
    options: { indexAxis: 'y', scales: { x: { min: -100, max: 100 } } },
  });
  window.__tandemDashboard = { charts, data: d };
  await showLadder(defaults(), actions);
}
