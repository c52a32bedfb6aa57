package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;


/**
 * sendMessage: exactly one of {@code text}, ({@code ciphertext}, {@code alg}) or, in an end-to-end encrypted
 * conversation, ({@code alg: "signal-v1"}, {@code envelopes}, optional {@code partial}): one ciphertext per
 * device (docs/protocol/e2ee.md). {@code text} may be left out when {@code media} names at least one media id
 * (up to Limits.MAX_MEDIA_PER_MESSAGE, ready, of this conversation). {@code mentions}: members the message
 * names (up to Limits.MAX_MENTIONS), which a large conversation pushes to; not stored, not in the message event.
 * {@code membersEpoch}: with the sender-key form in a large group, the membership epoch the sender's member list
 * belongs to (listMembers); another epoch than the group's is refused with CONFLICT, nothing stored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendMessageRequest(String conversationId, String clientMessageId, String text, String ciphertext, String alg,
                                 Long replyToSeq, List<String> media, List<Envelope> envelopes, Boolean partial,
                                 List<String> mentions, Long membersEpoch) {

    /** A send that does not say which membership it was addressed to. */
    public SendMessageRequest(String conversationId, String clientMessageId, String text, String ciphertext, String alg,
                              Long replyToSeq, List<String> media, List<Envelope> envelopes, Boolean partial,
                              List<String> mentions) {
        this(conversationId, clientMessageId, text, ciphertext, alg, replyToSeq, media, envelopes, partial, mentions, null);
    }

    /** A send without envelopes. */
    public SendMessageRequest(String conversationId, String clientMessageId, String text, String ciphertext, String alg,
                              Long replyToSeq, List<String> media) {
        this(conversationId, clientMessageId, text, ciphertext, alg, replyToSeq, media, null, null);
    }

    /** A send that mentions nobody. */
    public SendMessageRequest(String conversationId, String clientMessageId, String text, String ciphertext, String alg,
                              Long replyToSeq, List<String> media, List<Envelope> envelopes, Boolean partial) {
        this(conversationId, clientMessageId, text, ciphertext, alg, replyToSeq, media, envelopes, partial, null);
    }
}
