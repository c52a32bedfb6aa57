// The open conversation: messages with ticks, paging back when scrolled to the top, the typing
// line, and the composer (Enter sends, Shift+Enter is a new line, Escape goes back), off with its reason
// where the user may not post. Images: media-view.js. A group's members and settings: group-panel.js.

import { groupSubtitle, postBlockedReason } from '../app/group-rules.js';
import { errorText } from '../protocol/errors.js';
import { TYPING_REFRESH_MS } from '../protocol/limits.js';
import { byId, h, shortTime } from './dom.js';
import { mediaView, previewText } from './media-view.js';
import { ticks } from './ticks.js';

/**
 * What the user is told when the server refused a message: which one (its text is gone from the composer)
 * and the server's reason.
 * @param {import('../app/chat.js').Change} change
 */
export function notSentText(change) {
  const text = change.text ? ` “${change.text.length > 60 ? `${change.text.slice(0, 60)}…` : change.text}”` : '';
  return `Your message${text} was not sent: ${errorText(change.error)}`;
}

/**
 * @param {import('../app/chat.js').ChatClient} chat
 * @param {{onBack: () => void, announce: (text: string) => void, onGroupInfo: (conversationId: string) => void}} handlers
 */
export function chatView(chat, { onBack, announce, onGroupInfo }) {
  const title = byId('chat-title');
  const subtitle = byId('chat-subtitle');
  const scroller = byId('message-scroller');
  const list = byId('message-list');
  const historyStatus = byId('history-status');
  const typingLine = byId('typing');
  const composer = byId('composer');
  const input = byId('composer-input');
  const sendButton = byId('send');
  const attach = byId('attach-input');
  const blocked = byId('composer-blocked');
  const groupInfo = byId('group-info');
  let loadingOlder = false;
  let typingTimer = null;
  const media = mediaView(chat, { announce, focusComposer: () => input.focus() });

  byId('back').addEventListener('click', onBack);
  groupInfo.addEventListener('click', () => onGroupInfo(chat.openId));
  scroller.addEventListener('scroll', () => {
    if (scroller.scrollTop < 48) loadOlder();
  });

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onBack();
    }
  });
  input.addEventListener('input', () => {
    autosize();
    const id = chat.openId;
    if (input.value.trim() === '') {
      chat.typing(id, false);
      return;
    }
    chat.typing(id, true);
    // Keep refreshing while the user goes on typing; stop when they pause for a refresh period.
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => chat.typing(id, false), TYPING_REFRESH_MS + 500);
  });
  input.addEventListener('blur', () => chat.typing(chat.openId, false));

  function autosize() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 128)}px`;
  }

  function send() {
    const text = input.value.trim();
    const id = chat.openId;
    if (!text || !id) return;
    clearTimeout(typingTimer);
    input.value = '';
    autosize();
    chat.send(id, text).catch((error) => announce(`Not sent: ${errorText(error)}`));
    stickToBottom = true;
  }

  async function loadOlder() {
    const id = chat.openId;
    if (loadingOlder || !id || !chat.hasOlder(id)) return;
    loadingOlder = true;
    historyStatus.textContent = 'Loading earlier messages…';
    const before = scroller.scrollHeight - scroller.scrollTop;
    try {
      await chat.loadOlder(id);
      scroller.scrollTop = scroller.scrollHeight - before; // keep the reader's place
    } catch (error) {
      historyStatus.textContent = 'Could not load earlier messages.';
      return;
    } finally {
      loadingOlder = false;
    }
    historyStatus.textContent = chat.hasOlder(id) ? '' : 'Start of the conversation';
  }

  let stickToBottom = true;
  scroller.addEventListener('scroll', () => {
    stickToBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 64;
  });
  // The view shrinks when the composer grows or shows an error: keep the newest message in sight.
  new ResizeObserver(() => {
    if (stickToBottom) scroller.scrollTop = scroller.scrollHeight;
  }).observe(scroller);

  function renderMessages() {
    const id = chat.openId;
    const conversation = id ? chat.conversations.get(id) : null;
    composer.hidden = !conversation;
    if (!conversation) {
      title.textContent = 'Select a conversation';
      subtitle.textContent = '';
      groupInfo.hidden = true;
      list.replaceChildren();
      return;
    }
    const group = conversation.summary.kind === 'group';
    const large = conversation.summary.tier === 'large';
    const wasAtBottom = stickToBottom;
    const focused = list.contains(document.activeElement) ? document.activeElement : null;
    const messages = chat.messageList(id);
    if (large) chat.readCounts.shown(id, messages.filter((m) => m.mine && m.seq).map((m) => m.seq));
    list.replaceChildren(...messages.map((m) => {
      const status = m.status;
      const readBy = large && m.mine && m.seq ? chat.readCounts.readBy(id, m.seq) : undefined;
      return h('li', {
        className: `message${m.mine ? ' mine' : ''}`, 'data-seq': m.seq, 'data-client-id': m.clientMessageId,
        'data-status': status,
      },
      group && !m.mine ? h('span', { className: 'sender' }, chat.nameOf(m.senderId)) : null,
      media.figures(m),
      m.text || !m.media?.length ? h('span', { className: 'text' }, m.text ?? '(encrypted message)') : null,
      h('span', { className: 'meta' },
        h('time', { dateTime: new Date(m.sentAt).toISOString() }, shortTime(m.sentAt)),
        status ? ticks(status) : null,
        readBy === undefined ? null : h('span', { className: 'read-by' }, `read by ${readBy}`)));
    }), ...media.uploads(id));
    if (focused?.isConnected) focused.focus({ preventScroll: true }); // elements kept across renders keep the focus
    if (wasAtBottom) scroller.scrollTop = scroller.scrollHeight;
  }

  function renderHeader() {
    const id = chat.openId;
    const conversation = id ? chat.conversations.get(id) : null;
    if (!conversation) return;
    title.textContent = chat.title(conversation);
    const peer = chat.peer(conversation);
    if (peer) {
      const presence = chat.presence.get(peer);
      subtitle.textContent = presence?.status === 'online' ? 'online'
        : presence?.lastSeenAt ? `last seen ${shortTime(presence.lastSeenAt)}` : '';
    } else {
      subtitle.textContent = groupSubtitle(conversation.summary);
    }
    groupInfo.hidden = conversation.summary.kind !== 'group';
    renderComposer(conversation);
  }

  /** Off, with the reason next to it, where the user may not post (a member of an announcement group). */
  function renderComposer(conversation) {
    const reason = postBlockedReason(conversation.summary);
    blocked.hidden = !reason;
    blocked.textContent = reason ?? '';
    for (const control of [input, sendButton, attach]) control.disabled = Boolean(reason);
    input.placeholder = reason ? 'Admins only' : 'Message';
  }

  function renderTyping() {
    const names = chat.openId ? chat.typists(chat.openId) : [];
    typingLine.textContent = names.length === 0 ? ''
      : names.length === 1 ? `${names[0]} is typing…` : `${names.join(', ')} are typing…`;
  }

  return {
    /** @param {import('../app/chat.js').Change} change */
    update(change) {
      if (change.error) media.showError(notSentText(change)); // the outbox gave up
      if (change.what === 'typing' && change.conversationId === chat.openId) renderTyping();
      if (change.what === 'conversations' && chat.openId && !chat.conversations.has(chat.openId)) {
        onBack(); // left, or removed by an admin: nothing of it is shown any more
        renderMessages();
        return;
      }
      if (change.what === 'presence' || change.what === 'conversations') renderHeader();
      if (change.what === 'messages' && change.conversationId === chat.openId) {
        renderMessages();
        renderTyping();
        for (const m of change.added ?? []) {
          if (m.senderId !== chat.me.userId) announce(`${chat.nameOf(m.senderId)}: ${previewText(m) ?? 'encrypted message'}`);
        }
      }
    },
    async show(id) {
      chat.openId = id;
      media.reset();
      stickToBottom = true;
      historyStatus.textContent = '';
      input.value = '';
      renderHeader();
      renderMessages();
      renderTyping();
      await chat.open(id);
      renderMessages();
      if (!chat.hasOlder(id)) historyStatus.textContent = chat.messageList(id).length ? 'Start of the conversation' : '';
      // A short first page leaves nothing to scroll: fetch more until the view can scroll.
      if (scroller.scrollHeight <= scroller.clientHeight) loadOlder();
    },
    focusComposer: () => input.focus(),
  };
}
