// End to end in Chromium against a running local-env (PARLEY_ENDPOINTS): groups as the group panel shows
// them. alice (desktop) makes a group with carol, makes an invite link; bob (phone) joins by pasting it;
// alice turns announcement mode on (bob's composer goes off, with the reason), makes bob an admin (it comes
// back on), and the member list shows everyone's role on both sides; bob leaves. Refused links show the server's
// reason. A group grown past 64 members shows as large: its size, one tick and no receipts, the member list
// a page at a time, and bob's list hears of its messages through conversationActivity; made an announcement
// group without its members being told, it refuses bob's post with the server's reason; alice hands it over
// to bob, who may post again.
// Titles and messages never name a demo user: the other files find conversations by those names.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as e2e from './browser.js';

const run = Date.now().toString(36);
const TIMEOUT = 20_000;

/** @type {import('playwright-core').Browser} */ let browser;
/** @type {import('playwright-core').Page} */ let alice;
/** @type {import('playwright-core').Page} */ let bob;

before(async () => {
  ({ browser, alice, bob } = await e2e.aliceOnDesktopBobOnPhone(TIMEOUT));
});

after(async () => {
  await browser?.close();
});

const panel = (page) => page.locator('#group-panel');
const memberRow = (page, name) => panel(page).locator('#member-list li', { hasText: name });
const panelError = (page) => panel(page).locator('#group-panel-error');

/** New group through the dialog; waits until it is open. */
async function newGroup(page, title, usernames) {
  await page.getByRole('button', { name: 'New group' }).click();
  const dialog = page.locator('#new-conversation');
  await dialog.getByLabel('Group name').fill(title);
  await dialog.getByLabel('Members (usernames, separated by commas)').fill(usernames);
  await dialog.getByRole('button', { name: 'Start' }).click();
  await page.locator('#chat-title', { hasText: title }).waitFor({ timeout: TIMEOUT });
}

