// "How likely are you to recommend us?" at the end of a session: 0–10 and an optional comment, sent with the
// customer's session credential. Used by the customer's workspace and by tandem.js on the firm's site. Text only:
// nothing here is ever set as HTML from data.

const QUESTION = 'How likely are you to recommend us to a friend or colleague?';

/**
 * Builds the form into `container` (an element or a shadow root).
 * @param {(answer: {score: number, comment?: string}) => Promise<object>} send  resolves with the stored answer
 */
export function ratingForm(container, send) {
  const doc = container.ownerDocument || container;
  const form = doc.createElement('form');
  form.className = 'tandem-rating';
  form.setAttribute('aria-label', 'Rate this session');
  const question = doc.createElement('p');
  question.className = 'question';
  question.textContent = QUESTION;
  const scale = doc.createElement('div');
  scale.className = 'scale';
  scale.setAttribute('role', 'group');
  scale.setAttribute('aria-label', '0 = not at all likely, 10 = extremely likely');
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
  comment.placeholder = 'Anything you would like to tell us? (optional)';
  comment.setAttribute('aria-label', 'Comment');
  const submit = doc.createElement('button');
  submit.type = 'submit';
  submit.className = 'send';
  submit.textContent = 'Send';
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
      const until = stored.editableUntil ? new Date(stored.editableUntil).toLocaleTimeString([], {
        hour: '2-digit', minute: '2-digit' }) : null;
      status.textContent = 'Thank you!' + (until ? ` You can change your answer until ${until}.` : '');
      form.dataset.sent = String(stored.score);
    } catch (error) {
      status.textContent = error.message || 'Your answer could not be sent.';
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
  if (!response.ok) throw new Error(body.detail || body.title || `Not sent (${response.status})`);
  return body;
}
