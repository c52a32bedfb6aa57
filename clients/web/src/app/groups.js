// The group actions the UI calls (docs/protocol.md "Roles", "Invite links"): members and invites read in
// pages, membership, roles, title and announcement mode, invite links, joining by one. Every reply's
// summary goes back to the chat model, so the list, header and composer follow. No DOM here.

import { MAX_ADD_MEMBERS, MAX_FIND_USERS, MEMBERS_PAGE_SIZE } from '../protocol/limits.js';
import { chunks, parseInvite, splitPeople } from './group-rules.js';
import { PagedList } from './pages.js';

export class Groups {
  /**
   * @param {{connection: {request: (action: string, fields?: object) => Promise<any>},
   *          people: import('./people.js').People,
   *          applySummary: (summary: any) => Promise<void>,
   *          joined: (summary: any) => Promise<void>, left: (conversationId: string) => Promise<void>}} options
   *        applySummary: a reply's conversation after a change; joined: the conversation joined by an invite;
   *        left: a group this user left
   */
  constructor({ connection, people, applySummary, joined, left }) {
    Object.assign(this, { connection, people, applySummary, joined, left });
  }

  /** A group's members with their roles, a page at a time, ordered by user id; the names a page carries are learnt. */
  members(conversationId) {
    return new PagedList({
      keyOf: (m) => m.userId,
      fetchPage: async (afterUserId) => {
        const reply = await this.connection.request('listMembers',
          { conversationId, limit: MEMBERS_PAGE_SIZE, ...(afterUserId ? { afterUserId } : {}) });
        await this.people.learn(reply.members);
        return { items: reply.members.map(({ userId, role }) => ({ userId, role })), hasMore: reply.hasMore };
      },
    });
  }

  /** A group's invite links (admins only), a page at a time, ordered by invite id. */
  invites(conversationId) {
    return new PagedList({
      keyOf: (i) => i.inviteId,
      fetchPage: async (afterInviteId) => {
        const reply = await this.connection.request('listInvites',
          { conversationId, ...(afterInviteId ? { afterInviteId } : {}) });
        return { items: reply.invites, hasMore: reply.hasMore };
      },
    });
  }

  /**
   * Adds what was typed: usernames (found with findUsers, 25 a request) and user ids. Nothing is added when
   * a name is unknown. The ids go in requests of at most 99, each all or nothing, in order: when one is
   * refused, the error says how many were added before it.
   * @returns {Promise<string[]>} the user ids added
   */
  async addMembers(conversationId, text) {
    const { usernames, userIds } = splitPeople(text);
    if (usernames.length === 0 && userIds.length === 0) throw new Error('Enter at least one username.');
    const found = [];
    for (const names of chunks(usernames, MAX_FIND_USERS)) found.push(...await this.people.find(names));
    const missing = usernames.filter((name) => !found.some((u) => u.username === name));
    if (missing.length > 0) throw new Error(`No user named ${missing.map((m) => `"${m}"`).join(', ')}.`);
    const ids = [...new Set([...found.map((u) => u.userId), ...userIds])];
    const added = [];
    for (const run of chunks(ids, MAX_ADD_MEMBERS)) {
      try {
        const reply = await this.connection.request('addMembers', { conversationId, userIds: run });
        added.push(...run);
        await this.applySummary(reply.conversation);
      } catch (error) {
        if (added.length > 0) error.reason = `${added.length} added, then: ${error.reason ?? error.message}`;
        throw error;
      }
    }
    return added;
  }

  async removeMember(conversationId, userId) {
    const reply = await this.connection.request('removeMembers', { conversationId, userIds: [userId] });
    await this.applySummary(reply.conversation);
  }

  /** @param {'admin' | 'member' | 'owner'} role `owner` hands the group over; the caller stays an admin */
  async setRole(conversationId, userId, role) {
    const reply = await this.connection.request('setRole', { conversationId, userId, role });
    await this.applySummary(reply.conversation);
  }

  /** @param {{title?: string, postPolicy?: 'everyone' | 'admins'}} change */
  async updateGroup(conversationId, change) {
    const reply = await this.connection.request('updateGroup', { conversationId, ...change });
    await this.applySummary(reply.conversation);
  }

  /**
   * @param {{expiresInSeconds?: number, maxUses?: number}} options absent: the server's defaults (7 days, 10,000 uses)
   * @returns {Promise<{token: string, inviteId: number, expiresAt: number, maxUses: number}>}
   */
  async createInvite(conversationId, options = {}) {
    const { type, requestId, ...invite } = await this.connection.request('createInvite', { conversationId, ...options });
    return invite;
  }

  async revokeInvite(conversationId, inviteId) {
    await this.connection.request('revokeInvite', { conversationId, inviteId });
  }

  /** Leaves a group: the owner too (the group then has no owner, docs/protocol.md "Roles"). */
  async leave(conversationId) {
    await this.connection.request('leaveConversation', { conversationId });
    await this.left(conversationId);
  }

  /**
   * Joins the group a pasted link or code names.
   * @returns {Promise<string>} its conversation id
   */
  async join(text) {
    const token = parseInvite(text);
    if (!token) throw new Error('That is not an invite link or code: paste the whole link an admin shared.');
    const reply = await this.connection.request('joinByInvite', { token });
    await this.joined(reply.conversation);
    return reply.conversation.conversationId;
  }
}
