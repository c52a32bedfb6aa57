// The group panel: who is in the group and their roles, read a page at a time ("Load more members"), and,
// for admins, adding and removing members, roles (where the server lets this user give them), the title
// and announcement mode. Invite links: invite-section.js. Every refusal shows the server's sentence.

import { LARGE_GROUP_NOTE, memberActions, permissions, ROLE_LABELS, groupSubtitle } from '../app/group-rules.js';
import { logFailure } from '../app/log.js';
import { errorText } from '../protocol/errors.js';
import { byId, h } from './dom.js';
import { inviteSection } from './invite-section.js';

const YOUR_ROLE = { owner: 'you are the owner', admin: 'you are an admin', member: 'you are a member' };

/** @param {import('../app/chat.js').ChatClient} chat */
export function groupPanel(chat) {
  const dialog = byId('group-panel');
  const heading = byId('group-panel-title');
  const summaryLine = byId('group-panel-summary');
  const note = byId('group-panel-note');
  const error = byId('group-panel-error');
  const status = byId('group-panel-status');
  const settings = byId('group-settings');
  const titleForm = byId('group-title-form');
  const titleInput = byId('group-title-input');
  const announcement = byId('group-announcement');
  const addForm = byId('add-members-form');
  const addInput = byId('add-members-input');
  const list = byId('member-list');
  const memberStatus = byId('member-status');
  const more = byId('more-members');
  /** @type {string | null} */
  let conversationId = null;
  /** @type {import('../app/pages.js').PagedList<{userId: string, role: string}> | null} */
  let members = null;
  let opener = null;
  /** The announcement mode the user just asked for, until the server answers; null otherwise. */
  let postPolicyAsked = null;

  /**
   * Runs one change the user asked for: the error line is cleared first and shows the refusal if any;
   * `done` goes to the panel's own live region on success (the page's announcer is inert behind a modal).
   */
  async function run(action, done) {
    error.textContent = '';
    status.textContent = '';
    try {
      await action();
      status.textContent = done;
      return true;
    } catch (problem) {
      error.textContent = errorText(problem);
      return false;
    }
  }

  const invites = inviteSection(chat, { run, conversationId: () => conversationId });

  function summary() {
    return conversationId ? chat.conversations.get(conversationId)?.summary : undefined;
  }

  function may() {
    const ownerless = Boolean(members?.complete) && !members.items.some((m) => m.role === 'owner');
    return permissions(summary(), { ownerless });
  }

  async function loadMembers() {
    if (!members || members.complete) return;
    const asked = members;
    memberStatus.textContent = 'Loading members…';
    try {
      await asked.loadMore();
      memberStatus.textContent = '';
    } catch (problem) {
      memberStatus.textContent = `Could not load the members: ${errorText(problem)}`;
    }
    if (asked === members) renderMembers();
  }

  function renderHead() {
    const s = summary();
    if (!s) return;
    heading.textContent = chat.title(chat.conversations.get(conversationId));
    summaryLine.textContent = `${groupSubtitle(s)} · ${YOUR_ROLE[s.role] ?? ''}`;
    note.hidden = s.tier !== 'large';
    note.textContent = LARGE_GROUP_NOTE;
    const rights = may();
    settings.hidden = !rights.manage;
    addForm.hidden = !rights.manage;
    // While a change of mode is on its way, the box shows what the user asked for: a re-render for any other
    // reason (a message, an activity event) must not flip it back before the server answers.
    announcement.checked = postPolicyAsked ?? s.postPolicy === 'admins';
    invites.render(rights.manage);
  }

  function memberRow(member, rights) {
    const name = chat.nameOf(member.userId);
    const me = member.userId === chat.me.userId;
    const actions = memberActions(member, chat.me.userId, rights);
    const button = (action, text, label, onClick) => h('button', {
      type: 'button', className: 'ghost small-button', 'data-action': action, 'aria-label': label, onclick: onClick,
    }, text);
    return h('li', { className: 'member', 'data-user-id': member.userId, 'data-role': member.role },
      h('span', { className: 'member-name' }, me ? `${name} (you)` : name),
      h('span', { className: 'role-tag', 'data-role': member.role }, ROLE_LABELS[member.role] ?? member.role),
      h('span', { className: 'member-actions' },
        actions.makeAdmin ? button('make-admin', 'Make admin', `Make ${name} an admin`, () => changeRole(member, 'admin')) : null,
        actions.makeMember ? button('make-member', 'Make member', `Make ${name} a member (not an admin)`,
          () => changeRole(member, 'member')) : null,
        actions.makeOwner ? button('make-owner', 'Make owner', `Hand the group over to ${name}`, () => handOver(member)) : null,
        actions.remove ? button('remove', 'Remove', `Remove ${name} from the group`, () => remove(member)) : null));
  }

  /** Rebuilds the list, keeping the keyboard focus on the same row (or the list) across the rebuild. */
  function renderMembers() {
    if (!members) return;
    const focused = list.contains(document.activeElement) ? document.activeElement : null;
    const focusedRow = focused?.closest('li');
    const index = [...list.children].indexOf(focusedRow);
    const rights = may();
    list.replaceChildren(...members.items.map((m) => memberRow(m, rights)));
    more.hidden = members.complete || members.items.length === 0;
    if (focused) {
      // The same row's button, else (the row was removed) the row that took its place, else the heading.
      const row = [...list.children].find((li) => li.dataset.userId === focusedRow.dataset.userId)
        ?? list.children[Math.min(index, list.children.length - 1)];
      const target = row?.querySelector(`[data-action="${focused.dataset.action}"]`) ?? row?.querySelector('button');
      (target ?? heading).focus();
    }
    renderHead(); // whether roles may be given can depend on the whole list (a group without owner)
  }

  async function changeRole(member, role) {
    const name = chat.nameOf(member.userId);
    const shown = members;
    const done = await run(() => chat.groups.setRole(conversationId, member.userId, role),
      `${name} is now ${role === 'admin' ? 'an admin' : 'a member'}.`);
    if (shown !== members) return; // the panel was closed or shows another group meanwhile
    if (done) members.upsert({ userId: member.userId, role });
    renderMembers();
  }

  /** The owner hands the group over (setRole "owner"): the new owner is an admin too, the old one stays an admin. */
  async function handOver(member) {
    const name = chat.nameOf(member.userId);
    if (!window.confirm(`Hand “${heading.textContent}” over to ${name}? You stay an admin; only ${name} can then give roles.`)) return;
    const shown = members;
    const done = await run(() => chat.groups.setRole(conversationId, member.userId, 'owner'), `${name} owns the group now.`);
    if (shown !== members) return;
    if (done) {
      members.upsert({ userId: member.userId, role: 'owner' });
      members.upsert({ userId: chat.me.userId, role: 'admin' });
    }
    renderMembers();
  }

  async function remove(member) {
    const name = chat.nameOf(member.userId);
    const shown = members;
    const done = await run(() => chat.groups.removeMember(conversationId, member.userId), `${name} was removed.`);
    if (shown !== members) return;
    if (done) members.remove(member.userId);
    renderMembers();
  }

  addForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    let added = [];
    const shown = members;
    const ok = await run(async () => {
      added = await chat.groups.addMembers(conversationId, addInput.value);
    }, 'Members added.');
    if (shown !== members) return;
    if (ok) {
      for (const userId of added) members.upsert({ userId, role: 'member' });
      addInput.value = '';
      renderMembers();
    } else {
      members.reset(); // some requests may have gone through before the refusal: read the list again
      await loadMembers();
    }
  });

  titleForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const title = titleInput.value.trim();
    if (!title) {
      error.textContent = 'A group name cannot be blank.';
      return;
    }
    await run(() => chat.groups.updateGroup(conversationId, { title }), `The group is now called ${title}.`);
  });

  announcement.addEventListener('change', async () => {
    const on = announcement.checked;
    postPolicyAsked = on;
    let ok;
    try {
      ok = await run(() => chat.groups.updateGroup(conversationId, { postPolicy: on ? 'admins' : 'everyone' }),
        on ? 'Only admins can send messages now.' : 'Everyone can send messages now.');
    } finally {
      postPolicyAsked = null;
    }
    if (!ok) announcement.checked = !on;
  });

  byId('leave-group').addEventListener('click', async () => {
    const s = summary();
    const warning = s.role === 'owner' ? ' The group will have no owner: its admins will run it.' : '';
    // The browser's own confirmation: accessible everywhere, and leaving takes a new invite to undo.
    if (!window.confirm(`Leave “${heading.textContent}”? To come back you need a new invite.${warning}`)) return;
    await run(() => chat.groups.leave(conversationId), 'You left the group.'); // the panel closes once it is gone
  });
  more.addEventListener('click', () => loadMembers());
  byId('group-panel-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    conversationId = null;
    members = null;
    if (opener?.isConnected) opener.focus();
  });

  chat.subscribe((change) => {
    if (!conversationId || !dialog.open) return;
    if (!chat.conversations.has(conversationId)) { // removed from the group meanwhile
      dialog.close();
      return;
    }
    if (change.what === 'conversations') renderHead();
    if (change.what === 'members' && change.conversationId === conversationId) {
      members.reset(); // someone else changed the membership or roles: read it again
      loadMembers().catch(logFailure('reading the members again'));
    }
  });

  return {
    /** Opens the panel for a group and reads its first page of members (and, for admins, of invite links). */
    async show(id) {
      conversationId = id;
      opener = document.activeElement;
      members = chat.groups.members(id);
      error.textContent = '';
      status.textContent = '';
      addInput.value = '';
      titleInput.value = summary()?.title ?? '';
      list.replaceChildren();
      more.hidden = true;
      invites.reset();
      renderHead();
      dialog.showModal();
      await loadMembers();
    },
  };
}
