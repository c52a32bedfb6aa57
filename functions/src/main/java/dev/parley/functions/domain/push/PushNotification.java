package dev.parley.functions.domain.push;

import dev.parley.functions.domain.delivery.PushPlatform;

/**
 * One push to one device, ready to publish.
 *
 * @param payload    the platform's own JSON: the APNs payload (at most {@link PushPayloads#MAX_APNS_BYTES}) or the FCM v1 message
 * @param collapseId one per conversation: a newer push replaces an older one still on the device
 */
public record PushNotification(PushPlatform platform, String payload, String collapseId) {
}
