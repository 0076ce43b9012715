// Words for the relationship: rungs of the loyalty ladder, moves on it and follow-up tasks, as the sentences staff
// read in the console and on the supervisor page (shared/DOMAIN.md's vocabulary). Pure, covered by node tests.

/** The loyalty ladder, lowest rung first, with its words. */
export const RUNGS = [
  ['prospect', 'Prospect'],
  ['customer', 'Customer'],
  ['client', 'Client'],
  ['supporter', 'Supporter'],
  ['advocate', 'Advocate'],
];

const RUNG_LABELS = Object.fromEntries(RUNGS);
const TIME = { dateStyle: 'medium', timeStyle: 'short' };

function at(instant, locale) {
  return instant ? new Date(instant).toLocaleString(locale, TIME) : '';
}

/** "client" → "Client"; '' for none. */
export function rungLabel(rung) {
  if (!rung) return '';
  const key = String(rung).toLowerCase();
  return RUNG_LABELS[key] || key.charAt(0).toUpperCase() + key.slice(1);
}

/** A move on the ladder as one sentence: up or down, from and to, by which rule or person and why. */
export function ladderSentence(change) {
  const from = rungLabel(change.from);
  const to = rungLabel(change.to);
  const way = change.direction === 'up' ? 'up' : 'down';
  if (change.kind === 'start') return `Placed on the ladder as ${to.toLowerCase()} when the ladder was introduced.`;
  if (change.kind === 'staff') {
    const who = change.changedByName || 'A member of staff';
    return `${who} moved them ${way} from ${from.toLowerCase()} to ${to.toLowerCase()}`
      + (change.reason ? `: \u201c${change.reason}\u201d` : '') + '.';
  }
  return `Moved ${way} from ${from.toLowerCase()} to ${to.toLowerCase()} by the rule \u201c${change.rule}\u201d.`;
}

/** Why a follow-up task was opened. */
export function followUpReason(task) {
  switch (task.reason) {
    case 'detractor':
      return `Rated ${task.score} out of 10: a detractor`;
    case 'follow_up':
      return 'The session ended with \u201cfollow-up needed\u201d';
    case 'escalated':
      return 'The session was escalated';
    default:
      return 'Needs a follow-up';
  }
}

/** Where a task stands: closed (when, by whom), overdue (since when) or due (when). */
export function followUpState(task, locale) {
  if (task.closedAt) {
    return `Closed ${at(task.closedAt, locale)}${task.closedByName ? ' by ' + task.closedByName : ''}`;
  }
  return task.overdue ? `Overdue since ${at(task.dueAt, locale)}` : `Due ${at(task.dueAt, locale)}`;
}

/** The dashboard's loop-closed share as a sentence. */
export function loopSentence(loop) {
  if (!loop || !loop.detractors) return 'No detractor rated a session in this period.';
  const days = `${loop.withinDays} ${loop.withinDays === 1 ? 'day' : 'days'}`;
  return `Loop closed within ${days} for ${loop.closedInTime} of ${loop.detractors} `
    + `${loop.detractors === 1 ? 'detractor' : 'detractors'} (${loop.share} %).`;
}
