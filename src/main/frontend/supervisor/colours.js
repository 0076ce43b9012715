// Colours that follow meaning on the dashboard: good outcomes and a positive NPS green, escalations and a negative NPS
// red, the neutral ones blue or grey. Pure, covered by node tests (and the browser test reads the charts' datasets).

export const GOOD = '#2f9e44';
export const BAD = '#c92a2a';
export const WARN = '#f08c00';
export const NEUTRAL = '#868e96';

const OUTCOME_COLOURS = {
  resolved: GOOD,
  policy_explained: '#1d5fa8',
  quote_sent: '#7b2cbf',
  follow_up: WARN,
  escalated: BAD,
  no_show: NEUTRAL,
};

/** The colour of an outcome (by its meaning, whatever the order the server lists them in); light grey for none. */
export function outcomeColour(outcome) {
  return OUTCOME_COLOURS[outcome] || '#ced4da';
}

/** An NPS (−100 to 100): red below zero, amber at zero, green above; grey without answers. */
export function npsColour(score) {
  if (score === null || score === undefined) return NEUTRAL;
  return score < 0 ? BAD : score > 0 ? GOOD : WARN;
}
