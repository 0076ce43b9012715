// Words for people: what the API says in keys (outcomes, session states, audit actions, validation fields) as the
// sentences and labels staff read in the console and the supervisor page. Pure, covered by node tests.

import { formatNumber, language, locale, t } from './staff-messages.js';

const OUTCOME_KEYS = ['resolved', 'policy_explained', 'quote_sent', 'follow_up', 'escalated', 'no_show'];

/** Outcomes in the order the console offers them, with their labels in the staff member's language. */
export const OUTCOMES = OUTCOME_KEYS.map((key) => labelled(key, outcomeLabel));

/** "policy_explained" → "Policy explained"; '' for none; an outcome this page does not know, in plain words. */
export function outcomeLabel(outcome) {
  if (!outcome) return '';
  const key = String(outcome).toLowerCase();
  return OUTCOME_KEYS.includes(key) ? t(`staff.outcome.${key}`) : sentenceCase(key.replace(/_/g, ' '));
}

const STATE_KEYS = ['CREATED', 'WAITING', 'ACTIVE', 'ENDED', 'EXPIRED'];

/** Session states as the API sends them, with their labels in the staff member's language. */
export const SESSION_STATES = STATE_KEYS.map((key) => labelled(key, statusLabel));

/** "ACTIVE" → "In progress". */
export function statusLabel(status) {
  if (!status) return '';
  const key = String(status).toUpperCase();
  return STATE_KEYS.includes(key) ? t(`staff.status.${key}`) : sentenceCase(key.toLowerCase().replace(/_/g, ' '));
}

/** [key, label] whose label is read in the language of the moment. */
function labelled(key, label) {
  return Object.defineProperty([key], 1, { get: () => label(key), enumerable: true });
}

function sentenceCase(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The last part of a problem's type URI ("urn:tandem:problem:session-ended" → "session-ended"), or ''. */
function problemType(problem) {
  return problem && typeof problem.type === 'string' ? problem.type.split(':').pop().split('/').pop() : '';
}

/**
 * A problem+json answer (or an Error carrying one as `problem`) in words for staff. In English the server's own
 * sentence (`detail`) is shown, as it always was; in other languages its `type` maps to a staff.problem.* message, else
 * `fallbackKey`'s. Titles stay English on the server; the UI never shows them translated.
 */
export function problemWords(problem, fallbackKey = 'staff.problem.generic') {
  const p = problem && problem.problem ? problem.problem : problem;
  if (language() === 'en') {
    if (p && typeof p.detail === 'string' && p.detail) return p.detail;
    if (p && typeof p.title === 'string' && p.title) return p.title;
    if (p instanceof Error && p.message) return p.message;
    if (problem instanceof Error && problem.message) return problem.message;
  }
  const type = problemType(p);
  const key = `staff.problem.${type}`;
  const text = type ? t(key) : '';
  return type && text !== key && !text.includes(key) ? text : t(fallbackKey);
}

/** A field's sentence: the server's in English, else the staff.field.* message for the field, else a general one. */
function fieldSentence(field, message) {
  if (language() === 'en') return message;
  const key = `staff.field.${field}`;
  const text = t(key);
  return text.includes(key) ? t('staff.field.generic') : text;
}

/**
 * A problem+json answer's sentences by field: `{ fields: {name: sentence}, other: [sentences] }`, where `fieldOf`
 * maps the API's field ("customer.name") to the page's input key, or null when the page has no such input.
 */
export function fieldErrors(problem, fieldOf = (f) => f) {
  const fields = {};
  const other = [];
  for (const e of (problem && problem.errors) || []) {
    const key = fieldOf(e.field);
    if (key && !fields[key]) fields[key] = fieldSentence(e.field, e.message);
    else if (!key) other.push(fieldSentence(e.field, e.message));
  }
  if (!problem || !problem.errors || !problem.errors.length) other.push(problem && problemWords(problem));
  return { fields, other: [...new Set(other.filter(Boolean))] };
}

const currentLocale = locale;
const TIME = { dateStyle: 'medium', timeStyle: 'short' };

function at(instant, locale) {
  return instant ? new Date(instant).toLocaleString(locale || currentLocale(), TIME) : null;
}

/** ISO instants inside a stored detail ("… ended before 2026-06-01T10:00:00Z") as local dates. */
function localInstants(text, locale) {
  return String(text || '').replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, (iso) => at(iso, locale));
}

/** A label inside a sentence: lower case, except in German, whose nouns keep their capital. */
function lower(text) {
  return language() === 'de' ? text : text.toLocaleLowerCase(currentLocale());
}

const FILTERS = ['from', 'to', 'status', 'outcome', 'advisor', 'customer', 'minScore', 'maxScore', 'minDuration',
  'maxDuration', 'recorded', 'notes'];

/** An export's query ("status=ENDED&outcome=resolved&sort=-created") as the filters a supervisor chose. */
export function filterWords(query) {
  const words = [];
  for (const [key, value] of new URLSearchParams(query || '')) {
    if (key === 'sort' || key === 'page' || key === 'size' || !value) continue;
    const shown = key === 'status' ? lower(statusLabel(value))
      : key === 'outcome' ? lower(outcomeLabel(value))
        : key === 'recorded' ? t(value === 'true' ? 'staff.filter.yes' : 'staff.filter.no')
          : key === 'minDuration' || key === 'maxDuration'
            ? formatNumber(Math.round(Number(value) / 60), { style: 'unit', unit: 'minute' }) : value;
    words.push(FILTERS.includes(key) ? t(`staff.filter.${key}`, { value: shown })
      : t('staff.filter.other', { key, value: shown }));
  }
  return words;
}

