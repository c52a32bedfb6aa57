package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;


/** Event {@code message}: a stored message, sent to every live device of every member but the sending connection. {@code media} is absent for a message without media. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageEvent(String conversationId, long seq, String senderId, String senderDeviceId, long sentAt, String clientMessageId, String text, String ciphertext, String alg, Long replyToSeq, List<MediaDescriptor> media) {
}
