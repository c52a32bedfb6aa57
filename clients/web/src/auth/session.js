// Who is signed in on this browser, and a token that is fresh enough to connect with. The sign-in
// method comes from /config.json `auth`: "password" is the client's own form against Cognito;
// "hosted-ui" (authorization code + PKCE, docs/identity.md) is where the hosted UI will plug in.

import { claims, refresh, signInWithPassword } from './cognito.js';
import { randomId } from '../protocol/ids.js';

const SESSION_KEY = 'parley.session';
const DEVICE_KEY = 'parley.deviceId';
/** Refresh when the token has less than this left: a connection attempt must not race its expiry. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * @typedef {object} Session
 * @property {string} userId the token's sub
 * @property {string} username
 * @property {import('./cognito.js').Tokens} tokens
 */

export class SessionStore {
  /** @param {any} config /config.json @param {Storage} storage */
  constructor(config, storage = globalThis.localStorage) {
    this.config = config;
    this.storage = storage;
  }

  /** This browser's device id: made once, kept for ever (docs/protocol.md "Connecting"). */
  deviceId() {
    let id = this.storage.getItem(DEVICE_KEY);
    if (!id) {
      id = `web-${randomId(16)}`;
      this.storage.setItem(DEVICE_KEY, id);
    }
    return id;
  }

  /** @returns {Session | null} */
  current() {
    try {
      return JSON.parse(this.storage.getItem(SESSION_KEY) ?? 'null');
    } catch {
      return null;
    }
  }

  /** @returns {Promise<Session>} */
  async signIn(username, password) {
    if (this.config.auth !== 'password') {
      throw new Error(`Sign-in method "${this.config.auth}" is not supported by this client yet.`);
    }
    const tokens = await signInWithPassword(this.config, username.trim(), password);
    const token = claims(tokens.accessToken);
    const session = { userId: token.sub, username: token.username ?? username.trim(), tokens };
    this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return session;
  }

  signOut() {
    this.storage.removeItem(SESSION_KEY);
  }

  /** An access token valid for a while yet, refreshed when needed. */
  async accessToken() {
    const session = this.current();
    if (!session) throw new Error('not signed in');
    if (session.tokens.expiresAt - Date.now() > REFRESH_MARGIN_MS) return session.tokens.accessToken;
    if (!session.tokens.refreshToken) throw new Error('session expired');
    session.tokens = await refresh(this.config, session.tokens.refreshToken);
    this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return session.tokens.accessToken;
  }

  /** The WebSocket URL with token, deviceId and platform (docs/identity.md). */
  async webSocketUrl() {
    const url = new URL(this.config.webSocketUrl);
    url.searchParams.set('token', await this.accessToken());
    url.searchParams.set('deviceId', this.deviceId());
    url.searchParams.set('platform', 'web');
    return url.toString();
  }
}
