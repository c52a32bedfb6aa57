package dev.parley.functions.domain.message;

import java.util.List;

/**
 * What the device-set check ({@link EnvelopeCheck}) found for an end-to-end encrypted send.
 *
 * @param senderDeviceNum the sending device's number in the key directory; null outside the two Signal forms
 * @param envelopes       the pairwise form's envelopes, each with its device's id; null for any other body
 */
record Addressing(Integer senderDeviceNum, List<Envelope> envelopes) {
    static final Addressing NONE = new Addressing(null, null);
}
