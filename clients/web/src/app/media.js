// Sharing an image: requestUpload, the POST to S3, waiting for the server's processing (mediaReady or
// mediaFailed), then a message with the media. docs/protocol/media.md. No DOM here.
//
// The file itself is never queued: an upload needs a connection, and keeping megabytes in IndexedDB
// to send later is not worth it, so an image chosen offline (or whose upload breaks) fails visibly
// and the user chooses it again. Only once the server has made the media ready does the message go
// into the outbox (ids and descriptors, a few hundred bytes), which sends it exactly once, across
// reconnects and reloads, like a text.

import { ProtocolError } from '../protocol/errors.js';
import { randomId } from '../protocol/ids.js';
import { imageProblem, postUpload } from '../protocol/media.js';

/** How long to wait for mediaReady after the upload; processing an image takes about a second. */
export const PROCESSING_TIMEOUT_MS = 120 * 1000;

/**
 * @typedef {'uploading' | 'processing' | 'failed'} UploadStatus
 * @typedef {{id: string, conversationId: string, name: string, status: UploadStatus, error?: string,
 *            startedAt: number}} Upload an image on its way, shown as a pending bubble until it is a message
 */

/** The words a user sees for a mediaFailed event: the server's reason, and its code. */
export function failureText(event) {
  const reason = String(event.reason ?? '').trim();
  return `${reason ? reason[0].toUpperCase() + reason.slice(1) : 'The server refused the file'}${/[.!?]$/.test(reason) ? '' : '.'} (${event.code})`;
}

function errorText(error) {
  if (error instanceof ProtocolError && error.code === 'DISCONNECTED') {
    return 'Not connected: images can be sent only while online. Try again when connected.';
  }
  if (error instanceof ProtocolError && error.code === 'TIMEOUT') return 'The server did not answer. Try again.';
  return error.message;
}

export class MediaUploads {
  /**
   * @param {{connection: {isOpen: boolean, request: (action: string, fields?: object) => Promise<any>,
   *            on: (type: string, listener: (frame: any) => void) => void},
   *          send: (conversationId: string, text: string, media: object[]) => Promise<unknown>,
   *          onChange?: (conversationId: string) => void, fetch?: typeof fetch,
   *          timers?: {setTimeout: typeof setTimeout, clearTimeout: typeof clearTimeout},
   *          now?: () => number, processingTimeoutMs?: number}} options
   */
  constructor({ connection, send, onChange = () => {}, fetch = (...args) => globalThis.fetch(...args),
    timers = globalThis, now = Date.now, processingTimeoutMs = PROCESSING_TIMEOUT_MS }) {
    Object.assign(this, { connection, send, onChange, fetch, timers, now, processingTimeoutMs });
    /** @type {Map<string, Upload>} */
    this.uploads = new Map();
    /** @type {Map<string, {resolve: (media: any) => void, reject: (error: Error) => void}>} by mediaId */
    this.waiting = new Map();
    // mediaReady may come again when a version is added later: only the first one counts.
    connection.on('mediaReady', (event) => this.waiting.get(event.media?.mediaId)?.resolve(event.media));
    connection.on('mediaFailed', (event) => this.waiting.get(event.mediaId)?.reject(new Error(failureText(event))));
  }

  /** @returns {Upload[]} the conversation's uploads not yet sent, oldest first */
  pending(conversationId) {
    return [...this.uploads.values()].filter((u) => u.conversationId === conversationId);
  }

  /**
   * Shares an image in a conversation. Throws at once (nothing is shown) when the file is not an image
   * Parley accepts; any later failure leaves the upload `failed` with its reason, until dismissed.
   * @param {string} conversationId
   * @param {File} file
   * @returns {Promise<Upload>}
   */
  async share(conversationId, file) {
    const problem = imageProblem(file);
    if (problem) throw new Error(problem);
    /** @type {Upload} */
    const upload = { id: randomId(12), conversationId, name: file.name, status: 'uploading', startedAt: this.now() };
    this.uploads.set(upload.id, upload);
    this.onChange(conversationId);
    let mediaId;
    try {
      if (!this.connection.isOpen) throw new ProtocolError('DISCONNECTED', 'offline');
      const reply = await this.connection.request('requestUpload', { conversationId, contentType: file.type, size: file.size });
      mediaId = reply.mediaId;
      // Listening before the POST: processing may finish before its answer. Settled as a value, so a
      // refusal that comes while the POST is still running is thrown below, not left unhandled.
      const processed = this.whenProcessed(mediaId).then((media) => ({ media }), (error) => ({ error }));
      await postUpload(reply.upload, file, this.fetch);
      this.update(upload, 'processing');
      const { media, error } = await processed;
      if (error) throw error;
      await this.send(conversationId, '', [media]); // the outbox takes it from here
      this.uploads.delete(upload.id);
      this.onChange(conversationId);
    } catch (error) {
      upload.error = errorText(error);
      this.update(upload, 'failed');
    } finally {
      this.waiting.get(mediaId)?.reject(new Error('abandoned')); // the upload failed first: stop waiting
    }
    return upload;
  }

  /** Removes a failed upload's bubble. */
  dismiss(id) {
    const upload = this.uploads.get(id);
    if (upload?.status !== 'failed') return;
    this.uploads.delete(id);
    this.onChange(upload.conversationId);
  }

  /** @returns {Promise<any>} the media descriptor of mediaReady; rejects on mediaFailed or after the timeout */
  whenProcessed(mediaId) {
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        reject(new Error('The server did not finish processing the image in time. Try again.'));
      }, this.processingTimeoutMs);
      const settle = (fn) => (value) => {
        this.timers.clearTimeout(timer);
        this.waiting.delete(mediaId);
        fn(value);
      };
      this.waiting.set(mediaId, { resolve: settle(resolve), reject: settle(reject) });
    });
  }

  /** @param {Upload} upload @param {UploadStatus} status */
  update(upload, status) {
    upload.status = status;
    this.onChange(upload.conversationId);
  }
}
