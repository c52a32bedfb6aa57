// The conversation list: one button per conversation with name, presence dot (direct) or a large
// group's size, last message (or "New messages" when a large group announced some), time and unread badge. Arrow keys, Home and End move between entries; Enter or Space opens.

import { byId, h, shortTime } from './dom.js';
import { previewText } from './media-view.js';

/**
 * @param {import('../app/chat.js').ChatClient} chat
 * @param {{onOpen: (conversationId: string) => void}} handlers
 */
export function conversationListView(chat, { onOpen }) {
  const list = byId('conversation-list');
  const empty = byId('empty-list');

  list.addEventListener('keydown', (event) => {
    const buttons = [...list.querySelectorAll('button.conversation')];
    const index = buttons.indexOf(document.activeElement);
    const target = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (target === undefined || buttons.length === 0) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, target))].focus();
  });

  // One delegated handler: an entry's button is reused across renders, and so is this handler.
  list.addEventListener('click', (event) => {
    const button = event.target.closest?.('button.conversation');
    if (button && list.contains(button)) onOpen(button.dataset.id);
  });

  /** @type {Map<string, HTMLLIElement>} one entry per conversation, kept across renders */
  const entries = new Map();

  function entryFor(id) {
    let item = entries.get(id);
    if (!item) {
      const dot = h('span', { className: 'presence-dot' });
      const avatar = h('span', { className: 'avatar', 'aria-hidden': 'true' }, h('span', { className: 'initial' }), dot);
      const button = h('button', { type: 'button', className: 'conversation', 'data-id': id },
        avatar, h('span', { className: 'name' }), h('span', { className: 'time' }),
        h('span', { className: 'last' }, h('span', { className: 'size', 'data-testid': 'size' }), h('span', { className: 'last-text' })),
        h('span', { className: 'badge', 'data-testid': 'unread' }));
      item = h('li', {}, button);
      entries.set(id, item);
    }
    return item;
  }

  /** Sets what changed only, so an entry under the pointer or the keyboard focus stays the same element. */
  function fill(item, conversation) {
    const id = conversation.conversationId;
    const title = chat.title(conversation);
    const peer = chat.peer(conversation);
    const presence = peer ? chat.presence.get(peer)?.status ?? 'unknown' : undefined;
    const unread = conversation.summary.unreadCount;
    const last = conversation.last;
    const activity = chat.hasNewActivity(id);
    const lastText = activity ? 'New messages'
      : last ? `${last.senderId === chat.me.userId ? 'You: ' : ''}${previewText(last) ?? '(encrypted)'}` : 'No messages yet';
    const large = conversation.summary.tier === 'large';
    const size = large ? `${conversation.summary.memberCount.toLocaleString('en')} members` : '';
    const label = [title, large ? `large group of ${size}` : null, presence === 'online' ? 'online' : null,
      unread > 0 ? `${unread} unread` : null, lastText].filter(Boolean).join(', ');
    const button = item.firstElementChild;
    setAttribute(button, 'aria-label', label);
    setAttribute(button, 'aria-current', chat.openId === id ? 'true' : null);
    setText(button.querySelector('.initial'), title.slice(0, 1).toUpperCase());
    const dot = button.querySelector('.presence-dot');
    dot.hidden = !presence;
    setAttribute(dot, 'data-status', presence ?? null);
    setText(button.querySelector('.name'), title);
    const sizeTag = button.querySelector('.size');
    sizeTag.hidden = !large;
    setText(sizeTag, size);
    setText(button.querySelector('.time'), conversation.summary.lastActivityAt ? shortTime(conversation.summary.lastActivityAt) : '');
    setText(button.querySelector('.last-text'), lastText);
    button.querySelector('.last').classList.toggle('activity', activity);
    const badge = button.querySelector('.badge');
    badge.hidden = unread <= 0;
    setText(badge, unread > 0 ? String(unread) : '');
  }

  function render() {
    const conversations = chat.conversationList();
    empty.hidden = conversations.length > 0;
    const wanted = new Set(conversations.map((c) => c.conversationId));
    for (const [id, item] of entries) {
      if (!wanted.has(id)) {
        item.remove();
        entries.delete(id);
      }
    }
    let previous = null;
    for (const conversation of conversations) {
      const item = entryFor(conversation.conversationId);
      fill(item, conversation);
      const expected = previous ? previous.nextSibling : list.firstChild;
      if (item !== expected) list.insertBefore(item, expected); // moves only entries whose place changed
      previous = item;
    }
  }

  return { render, focus: (id) => (list.querySelector(`[data-id="${id}"]`) ?? list.querySelector('button'))?.focus() };
}

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

function setAttribute(element, name, value) {
  if (value === null) element.removeAttribute(name);
  else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
