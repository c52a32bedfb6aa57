// Boot: read /config.json, sign in (or restore the session), open the user's store, connect.

import { SessionStore } from './auth/session.js';
import { ChatClient } from './app/chat.js';
import { Connection } from './protocol/connection.js';
import { inviteFromLocation } from './app/group-rules.js';
import { logFailure } from './app/log.js';
import { notKeptWarning, openStore } from './store/open.js';
import { chatView, notSentText } from './ui/chat-view.js';
import { conversationListView } from './ui/conversation-list.js';
import { byId } from './ui/dom.js';
import { groupPanel } from './ui/group-panel.js';
import { joinDialog } from './ui/join-dialog.js';
import { showLogin } from './ui/login.js';
import { newConversationDialog } from './ui/new-conversation.js';
import { connectionText } from './ui/status-text.js';

async function boot() {
  const config = await (await fetch('config.json', { cache: 'no-store' })).json();
  const sessions = new SessionStore(config);
  const session = sessions.current() ?? await showLogin(config, sessions);
  const opened = await openStore(session.userId);
  const store = opened.store;
  const connection = new Connection({ url: () => sessions.webSocketUrl() });
  const chat = new ChatClient({
    connection, store, deviceId: sessions.deviceId(), knownUsernames: config.demoUsers ?? [],
    me: { userId: session.userId, username: session.username },
    isVisible: () => document.visibilityState === 'visible',
  });
  startUi(chat, connection, sessions);
  if (!opened.durable) {
    logFailure('opening IndexedDB (the messages are kept in memory only)')(opened.reason);
    Object.assign(byId('storage-warning'), { hidden: false, textContent: notKeptWarning(opened.reason) });
  }
  // The browser knows before the socket does: an offline socket would die silently.
  window.addEventListener('offline', () => connection.offline());
  window.addEventListener('online', () => connection.online());
  if (navigator.onLine === false) connection.state = 'offline';
  connection.on('authError', (error) => {
    if (String(error.message).includes('expired') || String(error.name).includes('NotAuthorized')) {
      sessions.signOut();
      location.reload();
    }
  });
  await chat.start();
  window.parley = chat; // for the console and the end-to-end tests
}

function startUi(chat, connection, sessions) {
  const shell = byId('shell');
  const announcer = byId('announcer');
  const status = byId('connection-status');
  shell.hidden = false;
  byId('me-name').textContent = chat.me.username;
  const announce = (text) => {
    announcer.textContent = text;
  };
  const list = conversationListView(chat, { onOpen: (id) => openConversation(id) });
  const panel = groupPanel(chat);
  const view = chatView(chat, {
    onBack: () => back(), announce, onGroupInfo: (id) => panel.show(id).catch(logFailure('opening the group panel')),
  });
  newConversationDialog(chat, { onCreated: (id) => openConversation(id) });
  const join = joinDialog(chat, { onJoined: (id) => openConversation(id) });
  // Opened with an invite link made by this client (or one followed while it runs): offer to join, and take
  // the secret out of the address bar.
  const offerInvite = () => {
    const invite = inviteFromLocation(location.hash);
    if (!invite) return;
    history.replaceState(null, '', location.pathname + location.search);
    join.open(invite);
  };
  offerInvite();
  window.addEventListener('hashchange', offerInvite);

  async function openConversation(id) {
    shell.dataset.view = 'chat';
    list.render();
    await view.show(id);
    list.render();
    view.focusComposer();
  }

  function back() {
    const id = chat.openId;
    chat.close();
    shell.dataset.view = 'list';
    list.render();
    list.focus(id);
  }

  chat.subscribe((change) => {
    if (change.what === 'conversations' || change.what === 'presence' || change.what === 'messages') list.render();
    if (change.what === 'connection') {
      status.dataset.state = connection.state;
      status.textContent = connectionText(connection.state, connection.retryAt);
      if (change.error) announce(notSentText(change));
    }
    view.update(change);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') chat.seen();
    else chat.hidden();
  });
  byId('sign-out').addEventListener('click', () => {
    connection.stop();
    sessions.signOut();
    location.reload();
  });
  list.render();
}

boot().catch((error) => {
  console.error(error);
  document.body.prepend(Object.assign(document.createElement('p'), {
    className: 'error', role: 'alert', textContent: `Parley could not start: ${error.message}`,
  }));
});
