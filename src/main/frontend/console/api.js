// The REST API as the console uses it: bearer token on every call, problem+json turned into Error messages.

import { accessToken } from './auth.js';

export async function api(path, options = {}) {
  const token = await accessToken();
  const response = await fetch(path, {
    ...options,
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token, ...(options.headers || {}) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 204) return null;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || body.title || 'Request failed (' + response.status + ')');
    error.status = response.status;
    error.problem = body;
    throw error;
  }
  return body;
}
