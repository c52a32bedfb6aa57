// A list the server hands out in pages ordered by a key (listMembers by user id, listInvites by invite id),
// read a page at a time on request ("Load more"), and kept right when this user changes an entry. No DOM.

/**
 * @template T
 */
export class PagedList {
  /**
   * @param {{fetchPage: (after: any) => Promise<{items: T[], hasMore: boolean}>, keyOf: (item: T) => any}} options
   *        fetchPage: the page after the key `after` (undefined: the first page)
   */
  constructor({ fetchPage, keyOf }) {
    Object.assign(this, { fetchPage, keyOf });
    /** @type {T[]} in the server's order */
    this.items = [];
    /** Whether the server has entries after the last one held; true until the first page says. */
    this.hasMore = true;
    /** @type {Promise<void> | null} */
    this.loading = null;
    /** Bumped by reset, so a page asked for before it is dropped when it arrives. */
    this.generation = 0;
  }

  /** Whether every entry has been read. */
  get complete() { return !this.hasMore; }

  /** Reads the next page; a call while one is on its way shares it. Rejects with the request's error. */
  loadMore() {
    if (this.loading) return this.loading;
    if (!this.hasMore) return Promise.resolve();
    const generation = this.generation;
    const last = this.items.at(-1);
    this.loading = this.fetchPage(last === undefined ? undefined : this.keyOf(last)).then((page) => {
      if (generation !== this.generation) return;
      const held = new Set(this.items.map(this.keyOf));
      this.items.push(...page.items.filter((item) => !held.has(this.keyOf(item))));
      this.hasMore = page.hasMore;
    }).finally(() => {
      if (generation === this.generation) this.loading = null;
    });
    return this.loading;
  }

  /** Forgets what was read: the next loadMore reads the first page again. */
  reset() {
    this.generation += 1;
    this.items = [];
    this.hasMore = true;
    this.loading = null;
  }

  /**
   * An entry this user added or changed. Replaced where it is; a new one is placed by key if it falls
   * among the entries read so far, and otherwise left for the page that will bring it.
   * @param {T} item
   */
  upsert(item) {
    const key = this.keyOf(item);
    const at = this.items.findIndex((i) => this.keyOf(i) === key);
    if (at >= 0) {
      this.items[at] = item;
      return;
    }
    const after = this.items.findIndex((i) => this.keyOf(i) > key);
    if (after >= 0) this.items.splice(after, 0, item);
    else if (this.complete) this.items.push(item);
  }

  /** An entry this user removed. */
  remove(key) {
    this.items = this.items.filter((i) => this.keyOf(i) !== key);
  }
}
