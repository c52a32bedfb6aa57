// The group panel's invite links, for admins: create one (expiry and number of uses, as createInvite
// allows), show it once to copy (the server keeps only a hash of its secret), list them with their state
// a page at a time, revoke one.

import { inviteLink, inviteState } from '../app/group-rules.js';
import { logFailure } from '../app/log.js';
import { errorText } from '../protocol/errors.js';
import { byId, h, shortTime } from './dom.js';

/**
 * @param {import('../app/chat.js').ChatClient} chat
 * @param {{run: (action: () => Promise<void>, done: string) => Promise<boolean>, conversationId: () => string | null}} panel
 */
export function inviteSection(chat, { run, conversationId }) {
  const section = byId('invite-section');
  const form = byId('create-invite-form');
  const expiry = byId('invite-expiry');
  const maxUses = byId('invite-max-uses');
  const fresh = byId('new-invite');
  const freshLink = byId('new-invite-link');
  const list = byId('invite-list');
  const more = byId('more-invites');
  /** @type {import('../app/pages.js').PagedList<any> | null} */
  let invites = null;

  async function load() {
    if (!invites || invites.complete || invites.loading) return;
    const asked = invites;
    try {
      await asked.loadMore();
    } catch (problem) {
      list.replaceChildren(h('li', { className: 'error' }, `Could not list the invite links: ${errorText(problem)}`));
      return;
    }
    if (asked === invites) renderList();
  }

  function describe(invite, state) {
    const parts = [`made by ${chat.nameOf(invite.createdBy)}`];
    parts.push(`${invite.uses} of ${invite.maxUses.toLocaleString('en')} uses`);
    if (state === 'active' || state === 'used up') parts.push(`expires ${shortTime(invite.expiresAt)}`);
    if (state === 'expired') parts.push(`expired ${shortTime(invite.expiresAt)}`);
    return parts.join(' · ');
  }

  function renderList() {
    if (!invites) return;
    const now = Date.now();
    list.replaceChildren(...invites.items.map((invite) => {
      const state = inviteState(invite, now);
      return h('li', { className: 'invite', 'data-invite-id': invite.inviteId, 'data-state': state },
        h('span', { className: 'invite-state', 'data-state': state }, state),
        h('span', { className: 'invite-text' }, describe(invite, state)),
        invite.revoked ? null : h('button', {
          type: 'button', className: 'ghost small-button', 'aria-label': `Revoke the invite link ${describe(invite, state)}`,
          onclick: () => revoke(invite),
        }, 'Revoke'));
    }));
    if (invites.complete && invites.items.length === 0) list.replaceChildren(h('li', { className: 'muted small' }, 'No invite links yet.'));
    more.hidden = invites.complete;
  }

  async function revoke(invite) {
    const id = conversationId();
    if (await run(() => chat.groups.revokeInvite(id, invite.inviteId), 'The invite link was revoked: it admits nobody now.')) {
      invites.upsert({ ...invite, revoked: true });
    }
    renderList();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = conversationId();
    const options = { expiresInSeconds: Number(expiry.value) };
    if (maxUses.value.trim() !== '') {
      const uses = Number(maxUses.value);
      if (!Number.isInteger(uses) || uses < 1 || uses > 10_000) {
        await run(() => Promise.reject(new Error('Uses must be a whole number from 1 to 10,000 (empty: 10,000).')), '');
        return;
      }
      options.maxUses = uses;
    }
    let created = null;
    await run(async () => {
      created = await chat.groups.createInvite(id, options);
    }, 'Invite link created. Copy it now: it cannot be shown again.');
    if (!created) return;
    fresh.hidden = false;
    freshLink.value = inviteLink(location.href.split('#')[0], created.token);
    invites.upsert({
      inviteId: created.inviteId, createdBy: chat.me.userId, createdAt: Date.now(), expiresAt: created.expiresAt,
      maxUses: created.maxUses, uses: 0, revoked: false,
    });
    renderList();
    freshLink.focus();
    freshLink.select();
  });

  byId('copy-invite').addEventListener('click', () => {
    freshLink.select();
    navigator.clipboard?.writeText(freshLink.value)
      .then(() => run(async () => {}, 'The invite link is copied.'))
      .catch(logFailure('copying the invite link (it stays selected to copy by hand)'));
  });
  more.addEventListener('click', () => load());

  return {
    /** A new group in the panel: nothing read yet, no link shown. */
    reset() {
      const id = conversationId();
      invites = id ? chat.groups.invites(id) : null;
      fresh.hidden = true;
      freshLink.value = '';
      maxUses.value = '';
      list.replaceChildren();
      more.hidden = true;
    },
    /** Shown to admins only; read once the user is one (a member made admin while the panel is open too). */
    render(manage) {
      section.hidden = !manage;
      if (manage) load().catch(logFailure('listing the invite links'));
    },
    load,
  };
}
