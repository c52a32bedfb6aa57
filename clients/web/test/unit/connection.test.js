import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from '../../src/protocol/backoff.js';
import { Connection } from '../../src/protocol/connection.js';
import { FakeTimers, fakeWebSocketClass, tick } from './fakes.js';

async function connected(options = {}) {
  const timers = new FakeTimers();
  const { FakeWebSocket, sockets } = fakeWebSocketClass();
  const connection = new Connection({ url: async () => 'ws://x/prod?token=t', WebSocket: FakeWebSocket, timers,
    now: () => timers.now, random: () => 0.5, ...options });
  connection.start();
  await tick();
  sockets[0].open();
  return { connection, timers, sockets, socket: sockets[0] };
}

test('replies are matched to their requests by requestId, in any order', async () => {
  const { connection, socket } = await connected();
  const first = connection.request('ping');
  const second = connection.request('findUsers', { usernames: ['bob'] });
  const [a, b] = socket.sent;
  assert.equal(b.action, 'findUsers');
  assert.notEqual(a.requestId, b.requestId);
  socket.receive({ type: 'reply', requestId: b.requestId, users: [] });
  socket.receive({ type: 'reply', requestId: a.requestId, serverTime: 5 });
  assert.deepEqual((await second).users, []);
  assert.equal((await first).serverTime, 5);
});

test('an error frame rejects its request with the stable code', async () => {
  const { connection, socket } = await connected();
  const pending = connection.request('nope');
  socket.receive({ type: 'error', requestId: socket.sent[0].requestId, code: 'UNKNOWN_ACTION', message: 'no' });
  await assert.rejects(pending, (e) => e.code === 'UNKNOWN_ACTION' && !e.retryable);
});

test('a request without an answer times out, retryably', async () => {
  const { connection, timers } = await connected({ requestTimeoutMs: 1000 });
  const pending = connection.request('ping');
  timers.advance(1000);
  await assert.rejects(pending, (e) => e.code === 'TIMEOUT' && e.retryable);
});

test('events are dispatched by type; unknown types and API Gateway frames do not break anything', async () => {
  const { connection, socket } = await connected();
  const seen = [];
  connection.on('message', (m) => seen.push(m.seq));
  socket.receive({ type: 'somethingNew', x: 1 });
  socket.receive({ message: 'Internal server error', connectionId: 'c', requestId: 'gw' });
  socket.receive({ type: 'message', conversationId: 'd_1', seq: 7 });
  assert.deepEqual(seen, [7]);
});

test('a drop fails pending requests and reconnects with growing, jittered backoff', async () => {
  const { connection, timers, sockets, socket } = await connected();
  const pending = connection.request('ping');
  socket.drop();
  await assert.rejects(pending, (e) => e.code === 'DISCONNECTED');
  assert.equal(connection.state, 'waiting');
  assert.equal(connection.retryAt - timers.now, backoffDelay(1, { random: () => 0.5 }));
  timers.advance(10_000);
  await tick();
  assert.equal(sockets.length, 2);
  sockets[1].drop();
  assert.equal(connection.retryAt - timers.now, backoffDelay(2, { random: () => 0.5 }));
});

test('backoff doubles up to its ceiling, with half of it random', () => {
  assert.equal(backoffDelay(1, { random: () => 0 }), 250);
  assert.equal(backoffDelay(1, { random: () => 1 }), 500);
  assert.equal(backoffDelay(3, { random: () => 1 }), 2000);
  assert.equal(backoffDelay(30, { random: () => 1 }), 30_000);
});

test('pings after the quiet interval; offline drops the socket and waits for online', async () => {
  const { connection, timers, sockets, socket } = await connected({ pingIntervalMs: 300_000 });
  timers.advance(300_000);
  assert.equal(socket.sent.at(-1).action, 'ping');
  connection.offline();
  assert.equal(connection.state, 'offline');
  assert.ok(socket.closed);
  timers.advance(60_000);
  assert.equal(sockets.length, 1, 'no reconnect while offline');
  connection.online();
  await tick();
  assert.equal(sockets.length, 2);
});
