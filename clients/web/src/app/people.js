// The people a user chats with: names (learnt from findUsers and from listMembers pages, which name
// the members the server knows, and kept in the store) and presence. No DOM here.

import { MAX_FIND_USERS } from '../protocol/limits.js';
import { logFailure } from './log.js';

export class People {
  /**
   * @param {{connection: {request: (action: string, fields?: object) => Promise<any>}, store: any,
   *          me: {userId: string, username: string}, knownUsernames?: string[]}} options
   */
  constructor({ connection, store, me, knownUsernames = [] }) {
    Object.assign(this, { connection, store, me, knownUsernames });
    /** @type {Map<string, string>} userId -> username */
    this.names = new Map([[me.userId, me.username]]);
    /** @type {Map<string, {status: string, lastSeenAt?: number}>} */
    this.presence = new Map();
  }

  async load() {
    for (const [userId, username] of Object.entries((await this.store.getMeta('names')) ?? {})) {
      this.names.set(userId, username);
    }
  }

  nameOf(userId) {
    return this.names.get(userId) ?? `user ${userId.slice(0, 8)}`;
  }

  async find(usernames) {
    const reply = await this.connection.request('findUsers', { usernames: usernames.slice(0, MAX_FIND_USERS) });
    for (const user of reply.users) this.names.set(user.userId, user.username);
    await this.store.setMeta('names', Object.fromEntries(this.names));
    return reply.users;
  }

  /**
   * The names a listMembers page carries (a member the server knows no name of has none); kept only when new.
   * @param {{userId: string, username?: string}[]} members
   */
  async learn(members) {
    const named = members.filter((m) => m.username && this.names.get(m.userId) !== m.username);
    if (named.length === 0) return;
    for (const m of named) this.names.set(m.userId, m.username);
    await this.store.setMeta('names', Object.fromEntries(this.names));
  }

  /** Names for the members we know no name of. @returns {Promise<boolean>} whether it asked */
  async resolve() {
    const wanted = this.knownUsernames.filter((name) => ![...this.names.values()].includes(name));
    if (wanted.length === 0) return false;
    await this.find(wanted).catch(logFailure(`finding the users ${wanted.join(', ')}`));
    return true;
  }

  /** @param {string[]} userIds @returns {Promise<boolean>} whether it asked */
  async refreshPresence(userIds) {
    const others = [...new Set(userIds)].filter((id) => id !== this.me.userId).slice(0, 50);
    if (others.length === 0) return false;
    const reply = await this.connection.request('getPresence', { userIds: others }).catch(logFailure('getPresence'));
    for (const p of reply?.presence ?? []) this.setPresence(p);
    return true;
  }

  setPresence(event) {
    this.presence.set(event.userId, { status: event.status, lastSeenAt: event.lastSeenAt });
  }
}
