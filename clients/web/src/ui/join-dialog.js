// "Join group": paste an invite link or code (joinByInvite). Opened from the list, or by opening a link
// made by this client (the token is in the fragment, which the browser never sends to a server).
// A refused link (expired, revoked, used up, not valid) shows the server's sentence.

import { errorText } from '../protocol/errors.js';
import { byId } from './dom.js';

/**
 * @param {import('../app/chat.js').ChatClient} chat
 * @param {{onJoined: (conversationId: string) => void}} handlers
 */
export function joinDialog(chat, { onJoined }) {
  const dialog = byId('join-dialog');
  const form = byId('join-form');
  const input = byId('invite-input');
  const error = byId('join-error');
  let opener = null;
  let joining = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (joining) return;
    joining = true;
    error.textContent = '';
    try {
      const id = await chat.groups.join(input.value);
      opener = null; // the group takes the focus
      dialog.close();
      onJoined(id);
    } catch (problem) {
      error.textContent = `Could not join: ${errorText(problem)}`;
    } finally {
      joining = false;
    }
  });
  byId('join-cancel').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener?.focus?.());

  function open(link = '') {
    if (!dialog.open) opener = document.activeElement;
    error.textContent = '';
    input.value = link;
    if (!dialog.open) dialog.showModal();
    input.focus();
  }
  byId('join-group').addEventListener('click', () => open());

  return { open };
}
