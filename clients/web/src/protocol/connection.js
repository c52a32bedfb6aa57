// One WebSocket to Parley: requests matched to replies by requestId, events dispatched by type,
// keep-alive pings, and reconnection with backoff. docs/protocol.md "Frames" and "Keep-alive".

import { backoffDelay } from './backoff.js';
import { ProtocolError } from './errors.js';
import { PING_INTERVAL_MS } from './limits.js';

/**
 * @typedef {'idle' | 'connecting' | 'open' | 'waiting' | 'offline' | 'stopped'} ConnectionState
 * waiting: closed, reconnecting at `retryAt`; offline: the browser says there is no network.
 *
 * @typedef {object} ConnectionOptions
 * @property {() => Promise<string>} url the full URL with token and deviceId; asked before every attempt,
 *   so a refreshed token is used
 * @property {new (url: string) => WebSocket} [WebSocket]
 * @property {{setTimeout: typeof setTimeout, clearTimeout: typeof clearTimeout}} [timers]
 * @property {() => number} [random]
 * @property {() => number} [now]
 * @property {number} [requestTimeoutMs] a request without an answer by then fails with TIMEOUT
 * @property {number} [pingIntervalMs]
 * @property {{baseMs?: number, maxMs?: number}} [backoff]
 */

export class Connection {
  /** @param {ConnectionOptions} options */
  constructor(options) {
    this.urlFor = options.url;
    this.WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
    this.timers = options.timers ?? globalThis;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.pingIntervalMs = options.pingIntervalMs ?? PING_INTERVAL_MS;
    this.backoff = options.backoff ?? {};
    /** @type {ConnectionState} */
    this.state = 'idle';
    /** @type {WebSocket | null} */
    this.socket = null;
    this.attempt = 0;
    this.retryAt = 0;
    this.nextRequestId = 1;
    /** @type {Map<string, {resolve: (reply: any) => void, reject: (error: Error) => void, timer: any}>} */
    this.pending = new Map();
    /** @type {Map<string, Set<(frame: any) => void>>} */
    this.listeners = new Map();
    this.retryTimer = null;
    this.pingTimer = null;
  }

  /**
   * Listens for an event type (`message`, `receipt`, ...), or for the connection's own `open`,
   * `close` and `state`; `*` gets every event frame. Returns the function that stops listening.
   * @param {string} type
   * @param {(frame: any) => void} listener
   */
  on(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(listener);
    return () => this.listeners.get(type)?.delete(listener);
  }

  /** @param {string} type @param {any} value */
  emit(type, value) {
    for (const listener of this.listeners.get(type) ?? []) {
      try {
        listener(value);
      } catch (error) {
        console.error(`listener for ${type} failed`, error);
      }
    }
  }

  get isOpen() {
    return this.state === 'open';
  }

  /** Connects, and keeps reconnecting until {@link stop}. */
  start() {
    if (this.state === 'idle' || this.state === 'stopped') this.connect();
  }

  stop() {
    this.dropSocket('stopped');
    this.setState('stopped');
  }

  /** The browser lost its network: drop the socket now (it would die silently) and wait for {@link online}. */
  offline() {
    if (this.state === 'stopped') return;
    this.dropSocket('offline');
    this.setState('offline');
  }

  /** The network is back: reconnect at once, with the backoff reset. */
  online() {
    if (this.state !== 'offline' && this.state !== 'waiting') return;
    this.attempt = 0;
    this.connect();
  }

