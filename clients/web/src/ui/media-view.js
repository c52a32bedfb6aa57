// Images in the chat: the composer's "Attach image" input, pending bubbles for uploads, thumbnails in
// message bubbles (sized from the descriptor before they load), and a dialog with the display version.

import { logFailure } from '../app/log.js';
import { fitWithin, IMAGE_TYPES, THUMB_MAX_PIXELS } from '../protocol/media.js';
import { byId, h } from './dom.js';

const UPLOAD_STATUS = { uploading: 'Uploading…', processing: 'Processing…' };

/** What a list entry or an announcement says of a message; null for a message without text or media. */
export function previewText(message) {
  if (message.text) return message.text;
  if (!message.media?.length) return null;
  return message.media.every((m) => m.kind === 'image') ? (message.media.length > 1 ? 'Photos' : 'Photo') : 'Attachment';
}

/**
 * @param {import('../app/chat.js').ChatClient} chat
 * @param {{announce: (text: string) => void, focusComposer: () => void}} handlers
 */
export function mediaView(chat, { announce, focusComposer }) {
  const input = byId('attach-input');
  const error = byId('composer-error');
  const viewer = byId('image-viewer');
  const viewerImage = byId('viewer-image');
  const viewerStatus = byId('viewer-status');
  input.accept = IMAGE_TYPES.join(',');
  /** @type {Map<string, {element: HTMLElement, img?: HTMLImageElement, state?: string, errors?: number}>} kept across renders */
  const thumbs = new Map();
  /** @type {Map<string, {status: string, element: HTMLElement}>} */
  const bubbles = new Map();
  let opener = null;

  input.addEventListener('change', () => {
    const id = chat.openId;
    const files = [...input.files];
    input.value = ''; // the same file may be chosen again
    showError('');
    for (const file of files) {
      chat.media.share(id, file).catch((problem) => showError(problem.message));
    }
  });

  viewer.addEventListener('close', () => {
    viewerImage.removeAttribute('src');
    if (opener?.isConnected) opener.focus();
  });

  function showError(text) {
    error.textContent = text;
  }

  /** Starts (or restarts, after a failure) loading a thumbnail. */
  function load(entry, message, media, version) {
    if (entry.state === 'loading' || entry.state === 'loaded' || entry.state === 'failed') return;
    entry.state = 'loading';
    chat.mediaUrls.get(message.conversationId, media.mediaId, version).then((url) => {
      entry.img.onload = () => { entry.state = 'loaded'; };
      entry.img.onerror = () => {
        chat.mediaUrls.forget(media.mediaId, version); // an expired URL answers 403: ask once more
        entry.errors = (entry.errors ?? 0) + 1;
        entry.state = entry.errors > 1 ? 'failed' : 'waiting';
        load(entry, message, media, version);
      };
      entry.img.src = url;
    }, () => {
      entry.state = 'waiting'; // offline, or not ready yet: the next render tries again
    });
  }

  function thumb(message, media) {
    const key = `${message.conversationId}/${message.clientMessageId ?? message.seq}/${media.mediaId}`;
    let entry = thumbs.get(key);
    if (!entry && media.kind !== 'image') {
      entry = { element: h('span', { className: 'attachment muted' }, `(${media.kind}: not shown in this client)`) };
    } else if (!entry) {
      const from = message.mine ? 'you' : chat.nameOf(message.senderId);
      const alt = message.text ? `Image from ${from}: ${message.text}` : `Image from ${from}`;
      const size = fitWithin(media.width, media.height, THUMB_MAX_PIXELS);
      const img = h('img', { alt, width: size?.width, height: size?.height, decoding: 'async' });
      const element = h('button', { type: 'button', className: 'media-open', 'aria-label': `${alt}. Open full size` }, img);
      element.addEventListener('click', () => open(message, media, alt, element));
      entry = { element, img };
    }
    thumbs.set(key, entry);
    if (entry.img) load(entry, message, media, media.versions?.includes('thumb') ? 'thumb' : 'display');
    return entry.element;
  }

  async function open(message, media, alt, from) {
    opener = from;
    const size = fitWithin(media.width, media.height, Infinity);
    for (const [name, value] of Object.entries({ alt, width: size?.width, height: size?.height })) {
      if (value === undefined) viewerImage.removeAttribute(name);
      else viewerImage.setAttribute(name, String(value));
    }
    viewerStatus.textContent = 'Loading…';
    viewer.showModal();
    try {
      const version = media.versions?.includes('display') ? 'display' : 'thumb';
      viewerImage.src = await chat.mediaUrls.get(message.conversationId, media.mediaId, version);
      await viewerImage.decode().catch(logFailure(`decoding ${media.mediaId} (${version})`)); // the status below says so
      viewerStatus.textContent = viewerImage.naturalWidth > 0 ? '' : 'The image could not be loaded.';
    } catch (problem) {
      viewerStatus.textContent = `The image could not be loaded: ${problem.message}`;
    }
  }

  function uploadBubble(upload) {
    const cached = bubbles.get(upload.id);
    if (cached?.status === upload.status) return cached.element;
    const failed = upload.status === 'failed';
    const dismiss = failed ? h('button', { type: 'button', className: 'ghost small' }, 'Dismiss') : null;
    dismiss?.addEventListener('click', () => {
      chat.media.dismiss(upload.id);
      focusComposer();
    });
    const element = h('li', { className: 'message mine upload', 'data-upload': upload.id, 'data-status': upload.status },
      h('span', { className: 'upload-name' }, upload.name),
      failed
        ? h('span', { className: 'error', role: 'alert' }, `Image not sent: ${upload.error}`)
        : h('span', { className: 'meta' }, UPLOAD_STATUS[upload.status]),
      dismiss);
    if (!failed && cached) announce(`${upload.name}: ${UPLOAD_STATUS[upload.status]}`);
    bubbles.set(upload.id, { status: upload.status, element });
    return element;
  }

  return {
    /** The media of a message, as an element for its bubble; null when it has none. */
    figures: (message) => (message.media?.length
      ? h('span', { className: 'media' }, ...message.media.map((m) => thumb(message, m))) : null),
    /** Bubbles for the open conversation's uploads in progress or failed. */
    uploads(conversationId) {
      const pending = chat.media.pending(conversationId);
      for (const id of bubbles.keys()) if (!pending.some((u) => u.id === id)) bubbles.delete(id);
      return pending.map(uploadBubble);
    },
    /** Shows a problem above the composer (empty text hides it). */
    showError,
    /** A conversation was opened: forget the previous one's elements and errors. */
    reset() {
      thumbs.clear();
      bubbles.clear();
      showError('');
    },
  };
}
