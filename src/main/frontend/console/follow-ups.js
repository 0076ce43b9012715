// The advisor's follow-ups on the console's home: their open tasks, overdue ones first and marked, each closed with
// a note in place.

import { api } from './api.js';
import { renderFollowUps } from '../lib/follow-up-list.js';
import { t } from '../lib/staff-messages.js';

const $ = (id) => document.getElementById(id);

export async function showMyFollowUps() {
  const tasks = await api('/api/follow-ups?state=open');
  const overdue = tasks.filter((t) => t.overdue).length;
  $('my-follow-ups-summary').textContent = !tasks.length ? t('console.followUps.none')
    : overdue ? t('console.followUps.openOverdue', { count: tasks.length, overdue })
      : t('console.followUps.open', { count: tasks.length });
  renderFollowUps($('my-follow-up-table').querySelector('tbody'), tasks, { onClosed: showMyFollowUps });
  $('my-follow-ups').hidden = false;
}
