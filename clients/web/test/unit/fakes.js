// Test doubles: a WebSocket the test drives, a connection whose requests the test answers, and timers the test advances.

export class FakeTimers {
  constructor() { this.now = 0; this.queue = []; this.nextId = 1; }
  setTimeout = (fn, ms) => { const id = this.nextId++; this.queue.push({ id, at: this.now + ms, fn }); return id; };
  clearTimeout = (id) => { this.queue = this.queue.filter((t) => t.id !== id); };
  /** Runs every timer due within `ms`, in time order. */
  advance(ms) {
    const end = this.now + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.now = next.at;
      next.fn();
    }
    this.now = end;
  }
}

export function fakeWebSocketClass() {
  const sockets = [];
  class FakeWebSocket {
    constructor(url) { this.url = url; this.sent = []; this.closed = false; sockets.push(this); }
    send(text) { this.sent.push(JSON.parse(text)); }
    close() { this.closed = true; }
    open() { this.onopen?.(); }
    receive(frame) { this.onmessage?.({ data: JSON.stringify(frame) }); }
    drop(code = 1006) { this.onclose?.({ code, reason: '' }); }
  }
  return { FakeWebSocket, sockets };
}

export const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A `Connection` whose requests `answer(action, fields)` answers; `sent` holds every request, `emit` plays a frame. */
export class FakeConnection {
  constructor(answer) {
    this.answer = answer;
    this.isOpen = false;
    this.sent = [];
    this.listeners = new Map();
  }
  on(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(listener);
  }
  emit(type, value) { for (const listener of this.listeners.get(type) ?? []) listener(value); }
  start() {}
  async request(action, fields) {
    this.sent.push({ action, ...fields });
    return this.answer(action, fields);
  }
}