async function openPanel(page) {
  await page.getByRole('button', { name: 'Group info' }).click();
  await panel(page).waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function closePanel(page) {
  await panel(page).getByRole('button', { name: 'Close' }).click();
  await panel(page).waitFor({ state: 'hidden', timeout: TIMEOUT });
}

/** Creates an invite link in the open panel and returns it. */
async function createInvite(page, { expiry = '1 day', uses = '' } = {}) {
  await panel(page).getByLabel('Expires after').selectOption({ label: expiry });
  await panel(page).getByLabel('Uses').fill(uses);
  await panel(page).getByRole('button', { name: 'Create invite link' }).click();
  const link = panel(page).locator('#new-invite-link');
  await link.waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.waitForFunction(() => document.getElementById('new-invite-link').value.includes('#invite='), null, { timeout: TIMEOUT });
  return link.inputValue();
}

/** On a phone the list and the chat are two screens: back to the list if the chat shows. */
async function toList(page) {
  if (await page.locator('#back').isVisible()) await page.locator('#back').click();
}

async function joinWith(page, text) {
  await toList(page);
  await page.getByRole('button', { name: 'Join group' }).click();
  await page.getByLabel('Invite link or code').fill(text);
  await page.locator('#join-dialog').getByRole('button', { name: 'Join' }).click();
}

/** `[name, role]` of every row of the member list, as shown. */
const roles = (page) => panel(page).locator('#member-list li').evaluateAll((rows) => rows.map((row) => [
  row.querySelector('.member-name').textContent, row.querySelector('.role-tag').textContent]));

test('an invite link admits bob; alice makes him admin; announcement mode turns his composer off and on; roles show on both sides', async () => {
  const title = `Climbing club ${run}`;
  await newGroup(alice, title, 'carol');
  await openPanel(alice);
  await memberRow(alice, 'carol').waitFor({ timeout: TIMEOUT });
  assert.match(await panel(alice).locator('#group-panel-summary').textContent(), /^2 members · you are the owner$/);

  const link = await createInvite(alice, { expiry: '1 day', uses: '5' });
  const invite = panel(alice).locator('#invite-list li[data-state="active"]');
  await invite.waitFor({ timeout: TIMEOUT });
  assert.match(await invite.textContent(), /made by alice · 0 of 5 uses · expires/);

  await joinWith(bob, link);
  await bob.locator('#chat-title', { hasText: title }).waitFor({ timeout: TIMEOUT });
  await bob.locator('#chat-subtitle', { hasText: '3 members' }).waitFor({ timeout: TIMEOUT });
  // alice's open panel hears of the join (membersAdded) and reads the members again.
  await memberRow(alice, 'bob').locator('.role-tag', { hasText: 'Member' }).waitFor({ timeout: TIMEOUT });

  // Announcement mode: bob, a plain member, cannot post, and is told why.
  await panel(alice).getByLabel('Announcement group: only admins can send messages').check();
  await panel(alice).locator('#group-panel-status', { hasText: 'Only admins can send messages now.' }).waitFor({ timeout: TIMEOUT });
  const reason = bob.locator('#composer-blocked', { hasText: 'Only admins can send messages in this announcement group.' });
  await reason.waitFor({ timeout: TIMEOUT });
  assert.equal(await bob.getByLabel('Message', { exact: true }).isDisabled(), true);
  assert.equal(await bob.getByRole('button', { name: 'Send' }).isDisabled(), true);
  await bob.screenshot({ path: join(e2e.screenshots, 'phone-announcement-member.png') });

  await memberRow(alice, 'bob').getByRole('button', { name: 'Make bob an admin' }).click();
  await memberRow(alice, 'bob').locator('.role-tag', { hasText: 'Admin' }).waitFor({ timeout: TIMEOUT });
  const aliceSees = Object.fromEntries(await roles(alice));
  assert.deepEqual(aliceSees, { 'alice (you)': 'Owner', bob: 'Admin', carol: 'Member' });
  assert.equal(await memberRow(alice, 'bob').getByRole('button', { name: 'Make bob a member (not an admin)' }).count(), 1);
  assert.equal(await memberRow(alice, 'alice').locator('button').count(), 0, 'nobody changes their own row here');
  await alice.screenshot({ path: join(e2e.screenshots, 'desktop-group-panel.png') });

  // bob is told of his new role (roleChanged): an admin may post in an announcement group.
  await reason.waitFor({ state: 'hidden', timeout: TIMEOUT });
  await e2e.send(bob, `ready when you are ${run}`);
  await e2e.bubble(alice, `ready when you are ${run}`).waitFor({ timeout: TIMEOUT });

  await openPanel(bob);
  await memberRow(bob, 'carol').waitFor({ timeout: TIMEOUT });
  assert.deepEqual(Object.fromEntries(await roles(bob)), { alice: 'Owner', 'bob (you)': 'Admin', carol: 'Member' });
  assert.equal(await memberRow(bob, 'carol').getByRole('button', { name: 'Remove carol from the group' }).count(), 1, 'admins remove members');
  assert.equal(await memberRow(bob, 'carol').getByRole('button', { name: 'Make carol an admin' }).count(), 0,
    'only the owner gives roles while the group has one');
  assert.equal(await memberRow(bob, 'alice').locator('button').count(), 0, 'nobody removes the owner');
  await panel(bob).locator('#invite-list li[data-state="active"]').waitFor({ timeout: TIMEOUT }); // admins see the links
  await bob.screenshot({ path: join(e2e.screenshots, 'phone-group-panel.png') });
  await closePanel(alice);

  // bob leaves (after the browser's confirmation): the group goes from his phone, back to his list; alice's header counts 2.
  bob.once('dialog', (dialog) => dialog.accept());
  await panel(bob).getByRole('button', { name: 'Leave group' }).click();
  await panel(bob).waitFor({ state: 'hidden', timeout: TIMEOUT });
  await bob.getByRole('button', { name: 'Join group' }).waitFor({ timeout: TIMEOUT });
  await bob.locator('#conversation-list button', { hasText: title }).waitFor({ state: 'detached', timeout: TIMEOUT });
  await alice.locator('#chat-subtitle', { hasText: '2 members · announcements' }).waitFor({ timeout: TIMEOUT });
});

test('an opened link offers to join; refused links say why: revoked, not valid, not a link at all; nothing is joined', async () => {
  const title = `Quiet room ${run}`;
  await newGroup(alice, title, 'carol');
  await openPanel(alice);
  const link = await createInvite(alice);
  const row = panel(alice).locator('#invite-list li');
  await row.getByRole('button', { name: /^Revoke/ }).click();
  await panel(alice).locator('#invite-list li[data-state="revoked"]').waitFor({ timeout: TIMEOUT });
  assert.equal(await panel(alice).locator('#invite-list li[data-state="revoked"] button').count(), 0, 'nothing left to revoke');
  await closePanel(alice);

  // bob opens the link itself: the app offers to join with it, and takes the secret out of the address bar.
  await bob.goto('about:blank'); // a link opened from elsewhere: the app loads with it
  await bob.goto(link);
  await e2e.connected(bob, TIMEOUT);
  const offered = bob.getByLabel('Invite link or code');
  await offered.waitFor({ timeout: TIMEOUT });
  assert.equal(await offered.inputValue(), link.split('#invite=')[1]);
  assert.equal(new URL(bob.url()).hash, '');
  await bob.locator('#join-dialog').getByRole('button', { name: 'Join' }).click();
  const error = bob.locator('#join-error');
  await error.filter({ hasText: 'Could not join: This invite link was revoked.' }).waitFor({ timeout: TIMEOUT });

  const forged = link.replace(/\.[A-Za-z0-9_-]{43}$/, `.${'A'.repeat(43)}`);
  await bob.getByLabel('Invite link or code').fill(forged);
  await bob.locator('#join-dialog').getByRole('button', { name: 'Join' }).click();
  await error.filter({ hasText: 'Could not join: This invite link is not valid.' }).waitFor({ timeout: TIMEOUT });

  await bob.getByLabel('Invite link or code').fill('https://example.com/not-an-invite');
  await bob.locator('#join-dialog').getByRole('button', { name: 'Join' }).click();
  await error.filter({ hasText: 'Could not join: That is not an invite link or code' }).waitFor({ timeout: TIMEOUT });
  await bob.locator('#join-dialog').getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await bob.locator('#conversation-list button', { hasText: title }).count(), 0, 'not joined');
});

