// Parley's protocol limits a client acts on (shared-model Limits; docs/protocol.md "Limits").

/** Send a ping this often on a quiet socket: half API Gateway's 10-minute idle timeout. */
export const PING_INTERVAL_MS = 300 * 1000;
/** A receiver hides a typing indicator this long after the last `typing` event. */
export const TYPING_EXPIRES_MS = 6000;
/** A typist refreshes `typing` this often (half the expiry, so one lost refresh is survived). */
export const TYPING_REFRESH_MS = 3000;
/**
 * How long a `viewConversation` lasts (the server's default; at most 300 s); the client refreshes it
 * at half that, so one lost refresh is survived.
 */
export const VIEW_TTL_SECONDS = 60;
/**
 * Read receipts wait this long after the newest message of the open conversation, so that a burst
 * of messages is read with one `markRead` (docs/protocol/sync.md, "Receipts").
 */
export const READ_DEBOUNCE_MS = 1000;
/** Messages per `history` page or per conversation of a `sync` page (server maximum 100). */
export const PAGE_SIZE = 50;
/** Conversations larger than this have no receipts. */
export const RECEIPTS_MAX_MEMBERS = 16;
/** `clientMessageId`: 1 to 64 of A-Z a-z 0-9 _ - */
export const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Usernames per `findUsers` request. */
export const MAX_FIND_USERS = 25;
/** User ids per `addMembers` request (`MAX_ADD_MEMBERS`; `removeMembers` takes 91, `MAX_REMOVE_MEMBERS`). */
export const MAX_ADD_MEMBERS = 99;
/** Members per `listMembers` page the group panel asks for (server maximum 100). */
export const MEMBERS_PAGE_SIZE = 50;
/** Seqs per `readCounts` request (`MAX_READ_COUNT_SEQS`). */
export const MAX_READ_COUNT_SEQS = 50;
