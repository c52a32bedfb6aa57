package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;


/**
 * Event {@code message}: a stored message, sent to every live device of every member but the sending connection.
 * {@code media} is absent for a message without media. In an end-to-end encrypted conversation
 * (docs/protocol/e2ee.md) {@code senderDeviceNum} is the sending device's number in the key directory; a
 * {@code signal-v1} message carries the reading device's own envelope ({@code ciphertext}, {@code envelopeType}),
 * or {@code notForThisDevice: true} and no ciphertext when the sender addressed no envelope to it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageEvent(String conversationId, long seq, String senderId, String senderDeviceId, long sentAt,
                           String clientMessageId, String text, String ciphertext, String alg, Long replyToSeq,
                           List<MediaDescriptor> media, Integer senderDeviceNum, String envelopeType,
                           Boolean notForThisDevice) {

    /** A message of a conversation without device-addressed ciphertext. */
    public MessageEvent(String conversationId, long seq, String senderId, String senderDeviceId, long sentAt,
                        String clientMessageId, String text, String ciphertext, String alg, Long replyToSeq,
                        List<MediaDescriptor> media) {
        this(conversationId, seq, senderId, senderDeviceId, sentAt, clientMessageId, text, ciphertext, alg, replyToSeq,
                media, null, null, null);
    }
}
