// Words for people: what the API says in keys (outcomes, session states, audit actions, validation fields) as the
// sentences and labels staff read in the console and the supervisor page. Pure, covered by node tests.

/** Outcomes in the order the console offers them, with their labels. */
export const OUTCOMES = [
  ['resolved', 'Resolved'],
  ['policy_explained', 'Policy explained'],
  ['quote_sent', 'Quote sent'],
  ['follow_up', 'Follow-up needed'],
  ['escalated', 'Escalated'],
  ['no_show', 'No show'],
];

const OUTCOME_LABELS = Object.fromEntries(OUTCOMES);

/** "policy_explained" → "Policy explained"; '' for none; an outcome this page does not know, in plain words. */
export function outcomeLabel(outcome) {
  if (!outcome) return '';
  const key = String(outcome).toLowerCase();
  return OUTCOME_LABELS[key] || sentenceCase(key.replace(/_/g, ' '));
}

/** Session states as the API sends them, with their labels. */
export const SESSION_STATES = [
  ['CREATED', 'Invited'],
  ['WAITING', 'Waiting for consent'],
  ['ACTIVE', 'In progress'],
  ['ENDED', 'Ended'],
  ['EXPIRED', 'Expired'],
];

const STATE_LABELS = Object.fromEntries(SESSION_STATES);

/** "ACTIVE" → "In progress". */
export function statusLabel(status) {
  if (!status) return '';
  const key = String(status).toUpperCase();
  return STATE_LABELS[key] || sentenceCase(key.toLowerCase().replace(/_/g, ' '));
}

function sentenceCase(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
    if (key && !fields[key]) fields[key] = e.message;
    else if (!key) other.push(e.message);
  }
  if (!problem || !problem.errors || !problem.errors.length) other.push(problem && (problem.detail || problem.title));
  return { fields, other: [...new Set(other.filter(Boolean))] };
}

const TIME = { dateStyle: 'medium', timeStyle: 'short' };

function at(instant, locale) {
  return instant ? new Date(instant).toLocaleString(locale, TIME) : null;
}

/** ISO instants inside a stored detail ("… ended before 2026-06-01T10:00:00Z") as local dates. */
function localInstants(text, locale) {
  return String(text || '').replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, (iso) => at(iso, locale));
}

const FILTERS = {
  from: 'from', to: 'before', status: 'state', outcome: 'outcome', advisor: 'one advisor', customer: 'one customer',
  minScore: 'score at least', maxScore: 'score at most', minDuration: 'lasting at least',
  maxDuration: 'lasting at most', recorded: 'recorded', notes: 'notes containing',
};

/** An export's query ("status=ENDED&outcome=resolved&sort=-created") as the filters a supervisor chose. */
export function filterWords(query) {
  const words = [];
  for (const [key, value] of new URLSearchParams(query || '')) {
    if (key === 'sort' || key === 'page' || key === 'size' || !value) continue;
    const shown = key === 'status' ? statusLabel(value).toLowerCase()
      : key === 'outcome' ? outcomeLabel(value).toLowerCase()
        : key === 'recorded' ? (value === 'true' ? 'yes' : 'no')
          : key === 'minDuration' || key === 'maxDuration' ? `${Math.round(Number(value) / 60)} min`
          : key === 'advisor' || key === 'customer' ? null : value;
    words.push(shown === null ? FILTERS[key] : `${FILTERS[key] || key} ${shown}`);
  }
  return words;
}

/**
 * One audit entry as a sentence a supervisor reads, with names rather than ids:
 * "Sam Supervisor replayed the session of Carol Customer with Alice Advisor of 5 Dec 2026, 14:02 (120 frames)."
 */
