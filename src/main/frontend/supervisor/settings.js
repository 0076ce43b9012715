// Product settings: admins change them here (remote control, recording, feedback window); supervisors see them
// read-only. A change applies to sessions opened and ratings given afterwards.

import { api } from '../console/api.js';
import { $, plain, say, when } from './dom.js';
import { clearFieldErrors, showFieldErrors } from '../lib/field-errors.js';
import { showBranding } from './branding-settings.js';
import { language } from '../lib/i18n.js';
import { problemText } from './format.js';

export async function showSettings(canEdit) {
  const form = $('settings-form');
  fill(await api('/api/admin/settings'));
  for (const input of form.querySelectorAll('input, button')) input.disabled = !canEdit;
  $('settings-readonly').hidden = canEdit;
  // the handler is in place before anything else loads: a Save pressed while the branding section still loads must
  // not submit the form the browser's way (which reloaded the page and dropped the answer)
  form.onsubmit = async (e) => {
    e.preventDefault();
    say('settings-status', 'supervisor.settings.saving');
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
      // a refusal the field's note does not say is the server's sentence in English, else the problem's type in words
      if (rest.length && language() === 'en') plain('settings-status', rest.join(' '));
      else if (rest.length) plain('settings-status', problemText(err, 'supervisor.problem.notSaved'));
      else say('settings-status', 'supervisor.settings.notSaved');
    }
  };
  await showBranding(canEdit);
}

function fill(s) {
  $('set-remote-control').checked = s.remoteControl;
  $('set-recording').checked = s.recording;
  $('set-feedback-window').value = s.feedbackWindowMinutes;
  if (s.updatedBy) say('settings-status', 'supervisor.settings.lastChanged', { name: s.updatedBy, when: when(s.updatedAt) });
  else say('settings-status', 'supervisor.settings.asConfigured');
}