/** The session an audit entry is about, as a phrase: "the session of Carol Customer with Alice Advisor of …". */
function sessionWords(entry, customer, locale) {
  if (!entry.sessionId) return t('staff.audit.aSession');
  const when = entry.sessionStartedAt ? at(entry.sessionStartedAt, locale) : null;
  const advisor = entry.sessionAdvisorName;
  const key = advisor ? (when ? 'sessionWithAt' : 'sessionWith') : when ? 'sessionAt' : 'session';
  return t(`staff.audit.${key}`, { customer, advisor, when });
}

/**
 * One audit entry as a sentence a supervisor reads, with names rather than ids:
 * "Sam Supervisor replayed the session of Carol Customer with Alice Advisor of 5 Dec 2026, 14:02 (120 frames)."
 */
export function auditSentence(entry, locale) {
  const who = entry.actorName || 'Tandem';
  const customer = entry.customerName || t('staff.audit.aCustomer');
  const session = sessionWords(entry, customer, locale);
  const detail = entry.detail || '';
  const say = (key, args) => t(`staff.audit.${key}`, { who, session, customer, detail, ...args });
  switch (entry.action) {
    case 'replay': {
      const frames = /^(\d+) frames(, chain broken)?/.exec(detail);
      if (frames) return say(frames[2] ? 'replayBroken' : 'replayFrames', { count: Number(frames[1]) });
      return say(detail ? 'replayDetail' : 'replay');
    }
    case 'watch':
      return say('watch');
    case 'export': {
      const m = /^(\d+) rows; query: (.*)$/.exec(detail);
      const what = m ? t('staff.audit.sessions', { count: Number(m[1]) }) : t('staff.audit.someSessions');
      const filters = m ? filterWords(m[2]) : [];
      const how = filters.length ? t('staff.audit.filteredBy', { filters: filters.join(', ') })
        : t('staff.audit.noFilter');
      return say(entry.customerId ? 'exportOf' : 'export', { what, how });
    }
    case 'erasure': {
      const m = /^(\d+) sessions, (\d+) recording chunks$/.exec(detail);
      return m ? say('erasureCounts', { sessions: t('staff.audit.sessions', { count: Number(m[1]) }),
        parts: t('staff.audit.parts', { count: Number(m[2]) }) }) : say('erasure');
    }
    case 'purge':
      return say('purge', { detail: localInstants(detail, locale) });
    case 'branding': // the detail is a sentence of its own ("Changed the name and the colour.")
      return detail ? say('brandingDetail', { detail: detail.charAt(0).toLowerCase() + detail.slice(1) })
        : say('branding');
    case 'site_added':
      return say('siteAdded', { site: detail || t('staff.audit.unknownOrigin') });
    case 'site_removed':
      return say('siteRemoved', { site: detail || t('staff.audit.unknownOrigin') });
    case 'invite':
    case 'withdraw': {
      // detail "join: Ben Baker" or "transfer: team Claims"
      const m = /^(join|transfer): (team )?(.+)$/.exec(detail);
      const whom = m ? (m[2] ? t('staff.audit.team', { team: m[3] }) : m[3]) : t('staff.audit.aColleague');
      const what = m && m[1] === 'transfer' ? 'Transfer' : 'Join';
      return say(`${entry.action}${what}`, { whom });
    }
    case 'join': {
      const m = /^invited by (.+)$/.exec(detail);
      return m ? say('joinInvited', { by: m[1] }) : say('join');
    }
    case 'transfer': {
      const m = /^from (.+?)( \(team (.+)\))?$/.exec(detail);
      if (!m) return say('transfer');
      return m[3] ? say('transferFromTeam', { from: m[1], team: m[3] }) : say('transferFrom', { from: m[1] });
    }
    case 'step_in':
      return say('stepIn');
    case 'step_out':
      return say('stepOut');
    case 'webhook_added':
      return say('webhookAdded', { target: detail || t('staff.audit.aNewAddress') });
    case 'webhook_changed': {
      // detail "https://crm.example/hooks (touchpoint.completed,feedback.received, on)"
      const m = /^(\S+) \((.*), (on|off)\)$/.exec(detail || '');
      return m
        ? say(m[3] === 'on' ? 'webhookChangedOn' : 'webhookChangedOff', { url: m[1], events: m[2].split(',').join(', ') })
        : say(detail ? 'webhookChangedDetail' : 'webhookChanged');
    }
    case 'webhook_removed':
      return say('webhookRemoved', { target: detail || t('staff.audit.anAddress') });
    case 'redeliver':
      return say(detail ? 'redeliverDetail' : 'redeliver');
    default:
      return say(detail ? 'otherDetail' : 'other', { action: entry.action });
  }
}

const AUDIT_ACTIONS = ['replay', 'watch', 'export', 'erasure', 'purge', 'branding', 'site_added', 'site_removed',
  'invite', 'withdraw', 'join', 'transfer', 'step_in', 'step_out', 'webhook_added', 'webhook_changed',
  'webhook_removed', 'redeliver'];

/** The short name of an audit action, for the "What" column. */
export function auditActionLabel(action) {
  return AUDIT_ACTIONS.includes(action) ? t(`staff.auditAction.${action}`) : sentenceCase(String(action || ''));
}
