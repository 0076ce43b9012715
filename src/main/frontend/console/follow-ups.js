// The advisor's follow-ups on the console's home: their open tasks, overdue ones first and marked, each closed with
// a note in place.

import { api } from './api.js';
import { renderFollowUps } from '../lib/follow-up-list.js';

const $ = (id) => document.getElementById(id);

export async function showMyFollowUps() {
  const tasks = await api('/api/follow-ups?state=open');
  const overdue = tasks.filter((t) => t.overdue).length;
  $('my-follow-ups-summary').textContent = tasks.length
    ? `${tasks.length} open ${tasks.length === 1 ? 'follow-up' : 'follow-ups'}${overdue ? `, ${overdue} overdue` : ''}.`
    : 'No open follow-ups: every loop is closed.';
  renderFollowUps($('my-follow-up-table').querySelector('tbody'), tasks, { onClosed: showMyFollowUps });
  $('my-follow-ups').hidden = false;
}