test('a group grown past 64 members is large: its size, one tick, members a page at a time, activity for a list that is not looking', async () => {
  const title = `Big hall ${run}`;
  await newGroup(alice, title, 'bob');
  await openPanel(alice);
  // User ids are not checked for existence (docs/protocol.md): 70 that nobody has make the group large.
  const strangers = Array.from({ length: 70 }, () => randomUUID());
  await panel(alice).getByLabel('Add members').fill(strangers.join(', '));
  await panel(alice).getByRole('button', { name: 'Add', exact: true }).click();
  await panel(alice).locator('#group-panel-summary', { hasText: '72 members · large group · you are the owner' })
    .waitFor({ timeout: TIMEOUT });
  await panel(alice).locator('#group-panel-note', { hasText: 'no per-member read receipts' }).waitFor({ timeout: TIMEOUT });
  await alice.locator('#chat-subtitle', { hasText: '72 members · large group' }).waitFor({ timeout: TIMEOUT });
  const entry = alice.locator('#conversation-list button', { hasText: title });
  assert.equal(await entry.locator('[data-testid="size"]').textContent(), '72 members');

  const rows = panel(alice).locator('#member-list li');
  assert.equal(await rows.count(), 72, 'the added members are listed at once');

  // Opened again, the member list reads 50 at a time (MEMBERS_PAGE_SIZE), in the server's order (by user id).
  await closePanel(alice);
  await openPanel(alice);
  await alice.waitForFunction(() => document.querySelectorAll('#member-list li').length === 50, null, { timeout: TIMEOUT });
  await panel(alice).getByRole('button', { name: 'Load more members' }).click();
  await alice.waitForFunction(() => document.querySelectorAll('#member-list li').length === 72, null, { timeout: TIMEOUT });
  assert.equal(await panel(alice).getByRole('button', { name: 'Load more members' }).isHidden(), true, 'nothing more to load');
  const ids = await rows.evaluateAll((items) => items.map((li) => li.dataset.userId));
  assert.deepEqual(ids, [...ids].sort(), 'ordered by user id');
  assert.equal(new Set(ids).size, 72, 'each member once');
  await closePanel(alice);

  // bob's phone shows the list, not this group: the server tells it of new messages with conversationActivity.
  const bobsEntry = bob.locator('#conversation-list button', { hasText: title });
  await toList(bob);
  await bobsEntry.waitFor({ timeout: TIMEOUT });
  const first = `doors open at eight ${run}`;
  await e2e.send(alice, first);
  await e2e.waitForStatus(alice, first, 'sent', TIMEOUT);
  await bobsEntry.locator('.last.activity', { hasText: 'New messages' }).waitFor({ timeout: TIMEOUT });
  await bobsEntry.locator('.badge', { hasText: '1' }).waitFor({ timeout: TIMEOUT });

  // Opened, the group fetches the message; while bob views it, the next one comes live.
  await bobsEntry.click();
  await e2e.bubble(bob, first).waitFor({ timeout: TIMEOUT });
  await bob.waitForFunction(() => window.parley.openId && window.parley.viewing.confirmed === window.parley.openId, null,
    { timeout: TIMEOUT }); // the server has his view: a message now comes to him live
  const second = `bring a torch ${run}`;
  await e2e.send(alice, second);
  await e2e.bubble(bob, second).waitFor({ timeout: TIMEOUT });
  // No per-member receipts in a large group: once the server answered bob's markRead for both, alice's
  // ticks still show one (in a small group they would turn read).
  await bob.waitForFunction((t) => {
    const c = [...window.parley.conversations.values()].find((x) => x.summary.title === t);
    return c?.readSeq >= 2 && c.summary.unreadCount === 0;
  }, title, { timeout: TIMEOUT });
  assert.equal(await e2e.bubble(alice, first).getAttribute('data-status'), 'sent');
  assert.equal(await e2e.bubble(alice, second).getAttribute('data-status'), 'sent');
  await alice.screenshot({ path: join(e2e.screenshots, 'desktop-large-group.png') });

  // A large group's members are not told of a settings change: bob's composer is still on when alice makes
  // it an announcement group. His post is refused with the server's reason, and his composer goes off.
  await openPanel(alice);
  await panel(alice).getByLabel('Announcement group: only admins can send messages').check();
  await panel(alice).locator('#group-panel-status', { hasText: 'Only admins can send messages now.' }).waitFor({ timeout: TIMEOUT });
  await closePanel(alice);
  assert.equal(await bob.getByLabel('Message', { exact: true }).isDisabled(), false, 'bob has not heard of it');
  const refused = `may I say something ${run}`;
  await e2e.send(bob, refused);
  await bob.locator('#composer-error', { hasText: `Your message “${refused}” was not sent: Only admins post in conversation` })
    .waitFor({ timeout: TIMEOUT });
  await bob.locator('#composer-blocked', { hasText: 'Only admins can send messages in this announcement group.' })
    .waitFor({ timeout: TIMEOUT });
  assert.equal(await bob.getByLabel('Message', { exact: true }).isDisabled(), true);
  assert.equal(await e2e.bubble(bob, refused).count(), 0, 'no bubble left pending');
  await bob.screenshot({ path: join(e2e.screenshots, 'phone-announcement-refused.png') });

  // alice hands the group over to bob (after the browser's confirmation): he is told (roleChanged reaches the
  // user concerned, even in a large group), and as its owner may post again; she stays an admin.
  await openPanel(alice);
  await alice.waitForFunction(() => document.querySelectorAll('#member-list li').length === 50, null, { timeout: TIMEOUT });
  await panel(alice).getByRole('button', { name: 'Load more members' }).click();
  alice.once('dialog', (dialog) => dialog.accept());
  await memberRow(alice, 'bob').getByRole('button', { name: 'Hand the group over to bob' }).click();
  await memberRow(alice, 'bob').locator('.role-tag', { hasText: 'Owner' }).waitFor({ timeout: TIMEOUT });
  await memberRow(alice, 'alice (you)').locator('.role-tag', { hasText: 'Admin' }).waitFor({ timeout: TIMEOUT });
  await panel(alice).locator('#group-panel-summary', { hasText: 'you are an admin' }).waitFor({ timeout: TIMEOUT });
  assert.equal(await panel(alice).getByRole('button', { name: /^Make .* an admin$/ }).count(), 0, 'only the new owner gives roles');
  await closePanel(alice);
  await bob.locator('#composer-blocked').waitFor({ state: 'hidden', timeout: TIMEOUT });
  assert.equal(await bob.getByLabel('Message', { exact: true }).isDisabled(), false);
});
