// Words, numbers, dates and durations on the supervisor page, in the staff member's language (lib/i18n.js; the
// page's own messages are under supervisor.… in i18n/supervisor/*.json). Pure: no DOM, so node tests cover the
// modules that use it (replay-model.js).

import { formatNumber, locale, problemMessage, t, language } from '../lib/i18n.js';

export { t };

/** An instant as a short date and time in the staff member's language (digits only: "07/12/2026, 14:05"); ''. */
export function when(instant) {
  if (!instant) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant));
}

/** A day ("2026-12-07", UTC) as the staff member writes it, for chart axes. */
export function day(isoDay) {
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(isoDay + 'T00:00:00Z'));
}

/** A duration in seconds: "42 s", "3 min 5 s"; '' for none. */
export function minutes(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.round(seconds);
  return s < 60 ? t('supervisor.time.seconds', { seconds: formatNumber(s) })
    : t('supervisor.time.minutes', { minutes: formatNumber(Math.floor(s / 60)), seconds: formatNumber(s % 60) });
}

/**
 * What went wrong, for the staff member. In English the server's own sentence, as it always was: with `fields`, the
 * refused fields' messages (errors[].message) when there are any, else the problem's detail. In other languages the
 * problem's type (the last part of its URI) in words, from supervisor.problemType, else problemMessage (lib/i18n.js)
 * with `fallbackKey`. Problem titles stay English on the server and are never shown translated.
 */
export function problemText(err, fallbackKey = 'supervisor.problem.generic', { fields = false } = {}) {
  const p = err && err.problem ? err.problem : null;
  if (language() === 'en') {
    const messages = fields && p && Array.isArray(p.errors) ? p.errors.map((f) => f.message).filter(Boolean) : [];
    return messages.length ? messages.join(' ') : problemMessage(err, fallbackKey);
  }
  const type = p && typeof p.type === 'string' ? p.type.split(':').pop().split('/').pop() : '';
  const key = `supervisor.problemType.${type}`;
  const text = type ? t(key) : '';
  return text && !text.includes(key) ? text : problemMessage(err, fallbackKey);
}
