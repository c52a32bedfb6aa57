// What a group lets this user see and do, read from the server's summary (docs/protocol.md "Tiers" and
// "Roles"), and the invite link format. Pure: no DOM, no socket, so the UI never guesses from counts.

/** A group's role names, as the member list shows them. */
export const ROLE_LABELS = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** An invite token (createInvite's reply): `conversationId.inviteId.secret`, the secret 32 bytes in base64url. */
const TOKEN = /(g_[0-9a-f]{32}\.[1-9][0-9]{0,15}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;
/** Where a shared link carries the token: in the fragment, which browsers never send to a server. */
const LINK_KEY = 'invite=';

/**
 * What the user may do in a conversation. `setRoles` is the owner's, or any admin's once the group has no
 * owner (it left); `ownerless` is known only once the whole member list was read, so it is false until then.
 * @param {{kind: string, role?: string, postPolicy?: string}} summary
 * @param {{ownerless?: boolean}} [members]
 */
export function permissions(summary, { ownerless = false } = {}) {
  const group = summary.kind === 'group';
  const admin = group && (summary.role === 'admin' || summary.role === 'owner');
  return {
    manage: admin, // addMembers, removeMembers, updateGroup, invites
    setRoles: group && (summary.role === 'owner' || (admin && ownerless)),
    handOver: group && summary.role === 'owner', // setRole "owner"
    post: !(group && summary.postPolicy === 'admins' && !admin),
  };
}

/** Why the composer is off, or null when the user may post. */
export function postBlockedReason(summary) {
  return permissions(summary).post ? null : 'Only admins can send messages in this announcement group.';
}

/**
 * The chat header's line for a group: members, the tier when it changes what the user sees, announcement mode.
 * @param {{memberCount: number, tier?: string, postPolicy?: string}} summary
 */
export function groupSubtitle(summary) {
  const parts = [`${summary.memberCount.toLocaleString('en')} ${summary.memberCount === 1 ? 'member' : 'members'}`];
  if (summary.tier === 'large') parts.push('large group');
  if (summary.postPolicy === 'admins') parts.push('announcements');
  return parts.join(' · ');
}

/** What a large group does not have, said once where the user looks for it (the group panel). */
export const LARGE_GROUP_NOTE = 'A large group has no per-member read receipts or typing: your messages show one tick once stored and how many have read them, '
  + 'and new messages arrive live only while the chat is open.';

/**
 * Which member may be given which role by this user, and who may be removed. The owner's row is never
 * changed here (it leaves or hands over), and nobody changes their own row (leaving is another action).
 * @param {{userId: string, role: string}} member
 * @param {string} me
 * @param {ReturnType<typeof permissions>} may
 * @returns {{makeAdmin: boolean, makeMember: boolean, makeOwner: boolean, remove: boolean}}
 */
export function memberActions(member, me, may) {
  const other = member.userId !== me && member.role !== 'owner';
  return {
    makeAdmin: other && may.setRoles && member.role === 'member',
    makeMember: other && may.setRoles && member.role === 'admin',
    makeOwner: other && may.handOver,
    remove: other && may.manage,
  };
}

/**
 * The token in what the user pasted: a link made by `inviteLink`, any text holding a token, or the token.
 * @returns {string | null}
 */
export function parseInvite(text) {
  return TOKEN.exec(String(text ?? '').trim())?.[1] ?? null;
}

/** A link to this client that opens the join dialog with the token (see `inviteFromLocation`). */
export function inviteLink(appUrl, token) {
  const url = new URL(appUrl);
  url.hash = LINK_KEY + token;
  return url.toString();
}

/** The token of a link this client was opened with, or null. @param {string} hash `location.hash` */
export function inviteFromLocation(hash) {
  return hash.startsWith(`#${LINK_KEY}`) ? parseInvite(hash.slice(LINK_KEY.length + 1)) : null;
}

/**
 * An invite as listInvites describes it: `active` while it admits (as far as the list can tell: a link also
 * ends when its creator stops being an admin, which the server checks on join).
 * @param {{revoked: boolean, expiresAt: number, uses: number, maxUses: number}} invite
 * @returns {'revoked' | 'expired' | 'used up' | 'active'}
 */
export function inviteState(invite, now) {
  if (invite.revoked) return 'revoked';
  if (invite.expiresAt <= now) return 'expired';
  if (invite.uses >= invite.maxUses) return 'used up';
  return 'active';
}

/** A user id (the Cognito `sub`, a UUID), which the add form takes beside usernames. */
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What was typed in "Add members": usernames to resolve with findUsers and user ids taken as they are.
 * @returns {{usernames: string[], userIds: string[]}}
 */
export function splitPeople(text) {
  const entries = [...new Set(String(text ?? '').split(/[,\s]+/).map((e) => e.trim()).filter(Boolean))];
  return {
    userIds: entries.filter((e) => USER_ID.test(e)).map((e) => e.toLowerCase()),
    usernames: entries.filter((e) => !USER_ID.test(e)),
  };
}

/** Splits `items` into runs of at most `size`: the protocol caps findUsers at 25 names and addMembers at 99 ids. */
export function chunks(items, size) {
  const runs = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}
