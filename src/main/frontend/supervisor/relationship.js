// NPS arithmetic for the supervisor pages (the server's io.tandem.touchpoint.Nps, on the browser side): categories of
// one answer, a customer's category and its trend over their rated touchpoints. Pure, covered by node tests.

/** promoter (9–10), passive (7–8) or detractor (0–6); null without a score. */
export function category(score) {
  if (score === null || score === undefined) return null;
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** NPS of a list of 0–10 answers: % promoters − % detractors, rounded; null with no answers. */
export function nps(scores) {
  if (!scores.length) return null;
  const p = scores.filter((s) => s >= 9).length;
  const d = scores.filter((s) => s <= 6).length;
  const value = ((p - d) * 100) / scores.length;
  return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * A customer's standing from their timeline (newest first): the category of their latest answer, and the trend of
 * the latest answer against the average of the earlier ones ('up', 'down', 'steady'; null with fewer than two).
 */
export function standing(timeline) {
  const scores = timeline.filter((t) => t.feedback).map((t) => t.feedback.score);
  if (!scores.length) return { category: null, trend: null, latest: null, answers: 0 };
  const [latest, ...earlier] = scores;
  let trend = null;
  if (earlier.length) {
    const mean = earlier.reduce((a, b) => a + b, 0) / earlier.length;
    trend = latest > mean + 0.5 ? 'up' : latest < mean - 0.5 ? 'down' : 'steady';
  }
  return { category: category(latest), trend, latest, answers: scores.length };
}