export function auditSentence(entry, locale) {
  const who = entry.actorName || 'Tandem';
  const customer = entry.customerName || 'a customer';
  const session = entry.sessionId
    ? `the session of ${customer}${entry.sessionAdvisorName ? ' with ' + entry.sessionAdvisorName : ''}`
      + (entry.sessionStartedAt ? ` of ${at(entry.sessionStartedAt, locale)}` : '')
    : 'a session';
  const detail = entry.detail || '';
  switch (entry.action) {
    case 'replay': {
      const frames = /^(\d+) frames(, chain broken)?/.exec(detail);
      const extra = frames ? ` (${frames[1]} recorded ${frames[1] === '1' ? 'frame' : 'frames'}`
        + `${frames[2] ? '; the recording failed its integrity check' : ''})` : detail ? ` (${detail})` : '';
      return `${who} replayed ${session}${extra}.`;
    }
    case 'watch':
      return `${who} watched ${session} live, without being seen by the customer.`;
    case 'export': {
      const m = /^(\d+) rows; query: (.*)$/.exec(detail);
      const count = m ? `${m[1]} ${m[1] === '1' ? 'session' : 'sessions'}` : 'sessions';
      const filters = m ? filterWords(m[2]) : [];
      const of = entry.customerId ? ` of ${customer}` : '';
      return `${who} exported ${count}${of} from the session log as CSV`
        + (filters.length ? ` (filtered by ${filters.join(', ')})` : ' (no filter)') + '.';
    }
    case 'erasure': {
      const m = /^(\d+) sessions, (\d+) recording chunks$/.exec(detail);
      return `${who} erased the personal data of customer ${customer}`
        + (m ? ` (${m[1]} ${m[1] === '1' ? 'session' : 'sessions'}, ${m[2]} recording parts deleted)` : '') + '.';
    }
    case 'purge':
      return `Tandem deleted data past its retention period: ${localInstants(detail, locale)}.`;
    case 'branding': // the detail is a sentence of its own ("Changed the name and the colour.")
      return `${who} changed the firm's branding${detail ? ': ' + detail.charAt(0).toLowerCase() + detail.slice(1) : '.'}`;
    case 'site_added':
      return `${who} allowed the site ${detail || '(unknown origin)'} to use Tandem.`;
    case 'site_removed':
      return `${who} removed the site ${detail || '(unknown origin)'}: its pages can no longer start co-browsing.`;
    case 'invite':
    case 'withdraw': {
      // detail "join: Ben Baker" or "transfer: team Claims"
      const m = /^(join|transfer): (team )?(.+)$/.exec(detail);
      const whom = m ? (m[2] ? `the ${m[3]} team` : m[3]) : 'a colleague';
      const what = m && m[1] === 'transfer' ? 'to take over' : 'to join';
      return entry.action === 'invite'
        ? `${who} asked ${whom} ${what} ${session}.`
        : `${who} withdrew the invitation asking ${whom} ${what} ${session}.`;
    }
    case 'join': {
      const m = /^invited by (.+)$/.exec(detail);
      return `${who} joined ${session}${m ? ', invited by ' + m[1] : ''}.`;
    }
    case 'transfer': {
      const m = /^from (.+?)( \(team (.+)\))?$/.exec(detail);
      return `${who} took over ${session}${m ? ' from ' + m[1] : ''}${m && m[3] ? ', offered to the ' + m[3] + ' team'
        : ''}.`;
    }
    case 'step_in':
      return `${who} stepped into ${session} and took part in the conversation.`;
    case 'step_out':
      return `${who} stepped back out of ${session} and watched silently again.`;
    case 'webhook_added':
      return `${who} started sending events to ${detail || 'a new address'}.`;
    case 'webhook_changed': {
      // detail "https://crm.example/hooks (touchpoint.completed,feedback.received, on)"
      const m = /^(\S+) \((.*), (on|off)\)$/.exec(detail || '');
      return m
        ? `${who} changed the events sent to ${m[1]} (${m[2].split(',').join(', ')}); sending is ${m[3]}.`
        : `${who} changed where events are sent${detail ? ': ' + detail : ''}.`;
    }
    case 'webhook_removed':
      return `${who} stopped sending events to ${detail || 'an address'} and dropped its waiting deliveries.`;
    case 'redeliver':
      return `${who} sent a failed event again${detail ? ' (' + detail + ')' : ''}.`;
    default:
      return `${who}: ${entry.action}${detail ? ' (' + detail + ')' : ''}.`;
  }
}

/** The short name of an audit action, for the "What" column. */
export function auditActionLabel(action) {
  return { replay: 'Replay', watch: 'Live watch', export: 'Export', erasure: 'Erasure', purge: 'Retention purge',
    branding: 'Branding', site_added: 'Site added', site_removed: 'Site removed', invite: 'Invitation',
    withdraw: 'Invitation withdrawn', join: 'Colleague joined', transfer: 'Hand-over', step_in: 'Stepped in',
    step_out: 'Stepped out', webhook_added: 'Webhook added', webhook_changed: 'Webhook changed',
    webhook_removed: 'Webhook removed', redeliver: 'Event sent again' }[action]
    || sentenceCase(String(action || ''));
}