  /**
   * Sends a request and resolves with its reply frame; rejects with a {@link ProtocolError}: the
   * server's error code, TIMEOUT, or DISCONNECTED when the socket is not open or closes first.
   * @param {string} action
   * @param {Record<string, unknown>} [fields]
   * @param {{timeoutMs?: number}} [options]
   * @returns {Promise<any>}
   */
  request(action, fields = {}, { timeoutMs = this.requestTimeoutMs } = {}) {
    const requestId = `r${this.nextRequestId++}`;
    if (!this.isOpen || !this.socket) {
      return Promise.reject(new ProtocolError('DISCONNECTED', `not connected (${action})`, requestId));
    }
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.pending.delete(requestId);
        reject(new ProtocolError('TIMEOUT', `no answer to ${action} within ${timeoutMs} ms`, requestId));
      }, timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
      try {
        this.socket.send(JSON.stringify({ ...fields, action, requestId }));
        this.schedulePing();
      } catch (error) {
        this.settle(requestId, null, new ProtocolError('DISCONNECTED', String(error), requestId));
      }
    });
  }

  async connect() {
    if (this.socket) this.dropSocket('reconnect');
    this.clearTimers();
    this.setState('connecting');
    let url;
    try {
      url = await this.urlFor();
    } catch (error) {
      this.emit('authError', error);
      this.scheduleReconnect();
      return;
    }
    if (this.state !== 'connecting') return; // stopped or offline meanwhile
    const socket = new this.WebSocketImpl(url);
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.setState('open');
      this.schedulePing();
      this.emit('open', undefined);
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(String(event.data));
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending();
      this.emit('close', { code: event.code, reason: event.reason });
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
  }

  /** @param {string} text */
  receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame === null || typeof frame !== 'object') return;
    if (frame.type === 'reply' || frame.type === 'error') {
      const error = frame.type === 'error'
        ? new ProtocolError(String(frame.code ?? 'INTERNAL'), String(frame.message ?? ''), frame.requestId)
        : null;
      if (typeof frame.requestId === 'string' && this.pending.has(frame.requestId)) {
        this.settle(frame.requestId, frame, error);
      } else if (error) {
        this.emit('protocolError', error);
      }
      return;
    }
    if (typeof frame.type !== 'string') {
      // API Gateway's own frames ({"message": "Internal server error", ...}) carry its request id, not
      // ours: the request they answer times out and is retried like any lost answer.
      this.emit('gatewayError', frame);
      return;
    }
    this.emit(frame.type, frame);
    this.emit('*', frame);
  }

  /** @param {string} requestId @param {any} reply @param {Error | null} error */
  settle(requestId, reply, error) {
    const entry = this.pending.get(requestId);
    if (!entry) return;
    this.pending.delete(requestId);
    this.timers.clearTimeout(entry.timer);
    if (error) entry.reject(error);
    else entry.resolve(reply);
  }

  failPending() {
    for (const requestId of [...this.pending.keys()]) {
      this.settle(requestId, null, new ProtocolError('DISCONNECTED', 'the connection closed', requestId));
    }
  }

  scheduleReconnect() {
    if (this.state === 'stopped' || this.state === 'offline') return;
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, { ...this.backoff, random: this.random });
    this.retryAt = this.now() + delay;
    this.setState('waiting');
    this.retryTimer = this.timers.setTimeout(() => this.connect(), delay);
  }

  /** Pings after `pingIntervalMs` without sending: API Gateway counts only data frames as activity. */
  schedulePing() {
    if (this.pingTimer) this.timers.clearTimeout(this.pingTimer);
    this.pingTimer = this.timers.setTimeout(() => {
      this.pingTimer = null;
      // A ping that is not answered means a dead socket the browser has not noticed: start over.
      this.request('ping').catch((error) => {
        if (error.code === 'TIMEOUT' && this.socket) this.restart();
        else if (error.code !== 'DISCONNECTED') console.error('Parley: ping failed:', error); // a closed socket reconnects anyway
      });
    }, this.pingIntervalMs);
  }

  /** Drops the current socket and reconnects with backoff. */
  restart() {
    this.dropSocket('restart');
    this.scheduleReconnect();
  }

  /** Forgets the socket at once (its close event, which may come much later offline, is ignored). */
  dropSocket(reason) {
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      try {
        socket.close(1000, reason);
      } catch {
        // Already closing.
      }
      this.failPending();
      this.emit('close', { code: 1000, reason });
    }
  }

  clearTimers() {
    if (this.retryTimer) this.timers.clearTimeout(this.retryTimer);
    if (this.pingTimer) this.timers.clearTimeout(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
  }

  /** @param {ConnectionState} state */
  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }
}
