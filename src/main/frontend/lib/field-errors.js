// Validation errors next to their fields: the API's problem+json lists each invalid field with a sentence; the form
// shows that sentence under the input (aria-invalid, aria-describedby) and anything without an input in its general
// error line.

import { fieldErrors } from './words.js';

/** Removes the sentences a previous attempt left in the form. */
export function clearFieldErrors(form, general) {
  for (const p of form.querySelectorAll('.field-error')) p.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
  if (general) {
    general.textContent = '';
    general.hidden = true;
  }
}

/**
 * Shows a failed request's sentences: each under its input (`inputs` maps the API's field, e.g. "customer.name", to
 * the input element), the rest in `general` (if given). The first invalid input takes the focus. Returns the rest.
 */
export function showFieldErrors(form, error, inputs, general) {
  clearFieldErrors(form, general);
  const problem = error && error.problem && Object.keys(error.problem).length ? error.problem
    : { detail: (error && error.message) || String(error) };
  const { fields, other } = fieldErrors(problem, (f) => (inputs[f] ? f : null));
  let first = null;
  for (const [field, sentence] of Object.entries(fields)) {
    const input = inputs[field];
    const p = document.createElement('p');
    p.className = 'field-error';
    p.id = input.id + '-error';
    p.textContent = sentence;
    const details = input.closest('details');
    if (details) details.open = true;
    (input.closest('label') || input).after(p);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', p.id);
    first = first || input;
  }
  if (general && other.length) { // without a general line, the caller shows them
    general.textContent = other.join(' ');
    general.hidden = false;
  }
  if (first) first.focus();
  return other;
}
