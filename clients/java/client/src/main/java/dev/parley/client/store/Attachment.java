package dev.parley.client.store;

/**
 * A file an outbox entry uploads before its message is sent: where the app keeps it (it must
 * stay there until the entry leaves the outbox) and its content type, one of protocol's accepted
 * types (docs/protocol/media.md#accepted-types-and-limits).
 */
public record Attachment(String path, String contentType) {
}
