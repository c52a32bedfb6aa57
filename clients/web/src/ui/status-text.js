// What the top bar says about the connection.

/** @param {import('../protocol/connection.js').ConnectionState} state @param {number} retryAt */
export function connectionText(state, retryAt) {
  switch (state) {
    case 'open': return 'Connected';
    case 'connecting': return 'Connecting…';
    case 'offline': return 'Offline: messages wait in the outbox';
    case 'waiting': return `Reconnecting in ${Math.max(1, Math.round((retryAt - Date.now()) / 1000))} s…`;
    case 'stopped': return 'Signed out';
    default: return '';
  }
}
