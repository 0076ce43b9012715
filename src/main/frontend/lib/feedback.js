// "How likely are you to recommend us?" at the end of a session: 0–10 and an optional comment, sent with the
// customer's session credential. Used by the customer's workspace and by tandem.js on the firm's site. Text only:
// nothing here is ever set as HTML from data. In the customer's language (lib/i18n.js).

import { localize, localizeAttr, problemError, problemMessage } from './i18n.js';

/**
 * Builds the form into `container` (an element or a shadow root).
 * @param {(answer: {score: number, comment?: string}) => Promise<object>} send  resolves with the stored answer
 */
export function ratingForm(container, send) {
  const doc = container.ownerDocument || container;
  const form = doc.createElement('form');
  form.className = 'tandem-rating';
  localizeAttr(form, 'aria-label', 'rating.label');
  const question = doc.createElement('p');
  question.className = 'question';
  localize(question, 'rating.question');
  const scale = doc.createElement('div');
  scale.className = 'scale';
  scale.setAttribute('role', 'group');
  localizeAttr(scale, 'aria-label', 'rating.scale');
  let chosen = null;
  const buttons = [];
  for (let i = 0; i <= 10; i++) {
    const b = doc.createElement('button');
    b.type = 'button';
    b.textContent = String(i);
    b.dataset.score = String(i);
    b.setAttribute('aria-pressed', 'false');
    b.onclick = () => {
      chosen = i;
      for (const other of buttons) other.setAttribute('aria-pressed', String(other === b));
      submit.disabled = false;
    };
    buttons.push(b);
    scale.appendChild(b);
  }
  const comment = doc.createElement('textarea');
  comment.maxLength = 2000;
  comment.rows = 2;
  localizeAttr(comment, 'placeholder', 'rating.commentPlaceholder');
  localizeAttr(comment, 'aria-label', 'rating.comment');
  const submit = doc.createElement('button');
  submit.type = 'submit';
  submit.className = 'send';
  localize(submit, 'rating.send');
  submit.disabled = true;
  const status = doc.createElement('p');
  status.className = 'status';
  status.setAttribute('role', 'status');
  form.append(question, scale, comment, submit, status);
  form.onsubmit = async (e) => {
    e.preventDefault();
    if (chosen === null) return;
    submit.disabled = true;
    try {
      const stored = await send({ score: chosen, comment: comment.value.trim() || undefined });
      if (stored.editableUntil) localize(status, 'rating.thanksUntil', { until: stored.editableUntil });
      else localize(status, 'rating.thanks');
      form.dataset.sent = String(stored.score);
    } catch (error) {
      status.textContent = problemMessage(error, 'rating.notSent');
      form.dataset.error = 'true';
    } finally {
      submit.disabled = false;
    }
  };
  container.appendChild(form);
  return form;
}

/** POSTs an answer to Tandem at `base` with the customer's credential; rejects with the problem's detail. */
export async function sendRating(base, sessionId, credential, answer) {
  const response = await fetch(`${base}/api/sessions/${encodeURIComponent(sessionId)}/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Customer ' + credential },
    body: JSON.stringify(answer),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw problemError(body, response.status, `Not sent (${response.status})`);
  return body;
}
