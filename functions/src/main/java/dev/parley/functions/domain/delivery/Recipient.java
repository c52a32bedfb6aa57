package dev.parley.functions.domain.delivery;

/** One live socket an event goes to: a device of a member, reachable through {@code @connections}. */
public record Recipient(String userId, String connectionId, String deviceId) {
}
