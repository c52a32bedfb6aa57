// Media on the wire (docs/protocol/media.md): the image types and size limit a client checks before
// asking, the presigned S3 POST form, and short-lived download URLs, cached until shortly before
// they expire. No DOM here.

/** The image types Parley accepts (shared-model MediaTypes), exactly as requestUpload wants them. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
/** MediaTypes: 25 MB for every image type. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/** Longest side of a `thumb` (MediaTypes.THUMB_MAX_PIXELS). */
export const THUMB_MAX_PIXELS = 320;
/** getMediaUrl URLs live 15 minutes (Limits.MEDIA_URL_EXPIRY_SECONDS). */
export const MEDIA_URL_EXPIRY_MS = 900 * 1000;
/** Ask again this long before a cached URL expires, so an image never starts loading on a dying URL. */
export const URL_MARGIN_MS = 60 * 1000;

const mb = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Why this file cannot be sent as an image, in words for the user; null when it can.
 * @param {{name: string, type: string, size: number}} file
 */
export function imageProblem(file) {
  if (!IMAGE_TYPES.includes(file.type)) {
    return `“${file.name}” is not an image Parley can send. Choose a JPEG, PNG, GIF or WebP image.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > MAX_IMAGE_BYTES) return `“${file.name}” is ${mb(file.size)}; an image can be at most 25 MB.`;
  return null;
}

/**
 * The multipart body of an S3 POST: every field of the form, then the file as the last part, named
 * `file` (S3 ignores what comes after it).
 * @param {Record<string, string>} fields
 * @param {Blob} file
 */
export function uploadForm(fields, file) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file);
  return form;
}

/**
 * POSTs the file with the form requestUpload gave; S3 answers 204.
 * @param {{url: string, fields: Record<string, string>}} upload
 * @param {Blob} file
 */
export async function postUpload(upload, file, fetchImpl = globalThis.fetch) {
  let response;
  try {
    response = await fetchImpl(upload.url, { method: 'POST', body: uploadForm(upload.fields, file) });
  } catch (error) {
    throw new Error(`The upload did not get through (${error.message}).`);
  }
  if (!response.ok) throw new Error(`The storage refused the upload (HTTP ${response.status}).`);
}

/**
 * Pixels to reserve for an image of `width`×`height` shown at most `max` on its long side (never
 * enlarged); null when the size is unknown.
 */
export function fitWithin(width, height, max) {
  if (!(width > 0 && height > 0)) return null;
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * getMediaUrl with a cache per (mediaId, version): a URL is reused until URL_MARGIN_MS before it
 * expires, and concurrent asks for the same one share a request.
 */
export class MediaUrls {
  /**
   * @param {{connection: {request: (action: string, fields?: object) => Promise<any>}, now?: () => number,
   *          marginMs?: number}} options
   */
  constructor({ connection, now = Date.now, marginMs = URL_MARGIN_MS }) {
    this.connection = connection;
    this.now = now;
    this.marginMs = marginMs;
    /** @type {Map<string, {url: string, expiresAt: number}>} */
    this.cache = new Map();
    /** @type {Map<string, Promise<string>>} */
    this.asking = new Map();
  }

  /** @returns {Promise<string>} a URL for one version of a ready media item of the conversation */
  get(conversationId, mediaId, version) {
    const key = `${mediaId}/${version}`;
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.expiresAt - this.marginMs) return Promise.resolve(cached.url);
    if (!this.asking.has(key)) {
      const askedAt = this.now();
      const asking = this.connection.request('getMediaUrl', { conversationId, mediaId, versions: [version] })
        .then((reply) => {
          const url = reply.urls[version];
          // The server's clock says when; never trust it for longer than the URL can live from our asking.
          this.cache.set(key, { url, expiresAt: Math.min(reply.expiresAt, askedAt + MEDIA_URL_EXPIRY_MS) });
          return url;
        })
        .finally(() => this.asking.delete(key));
      this.asking.set(key, asking);
    }
    return this.asking.get(key);
  }

  /** Drops a URL that failed to load (an expired URL answers 403), so the next get asks again. */
  forget(mediaId, version) {
    this.cache.delete(`${mediaId}/${version}`);
  }
}
