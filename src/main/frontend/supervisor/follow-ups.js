// The supervisor's follow-up view: every advisor's tasks (open, closed or all), overdue ones marked, each closed with
// a note here or in the assignee's console.

import { api } from '../console/api.js';
import { $, say } from './dom.js';
import { renderFollowUps } from '../lib/follow-up-list.js';

export async function showFollowUps(actions) {
  const select = $('follow-up-state');
  select.onchange = () => showFollowUps(actions);
  const tasks = await api('/api/follow-ups?everyone=true&state=' + select.value);
  const overdue = tasks.filter((t) => t.overdue).length;
  say('follow-up-summary', overdue ? 'supervisor.followUps.summaryOverdue' : 'supervisor.followUps.summary',
    { count: tasks.length, overdue });
  renderFollowUps($('follow-up-table').querySelector('tbody'), tasks, { showAssignee: true,
    onCustomer: actions.customer, onReplay: actions.replay, onClosed: () => showFollowUps(actions) });
}
