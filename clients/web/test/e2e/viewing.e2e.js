// End to end in Chromium against a running local-env (PARLEY_ENDPOINTS): the web client tells the
// real gateway which conversation it shows (viewConversation, docs/protocol/live.md) when one is
// opened, and stops when it goes back to the list; the server answers each without an error.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as e2e from './browser.js';

const TIMEOUT = 15_000;

/** @type {import('playwright-core').Browser} */ let browser;
/** @type {import('playwright-core').Page} */ let carol;
/** Every frame carol's page sent and received, parsed. */
const sent = [];
const received = [];

before(async () => {
  browser = await e2e.launch();
  carol = await e2e.newPage(await browser.newContext(e2e.PHONE));
  carol.on('websocket', (socket) => {
    socket.on('framesent', (frame) => sent.push(JSON.parse(String(frame.payload))));
    socket.on('framereceived', (frame) => received.push(JSON.parse(String(frame.payload))));
  });
  await e2e.signIn(carol, 'carol', TIMEOUT);
});

after(async () => {
  await browser?.close();
});

const views = () => sent.filter((frame) => frame.action === 'viewConversation');
const answerTo = (frame) => received.find((r) => r.requestId === frame.requestId);

async function until(condition, what) {
  const deadline = Date.now() + TIMEOUT;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('opening a conversation views it for 60 s and going back stops viewing it', async () => {
  await e2e.startDirectChat(carol, 'alice', TIMEOUT);
  const conversationId = await carol.evaluate(() => window.parley.openId);
  await until(() => views().some((v) => v.conversationId === conversationId && answerTo(v)), 'the view and its answer');
  const view = views().find((v) => v.conversationId === conversationId);
  assert.equal(view.ttlSeconds, 60);
  assert.deepEqual(answerTo(view), { type: 'reply', requestId: view.requestId, conversationId, expiresInMs: 60_000 });

  await carol.getByRole('button', { name: 'Back to conversations' }).click();
  await until(() => views().some((v) => v.conversationId === null && answerTo(v)), 'the stop and its answer');
  const stop = views().find((v) => v.conversationId === null);
  assert.deepEqual(answerTo(stop), { type: 'reply', requestId: stop.requestId, expiresInMs: 0 });
});
