// The web client and the terminal client chat, end to end: carol in Debian's Chromium (the real
// clients/web) and dave in `./parley chat dave` (the real clients/java/cli, on the Java SDK) on a
// pseudo-terminal, against the local-env of PARLEY_ENDPOINTS. carol and dave: chat.e2e.js and
// media.e2e.js count on alice's and bob's conversations; dave, enrolled in TOTP, is the one demo
// user the web client cannot sign in, and the terminal answers his challenge as a user would.
// ./parley test builds the terminal client before the web tests; ./parley test-web too.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as e2e from './browser.js';
import { Terminal } from './terminal.js';

const { screenshots } = e2e;
const run = Date.now().toString(36);
const TIMEOUT = 30_000;
const START_TIMEOUT = 120_000; // a JVM starting on a loaded machine, and a TOTP sign-in

/** @type {import('playwright-core').Browser} */ let browser;
/** @type {import('playwright-core').Page} */ let carol;
/** @type {Terminal} */ let dave;

before(async () => {
  dave = new Terminal('dave', process.env.PARLEY_ENDPOINTS);
  const { totpSecret } = e2e.endpoints.demoUsers.find((u) => u.username === 'dave');
  await dave.answerTotp(totpSecret, START_TIMEOUT);
  // Connected first: a user can be found once they have connected.
  await dave.waitFor('[connected]', { timeout: START_TIMEOUT });
  browser = await e2e.launch();
  carol = await e2e.newPage(await browser.newContext(e2e.DESKTOP));
  await e2e.signIn(carol, 'carol', TIMEOUT);
});

after(async () => {
  dave?.kill();
  await browser?.close();
});

const { bubble, send, recordStatuses, statusesOf } = e2e;
const waitForStatus = (page, text, status) => e2e.waitForStatus(page, text, status, TIMEOUT);

/**
 * Types `/list` until the terminal lists a conversation matching `entry` and returns the match:
 * the list is read from the SDK's store, which may be a moment behind what the browser shows.
 */
async function listUntil(terminal, entry) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const from = terminal.position;
    terminal.type('/list');
    try {
      return await terminal.waitFor(entry, { from, timeout: 3_000 });
    } catch (error) {
      if (Date.now() > deadline || terminal.process.exitCode !== null) throw error;
    }
  }
}

/**
 * carol keeps typing until dave's terminal shows it. The integration tests use up carol's typing
 * minute on purpose (SyncRefusedRequestsTest: 60 a calendar minute, per user), and on a fast machine
 * this test can start inside that minute: her browser's typing requests are then refused
 * (RATE_LIMITED, logged) until the minute ends. The web client repeats `typing` every 3 s while she
 * types, so a key every 3.5 s gets one through within a minute of the limit resetting.
 */
async function typeUntilTerminalShowsTyping(web, terminal, from) {
  const box = web.getByLabel('Message', { exact: true });
  const keys = 'Got it, thanks for the note';
  for (let i = 0; ; i++) {
    await box.pressSequentially(keys[i % keys.length]);
    try {
      await terminal.waitFor('carol is typing...', { from, timeout: 3_500 });
      return;
    } catch (error) {
      if (i >= 30) throw error; // 105 s: well past any minute's end
    }
  }
}

test('a web user and a terminal user chat: messages both ways, typing, receipts to read, unread counts', async () => {
  // carol starts the direct chat in the browser and sends two messages while dave's terminal shows no conversation.
  await e2e.startDirectChat(carol, 'dave', TIMEOUT);
  const first = `Hello dave ${run}`;
  const second = `are you in the terminal? ${run}`;
  await recordStatuses(carol, second);
  await send(carol, first);
  await send(carol, second);
  // dave's terminal is online: the server delivers both live, and the ticks say so.
  await waitForStatus(carol, first, 'delivered');
  await waitForStatus(carol, second, 'delivered');

  // The terminal lists the conversation with its unread count, then opens it and shows both.
  const [, number] = await listUntil(dave, /(\d+)\. carol {2}\(2 unread\)/);
  const opened = dave.position;
  dave.type(`/open ${number}`);
  await dave.waitFor('-- carol --', { from: opened, timeout: TIMEOUT });
  await dave.waitFor(`carol: ${first}`, { from: opened, timeout: TIMEOUT });
  await dave.waitFor(`carol: ${second}`, { from: opened, timeout: TIMEOUT });
  // Opening it marked it read: carol's ticks reach read.
  await waitForStatus(carol, first, 'read');
  await waitForStatus(carol, second, 'read');
  const seen = await statusesOf(carol, second);
  assert.ok(['pending,sent,delivered,read', 'pending,delivered,read'].includes(seen.join()), `ticks in order: ${seen}`);

  // Keys typed into the terminal tell carol dave is typing; Enter sends the line to her browser.
  const reply = `typed in a terminal ${run}`;
  const typed = dave.position;
  dave.write(reply);
  await carol.locator('#typing', { hasText: 'dave is typing' }).waitFor({ timeout: TIMEOUT });
  dave.write('\r');
  await bubble(carol, reply).waitFor({ timeout: TIMEOUT });
  await carol.locator('#typing', { hasText: /^$/ }).waitFor({ timeout: TIMEOUT });
  // The terminal echoes it with its seq; carol has the chat open, so her browser reads it and dave sees that.
  const [, seq] = await dave.waitFor(new RegExp(`#(\\d+) me: ${reply}`), { from: typed, timeout: TIMEOUT });
  await dave.waitFor(`read by carol up to #${seq}`, { from: typed, timeout: TIMEOUT });

  // carol types back: the terminal shows her typing, then her message.
  const answered = dave.position;
  await typeUntilTerminalShowsTyping(carol, dave, answered);
  const answer = `Got it, from the browser ${run}`;
  await send(carol, answer);
  await dave.waitFor(`carol: ${answer}`, { from: answered, timeout: TIMEOUT });
  await waitForStatus(carol, answer, 'read');

  // Everything read: the terminal lists the conversation with no unread count.
  await listUntil(dave, /\d+\. carol\n/);
  await carol.screenshot({ path: join(screenshots, 'desktop-chat-with-terminal.png') });

  const quit = dave.position;
  dave.type('/quit');
  assert.deepEqual(await dave.exited, { code: 0, signal: null }, dave.since(quit));
});
