// The "New chat" / "New group" dialog: usernames become user ids through findUsers.

import { byId } from './dom.js';

/**
 * @param {import('../app/chat.js').ChatClient} chat
 * @param {{onCreated: (conversationId: string) => void}} handlers
 */
export function newConversationDialog(chat, { onCreated }) {
  const dialog = byId('new-conversation');
  const form = byId('new-conversation-form');
  const heading = byId('new-conversation-title');
  const titleField = byId('group-title-field');
  const titleInput = byId('group-title');
  const usernames = byId('new-usernames');
  const usernamesLabel = byId('new-usernames-label');
  const help = byId('new-usernames-help');
  const error = byId('new-conversation-error');
  let kind = 'direct';
  let opener = null;

  function open(which) {
    kind = which;
    opener = document.activeElement;
    heading.textContent = kind === 'group' ? 'New group' : 'New chat';
    titleField.hidden = kind !== 'group';
    usernamesLabel.textContent = kind === 'group' ? 'Members (usernames, separated by commas)' : 'Username';
    help.textContent = kind === 'group' ? 'For example: bob, carol' : 'The exact username, for example bob.';
    error.textContent = '';
    form.reset();
    dialog.showModal();
    (kind === 'group' ? titleInput : usernames).focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const names = usernames.value.split(/[,\s]+/).map((n) => n.trim()).filter(Boolean);
    if (names.length === 0) {
      error.textContent = 'Enter at least one username.';
      return;
    }
    try {
      const id = kind === 'group'
        ? await chat.createGroup(titleInput.value.trim(), names)
        : await chat.createDirect(names[0]);
      opener = null; // the new conversation takes the focus
      dialog.close();
      onCreated(id);
    } catch (e) {
      error.textContent = e.message;
    }
  });
  byId('new-conversation-cancel').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener?.focus?.());

  byId('new-direct').addEventListener('click', () => open('direct'));
  byId('new-group').addEventListener('click', () => open('group'));
}
