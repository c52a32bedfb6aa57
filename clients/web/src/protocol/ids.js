// Ids the client makes up: clientMessageId (per message, kept across retries) and deviceId (per install).

/** A random id of `length` characters from A-Z a-z 0-9 (fits clientMessageId and deviceId). */
export function randomId(length = 22) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

/** A clientMessageId that also sorts by creation time: base36 milliseconds, then randomness. */
export function newClientMessageId(now = Date.now()) {
  return `${now.toString(36).padStart(9, '0')}-${randomId(12)}`;
}
