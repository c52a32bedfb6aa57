// The sign-in form of the "password" method: demo users are offered locally (from /config.json).

import { byId, h } from './dom.js';

/**
 * @param {any} config /config.json
 * @param {import('../auth/session.js').SessionStore} sessions
 * @returns {Promise<import('../auth/session.js').Session>} once signed in
 */
export function showLogin(config, sessions) {
  const main = byId('login');
  const form = byId('login-form');
  const error = byId('login-error');
  byId('demo-users').replaceChildren(...(config.demoUsers ?? []).map((name) => h('option', { value: name })));
  if (config.demoUsers?.length) {
    byId('login-hint').textContent = `Local demo users: ${config.demoUsers.join(', ')}`
      + (config.demoPassword ? ` (password ${config.demoPassword})` : '');
  }
  main.hidden = false;
  byId('login-username').focus();
  return new Promise((resolve) => {
    form.onsubmit = async (event) => {
      event.preventDefault();
      error.textContent = '';
      const data = new FormData(form);
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        const session = await sessions.signIn(String(data.get('username')), String(data.get('password')));
        main.hidden = true;
        form.reset();
        resolve(session);
      } catch (e) {
        error.textContent = e.message || 'Sign-in failed.';
      } finally {
        button.disabled = false;
      }
    };
  });
}
