// A list of follow-up tasks with a "close with a note" form on each open one; the console's home and the supervisor
// page both show it. Overdue tasks stand out (data-overdue, a red "Overdue since …").

import { api } from '../console/api.js';
import { el } from './dom.js';
import { followUpReason, followUpState } from './ladder-words.js';
import { fieldErrors, problemWords } from './words.js';
import { locale, t as tr } from './staff-messages.js';

/** When a task was opened, in the staff member's language (a message of its own, so the pseudo-locale marks it). */
function opened(instant) {
  return instant ? tr('staff.followUps.openedAt', { when: new Date(instant).toLocaleString(locale(),
    { dateStyle: 'medium', timeStyle: 'short' }) }) : '';
}

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
    ? el('button', { type: 'button', className: 'link', translate: 'no', onclick: () => options.onCustomer(t.customerId) },
      t.customerName)
    : el('span', { translate: 'no' }, t.customerName);
  return el('tr', { 'data-follow-up': t.id, 'data-session': t.sessionId, 'data-reason': t.reason, 'data-overdue': t.overdue ? 'true' : 'false',
    'data-closed': t.closedAt ? 'true' : 'false', className: t.overdue ? 'overdue' : '' },
  el('td', {}, opened(t.openedAt)),
  el('td', {}, customer),
  el('td', {}, followUpReason(t)),
  el('td', { translate: 'no' }, t.comment || ''),
  ...(options.showAssignee ? [el('td', { translate: 'no' }, t.assigneeName || '')] : []),
  state,
  el('td', t.closedAt ? { translate: 'no' } : {}, t.closedAt ? (t.note || '') : closeForm(t, options)),
  ...(options.onReplay ? [el('td', {}, t.recorded ? el('button', { type: 'button', className: 'link',
    'data-replay': t.sessionId, onclick: () => options.onReplay(t.sessionId) }, tr('staff.followUp.replay'))
    : el('span', { className: 'muted' }, tr('staff.followUp.noRecording')))] : []));
}

function closeForm(t, options) {
  const note = el('input', { name: 'note', maxlength: 2000, required: true, 'aria-label': tr('staff.followUp.noteLabel', { name: t.customerName }),
    placeholder: tr('staff.followUp.notePlaceholder') });
  const status = el('span', { className: 'field-error', role: 'status' });
  const form = el('form', { className: 'follow-up-close' }, note,
    el('button', { type: 'submit', className: 'primary' }, tr('staff.followUp.closeButton')), status);
  form.onsubmit = async (e) => {
    e.preventDefault();
    status.textContent = '';
    try {
      await api(`/api/follow-ups/${t.id}/close`, { method: 'POST', body: { note: note.value } });
      if (options.onClosed) await options.onClosed();
    } catch (err) {
      const field = err.problem && err.problem.errors && err.problem.errors[0];
      status.textContent = field ? fieldErrors(err.problem, (f) => f).fields[field.field] : problemWords(err);
    }
  };
  return form;
}
