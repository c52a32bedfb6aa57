// End to end in Debian's Chromium, against a running local-env: PARLEY_ENDPOINTS names its
// endpoints file (./parley test-web and ./parley test set it). Two browser contexts, alice on a
// desktop and bob on a phone, chat; bob goes away and comes back; alice goes offline, sends, comes
// back; bob reloads; carol's browser refuses IndexedDB.
// Screenshots go to target/screenshots/.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as e2e from './browser.js';

const { screenshots } = e2e;
const run = Date.now().toString(36); // the direct conversation survives runs against one local-env
const TIMEOUT = 15_000;
const PRESENCE_TIMEOUT = 30_000; // offline is told after a 10 s debounce (docs/protocol/live.md)

/** @type {import('playwright-core').Browser} */ let browser;
/** @type {import('playwright-core').BrowserContext} */ let aliceContext;
/** @type {import('playwright-core').Page} */ let alice;
/** @type {import('playwright-core').Page} */ let bob;

before(async () => {
  browser = await e2e.launch();
  aliceContext = await browser.newContext(e2e.DESKTOP);
  alice = await e2e.newPage(aliceContext);
  bob = await e2e.newPage(await browser.newContext(e2e.PHONE));
  // bob signs in first: a user can be found once they have connected.
  await signIn(bob, 'bob');
  await signIn(alice, 'alice');
});

after(async () => {
  await browser?.close();
});

const signIn = (page, name) => e2e.signIn(page, name, TIMEOUT);
const connected = (page) => e2e.connected(page, TIMEOUT);
const { bubble, send, recordStatuses, statusesOf } = e2e;
const waitForStatus = (page, text, status) => e2e.waitForStatus(page, text, status, TIMEOUT);

const statusOf = (page, text) => bubble(page, text).getAttribute('data-status');
const bobInAlicesList = () => alice.locator('#conversation-list button', { hasText: 'bob' });

test('alice and bob chat: the message arrives, receipts reach read, typing shows', async () => {
  await e2e.startDirectChat(alice, 'bob', TIMEOUT);
  const hello = `Hello bob ${run}`;
  await recordStatuses(alice, hello);
  await send(alice, hello);

  // bob is online with the list showing: his phone has the message, he has not read it.
  await waitForStatus(alice, hello, 'delivered');
  const entry = bob.locator('#conversation-list button', { hasText: 'alice' });
  await entry.locator('.last', { hasText: hello }).waitFor({ timeout: TIMEOUT });
  await entry.locator('.badge').waitFor({ timeout: TIMEOUT });
  assert.equal(await statusOf(alice, hello), 'delivered', 'not read before bob opens the conversation');
  await entry.click();
  await bubble(bob, hello).waitFor({ timeout: TIMEOUT });
  await waitForStatus(alice, hello, 'read');
  // "sent" may be skipped here when the delivery receipt overtakes the reply; the next test pins it.
  const seen = await statusesOf(alice, hello);
  assert.ok(['pending,sent,delivered,read', 'pending,delivered,read'].includes(seen.join()), `ticks in order: ${seen}`);

  await bob.getByLabel('Message', { exact: true }).pressSequentially('Hi al', { delay: 30 });
  await alice.locator('#typing', { hasText: 'bob is typing' }).waitFor({ timeout: TIMEOUT });
  await bob.getByLabel('Message', { exact: true }).pressSequentially('ice', { delay: 30 });
  const reply = `Hi alice ${run}`;
  await bob.getByLabel('Message', { exact: true }).fill(reply);
  await bob.getByLabel('Message', { exact: true }).press('Enter');
  await bubble(alice, reply).waitFor({ timeout: TIMEOUT });
  await alice.locator('#typing', { hasText: /^$/ }).waitFor({ timeout: TIMEOUT });
  await waitForStatus(bob, reply, 'read');

  // The ticks are drawn, not characters of a font (a fresh Debian's Chromium has no glyph for ✓).
  const ticks = bubble(alice, hello).locator('.ticks');
  assert.equal(await ticks.getAttribute('title'), 'read');
  assert.equal(await ticks.locator('svg path').count(), 2, 'two checks');
  assert.ok((await ticks.locator('svg').boundingBox()).width > 0, 'drawn with a size');
  await alice.locator('#message-list').screenshot({ path: join(screenshots, 'ticks-desktop.png') });

  await alice.screenshot({ path: join(screenshots, 'desktop-1440x900.png') });
  await bob.screenshot({ path: join(screenshots, 'phone-390x844-chat.png') });
});

