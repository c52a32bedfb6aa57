// End to end in Debian's Chromium, against a running local-env: PARLEY_ENDPOINTS names its
// endpoints file (./parley test-web and ./parley test set it). Two browser contexts, alice on a
// desktop and bob on a phone, chat; alice goes offline, sends, comes back; bob reloads.
// Screenshots go to target/screenshots/.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as e2e from './browser.js';

const { screenshots } = e2e;
const run = Date.now().toString(36); // the direct conversation survives runs against one local-env
const TIMEOUT = 15_000;

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
const bubble = (page, text) => page.locator('#message-list li', { hasText: text });

async function send(page, text) {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

async function waitForStatus(page, text, status) {
  await page.locator(`#message-list li[data-status="${status}"]`, { hasText: text }).waitFor({ timeout: TIMEOUT });
}

test('alice and bob chat: the message arrives, receipts reach read, typing shows', async () => {
  await alice.getByRole('button', { name: 'New chat' }).click();
  await alice.locator('#new-usernames').fill('bob');
  await alice.getByRole('button', { name: 'Start' }).click();
  await alice.locator('#chat-title', { hasText: 'bob' }).waitFor({ timeout: TIMEOUT });
  const hello = `Hello bob ${run}`;
  await send(alice, hello);
  await waitForStatus(alice, hello, 'sent').catch(() => {}); // may already be further along

  // bob, on a phone: the list first, with the unread badge and the last message.
  const entry = bob.locator('#conversation-list button', { hasText: 'alice' });
  await entry.locator('.last', { hasText: hello }).waitFor({ timeout: TIMEOUT });
  await entry.locator('.badge').waitFor({ timeout: TIMEOUT });
  await entry.click();
  await bubble(bob, hello).waitFor({ timeout: TIMEOUT });
  await waitForStatus(alice, hello, 'read');

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

test('offline: alice sends while offline; back online it is delivered exactly once', async () => {
  await aliceContext.setOffline(true);
  await alice.locator('#connection-status', { hasText: 'Offline' }).waitFor({ timeout: TIMEOUT });
  assert.equal(await alice.evaluate(() => window.parley.connection.socket), null, 'the socket is dropped offline');
  const offline = `sent while offline ${run}`;
  await send(alice, offline);
  await waitForStatus(alice, offline, 'pending');
  assert.equal(await bubble(alice, offline).locator('.ticks[title="sending"] svg circle').count(), 1, 'a drawn clock');
  assert.equal(await alice.evaluate(() => window.parley.outbox.pending().length), 1, 'queued in the outbox');
  await alice.waitForTimeout(500);
  assert.equal(await bubble(bob, offline).count(), 0, 'nothing leaves an offline browser');

  await aliceContext.setOffline(false);
  await connected(alice);
  await bubble(bob, offline).waitFor({ timeout: TIMEOUT });
  await waitForStatus(alice, offline, 'read');
  await bob.waitForTimeout(500);
  assert.equal(await bubble(bob, offline).count(), 1, 'shown once');
  assert.equal(await bubble(alice, offline).count(), 1, 'shown once to the sender');
  const stored = await alice.evaluate(async (text) => {
    const chat = window.parley;
    const reply = await chat.connection.request('history', { conversationId: chat.openId, limit: 100 });
    return reply.messages.filter((m) => m.text === text).length;
  }, offline);
  assert.equal(stored, 1, 'stored exactly once');
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
