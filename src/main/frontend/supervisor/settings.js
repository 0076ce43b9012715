// Product settings: admins change them here (remote control, recording, feedback window); supervisors see them
// read-only. A change applies to sessions opened and ratings given afterwards.

import { api } from '../console/api.js';
import { $, when } from './dom.js';
import { clearFieldErrors, showFieldErrors } from '../lib/field-errors.js';
import { showBranding } from './branding-settings.js';

export async function showSettings(canEdit) {
  const form = $('settings-form');
  fill(await api('/api/admin/settings'));
  for (const input of form.querySelectorAll('input, button')) input.disabled = !canEdit;
  $('settings-readonly').hidden = canEdit;
  // the handler is in place before anything else loads: a Save pressed while the branding section still loads must
  // not submit the form the browser's way (which reloaded the page and dropped the answer)
  form.onsubmit = async (e) => {
    e.preventDefault();
    $('settings-status').textContent = 'Saving…';
    clearFieldErrors(form);
    try {
      const saved = await api('/api/admin/settings', { method: 'PUT', body: {
        remoteControl: $('set-remote-control').checked,
        recording: $('set-recording').checked,
        feedbackWindowMinutes: Number($('set-feedback-window').value),
      } });
      fill(saved);
      form.dataset.saved = 'true';
    } catch (err) {
      const rest = showFieldErrors(form, err, { feedbackWindowMinutes: $('set-feedback-window') });
      $('settings-status').textContent = rest.length ? rest.join(' ') : 'Not saved: see the note under the field.';
    }
  };
  await showBranding(canEdit);
}

function fill(s) {
  $('set-remote-control').checked = s.remoteControl;
  $('set-recording').checked = s.recording;
  $('set-feedback-window').value = s.feedbackWindowMinutes;
  $('settings-status').textContent = s.updatedBy ? `Last changed by ${s.updatedBy}, ${when(s.updatedAt)}`
    : 'As configured (never changed here)';
}