test('while bob is away a message stays sent; delivered when his phone syncs it; read when he opens it', async () => {
  await bob.evaluate(() => window.parley.connection.stop()); // a clean close: the server lets the connection go now
  await bob.goto('about:blank');
  // The server has no connection of bob's left once alice is told he is offline (after the presence debounce).
  await bobInAlicesList().locator('.presence-dot[data-status="offline"]').waitFor({ timeout: PRESENCE_TIMEOUT });

  const away = `while you were away ${run}`;
  await recordStatuses(alice, away);
  await send(alice, away);
  await waitForStatus(alice, away, 'sent');
  assert.equal(await statusOf(alice, away), 'sent', 'nothing can deliver it while bob has no connection');

  await bob.goto(e2e.endpoints.webUrl); // signed in still; the app opens on the list and syncs
  await connected(bob);
  await waitForStatus(alice, away, 'delivered');
  const entry = bob.locator('#conversation-list button', { hasText: 'alice' });
  await entry.locator('.last', { hasText: away }).waitFor({ timeout: TIMEOUT });
  assert.equal(await statusOf(alice, away), 'delivered', 'not read before bob opens the conversation');
  await entry.click();
  await bubble(bob, away).waitFor({ timeout: TIMEOUT });
  await waitForStatus(alice, away, 'read');
  assert.deepEqual(await statusesOf(alice, away), ['pending', 'sent', 'delivered', 'read']);
});

test('offline: alice sends while offline; back online it is delivered exactly once', async () => {
  await aliceContext.setOffline(true);
  await alice.locator('#connection-status', { hasText: 'Offline' }).waitFor({ timeout: TIMEOUT });
  assert.equal(await alice.evaluate(() => window.parley.connection.socket), null, 'the socket is dropped offline');
  const offline = `sent while offline ${run}`;
  await send(alice, offline);
  await waitForStatus(alice, offline, 'pending');
  assert.equal(await bubble(alice, offline).locator('.ticks[title="sending"] svg circle').count(), 1, 'a drawn clock');
  assert.equal(await alice.evaluate(() => window.parley.outbox.pending().length), 1, 'queued in the outbox');

  const backOnlineAt = Date.now();
  await aliceContext.setOffline(false);
  await connected(alice);
  await bubble(bob, offline).waitFor({ timeout: TIMEOUT });
  await waitForStatus(alice, offline, 'read');
  // A marker sent after it: the outbox sends it only once the first is stored, and the server
  // posts in that order, so when bob shows the marker any second copy would have come before.
  const marker = `after the offline one ${run}`;
  await send(alice, marker);
  await bubble(bob, marker).waitFor({ timeout: TIMEOUT });
  assert.equal(await bubble(bob, offline).count(), 1, 'shown once');
  assert.equal(await bubble(alice, offline).count(), 1, 'shown once to the sender');
  const stored = await alice.evaluate(async (text) => {
    const chat = window.parley;
    const reply = await chat.connection.request('history', { conversationId: chat.openId, limit: 100 });
    return reply.messages.filter((m) => m.text === text).map((m) => m.sentAt);
  }, offline);
  assert.equal(stored.length, 1, 'stored exactly once');
  assert.ok(stored[0] >= backOnlineAt, 'stored only after alice was back online: nothing left the offline browser');
});

test('a reload restores the conversation from the store and sync', async () => {
  await bob.reload();
  await connected(bob);
  const entry = bob.locator('#conversation-list button', { hasText: 'alice' });
  await entry.click();
  await bubble(bob, `Hello bob ${run}`).waitFor({ timeout: TIMEOUT });
  await bubble(bob, `sent while offline ${run}`).waitFor({ timeout: TIMEOUT });
  assert.equal(await bubble(bob, `sent while offline ${run}`).count(), 1);
  await bob.getByRole('button', { name: 'Back to conversations' }).click();
  await bob.screenshot({ path: join(screenshots, 'phone-390x844-list.png') });
  // Escape from the chat also goes back, keyboard only.
  await entry.focus();
  await bob.keyboard.press('Enter');
  await bob.getByLabel('Message', { exact: true }).waitFor();
  await bob.keyboard.press('Escape');
  await bob.locator('#conversation-list').waitFor();
  await entry.click();
  await bob.screenshot({ path: join(screenshots, 'phone-390x844.png') });
});

test('a browser that refuses IndexedDB: the app runs in memory and says so on screen and in the console', async () => {
  const context = await browser.newContext(e2e.DESKTOP);
  await context.addInitScript(() => {
    Object.defineProperty(IDBFactory.prototype, 'open', {
      value() { throw new DOMException('Access to IndexedDB is denied in this context.', 'SecurityError'); },
    });
  });
  try {
    const carol = await e2e.newPage(context);
    const errors = [];
    carol.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await signIn(carol, 'carol');
    const warning = carol.locator('#storage-warning');
    await warning.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.equal(await warning.getAttribute('role'), 'alert');
    assert.match(await warning.textContent(), /refused to store Parley's data \(Access to IndexedDB is denied in this context\.\).*not even messages still waiting to be sent/);
    assert.ok(errors.some((text) => text.includes('Parley: opening IndexedDB')), `logged: ${errors}`);
    assert.equal(await alice.locator('#storage-warning').isVisible(), false, 'a browser with IndexedDB shows no warning');
    await carol.screenshot({ path: join(screenshots, 'desktop-no-indexeddb.png') });
  } finally {
    await context.close();
  }
});
