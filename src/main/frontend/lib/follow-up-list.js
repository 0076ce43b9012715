// A list of follow-up tasks with a "close with a note" form on each open one; the console's home and the supervisor
// page both show it. Overdue tasks stand out (data-overdue, a red "Overdue since …").

import { api } from '../console/api.js';
import { el, when } from './dom.js';
import { followUpReason, followUpState } from './ladder-words.js';

/**
 * Renders tasks as table rows into `tbody`.
 * @param {object} options `showAssignee` (a column with whose task it is), `onCustomer(id)` (a customer's name opens
 *   their timeline), `onReplay(sessionId)` (a column with the session's replay), `onClosed()` (after a close)
 */
export function renderFollowUps(tbody, tasks, options = {}) {
  tbody.replaceChildren(...tasks.map((t) => row(t, options)));
}

function row(t, options) {
  const state = el('td', { className: 'follow-up-state' }, followUpState(t));
  const customer = options.onCustomer
    ? el('button', { type: 'button', className: 'link', onclick: () => options.onCustomer(t.customerId) }, t.customerName)
    : t.customerName;
  return el('tr', { 'data-follow-up': t.id, 'data-session': t.sessionId, 'data-reason': t.reason, 'data-overdue': t.overdue ? 'true' : 'false',
    'data-closed': t.closedAt ? 'true' : 'false', className: t.overdue ? 'overdue' : '' },
  el('td', {}, when(t.openedAt)),
  el('td', {}, customer),
  el('td', {}, followUpReason(t)),
  el('td', {}, t.comment || ''),
  ...(options.showAssignee ? [el('td', {}, t.assigneeName || '')] : []),
  state,
  el('td', {}, t.closedAt ? (t.note || '') : closeForm(t, options)),
  ...(options.onReplay ? [el('td', {}, t.recorded ? el('button', { type: 'button', className: 'link',
    'data-replay': t.sessionId, onclick: () => options.onReplay(t.sessionId) }, 'Replay')
    : el('span', { className: 'muted' }, 'No recording'))] : []));
}

function closeForm(t, options) {
  const note = el('input', { name: 'note', maxlength: 2000, required: true, 'aria-label': `What was done for ${t.customerName}`,
    placeholder: 'What was done to close the loop' });
  const status = el('span', { className: 'field-error', role: 'status' });
  const form = el('form', { className: 'follow-up-close' }, note,
    el('button', { type: 'submit', className: 'primary' }, 'Close'), status);
  form.onsubmit = async (e) => {
    e.preventDefault();
    status.textContent = '';
    try {
      await api(`/api/follow-ups/${t.id}/close`, { method: 'POST', body: { note: note.value } });
      if (options.onClosed) await options.onClosed();
    } catch (err) {
      status.textContent = (err.problem && err.problem.errors && err.problem.errors[0]
        && err.problem.errors[0].message) || err.message;
    }
  };
  return form;
}
