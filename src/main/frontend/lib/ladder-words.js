// Words for the relationship: rungs of the loyalty ladder, moves on it and follow-up tasks, as the sentences staff
// read in the console and on the supervisor page (shared/DOMAIN.md's vocabulary), in the staff member's language
// (i18n/staff, staff.ladder.… and staff.followUp.…). Pure, covered by node tests.

import { formatNumber, language, locale as currentLocale, t } from './staff-messages.js';

const RUNG_KEYS = ['prospect', 'customer', 'client', 'supporter', 'advocate'];

/** The loyalty ladder, lowest rung first, with its words (read in the language of the moment). */
export const RUNGS = RUNG_KEYS.map((key) => Object.defineProperty([key], 1, { get: () => rungLabel(key),
  enumerable: true }));

const TIME = { dateStyle: 'medium', timeStyle: 'short' };

function at(instant, locale) {
  return instant ? new Date(instant).toLocaleString(locale || currentLocale(), TIME) : '';
}

/** A label inside a sentence: lower case, except in German, whose nouns keep their capital. */
function lower(text) {
  return language() === 'de' ? text : text.toLocaleLowerCase(currentLocale());
}

/** "client" → "Client"; '' for none. */
export function rungLabel(rung) {
  if (!rung) return '';
  const key = String(rung).toLowerCase();
  return RUNG_KEYS.includes(key) ? t(`staff.ladder.rung.${key}`) : key.charAt(0).toUpperCase() + key.slice(1);
}

/** A move on the ladder as one sentence: up or down, from and to, by which rule or person and why. */
export function ladderSentence(change) {
  const from = lower(rungLabel(change.from));
  const to = lower(rungLabel(change.to));
  const way = change.direction === 'up' ? 'Up' : 'Down';
  if (change.kind === 'start') return t('staff.ladder.start', { to });
  if (change.kind === 'staff') {
    const who = change.changedByName || t('staff.ladder.someone');
    return change.reason ? t(`staff.ladder.staff${way}Because`, { who, from, to, reason: change.reason })
      : t(`staff.ladder.staff${way}`, { who, from, to });
  }
  return t(`staff.ladder.rule${way}`, { from, to, rule: change.rule });
}

/** Why a follow-up task was opened. */
export function followUpReason(task) {
  switch (task.reason) {
    case 'detractor':
      return t('staff.followUp.detractor', { score: task.score });
    case 'follow_up':
      return t('staff.followUp.followUp');
    case 'escalated':
      return t('staff.followUp.escalated');
    default:
      return t('staff.followUp.other');
  }
}

/** Where a task stands: closed (when, by whom), overdue (since when) or due (when). */
export function followUpState(task, locale) {
  if (task.closedAt) {
    return task.closedByName ? t('staff.followUp.closedBy', { when: at(task.closedAt, locale), who: task.closedByName })
      : t('staff.followUp.closed', { when: at(task.closedAt, locale) });
  }
  return task.overdue ? t('staff.followUp.overdue', { when: at(task.dueAt, locale) })
    : t('staff.followUp.due', { when: at(task.dueAt, locale) });
}

/** The dashboard's loop-closed share as a sentence. */
export function loopSentence(loop) {
  if (!loop || !loop.detractors) return t('staff.ladder.noDetractor');
  return t('staff.ladder.loop', { count: loop.detractors, closed: loop.closedInTime,
    days: t('staff.ladder.days', { count: loop.withinDays }), share: formatNumber(loop.share) });
}
