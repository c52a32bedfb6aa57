package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.MediaIds;
import dev.parley.model.IdFormats;
import dev.parley.model.v1.MediaDescriptor;
import dev.parley.model.Limits;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A message as a client asked to send it, checked against the protocol's rules before any read:
 * ids well formed, exactly one body (or, with media, none), the body within {@link Limits#MAX_BODY_BYTES},
 * 1 to {@link Limits#MAX_MEDIA_PER_MESSAGE} distinct media ids.
 *
 * @param mediaIds the media to attach, in the sender's order; empty for a message without media
 * @param mentions the members the message names, distinct, at most {@link Limits#MAX_MENTIONS}: who a large
 *                 conversation pushes to ({@link MentionedMembers}); never stored
 * @param membersEpoch a sender-key send's membership epoch (a large group's send is refused under another), or null
 */
public record MessageDraft(String conversationId, String clientMessageId, MessageBody body, Long replyToSeq,
                           List<String> mediaIds, List<String> mentions, Long membersEpoch) {
    private static final Pattern CLIENT_MESSAGE_ID = IdFormats.CLIENT_MESSAGE_ID.pattern();
    private static final Pattern ALG = Pattern.compile("^[A-Za-z0-9._+-]{1,64}$");
    private static final Pattern MEDIA_ID = IdFormats.MEDIA_ID.pattern();

    public MessageDraft {
        mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A draft that names no membership epoch. */
    public MessageDraft(String conversationId, String clientMessageId, MessageBody body, Long replyToSeq, List<String> mediaIds,
                        List<String> mentions) {
        this(conversationId, clientMessageId, body, replyToSeq, mediaIds, mentions, null);
    }

    /** A draft that mentions nobody. */
    public MessageDraft(String conversationId, String clientMessageId, MessageBody body, Long replyToSeq, List<String> mediaIds) {
        this(conversationId, clientMessageId, body, replyToSeq, mediaIds, List.of());
    }

    /**
     * This draft naming the membership epoch its sender-key ciphertext was addressed to (null: none). Only the
     * sender-key form names one: the pairwise form addresses devices one by one and is checked device by device.
     */
    public MessageDraft withMembersEpoch(Long epoch) {
        if (epoch == null) {
            return this;
        }
        if (!(body instanceof MessageBody.Ciphertext sealed && sealed.senderKey())) {
            throw RequestFields.badRequest("Field \"membersEpoch\" goes only with \"alg\": \"" + MessageBody.SENDER_KEY_ALG + "\".");
        }
        if (epoch < 0) {
            throw RequestFields.badRequest("Field \"membersEpoch\" must be 0 or more, as listMembers returned it.");
        }
        return new MessageDraft(conversationId, clientMessageId, body, replyToSeq, mediaIds, mentions, epoch);
    }

    /**
     * CONFLICT with the current epoch when this draft names another than {@code tail}'s (a large group's header):
     * the sender's member list is out of date, and nothing is stored.
     */
    void requireMembersEpoch(ConversationTail tail) {
        if (membersEpoch != null && membersEpoch != tail.membersEpoch()) {
            throw new FailureException(new Failure.MembersChanged(tail.membersEpoch()));
        }
    }

    /**
     * This draft naming {@code mentioned} (null: nobody): 1 to {@link Limits#MAX_MENTIONS} distinct user ids,
     * well formed (the codec checked their format). Whether they are members is checked against the conversation.
     */
    public MessageDraft withMentions(List<String> mentioned) {
        if (mentioned == null) {
            return this;
        }
        if (mentioned.isEmpty() || mentioned.size() > Limits.MAX_MENTIONS) {
            throw RequestFields.badRequest("Field \"mentions\" must name 1 to " + Limits.MAX_MENTIONS
                    + " members; leave it out for a message that mentions nobody.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < mentioned.size(); i++) {
            String userId = mentioned.get(i);
            if (userId == null || !IdFormats.USER_ID.matches(userId)) {
                throw RequestFields.badRequest("Field \"mentions[" + i + "]\" must be " + IdFormats.USER_ID.description() + ".");
            }
            if (!seen.add(userId)) {
                throw RequestFields.badRequest("Field \"mentions\" names \"" + userId + "\" twice.");
            }
        }
        return new MessageDraft(conversationId, clientMessageId, body, replyToSeq, mediaIds, mentioned, membersEpoch);
    }

    /**
     * BAD_REQUEST, before anything is stored, when a mentioned user is not among {@code members} (the
     * caller read them: a small conversation's header, a large one's rows of the mentioned users).
     */
    public void requireMentionedAmong(Set<String> members) {
        List<String> strangers = mentions.stream().filter(userId -> !members.contains(userId)).toList();
        if (!strangers.isEmpty()) {
            throw RequestFields.badRequest("Field \"mentions\" names users who are not members of this conversation: "
                    + String.join(", ", strangers) + ".");
        }
    }

    /** A draft without media. */
    public static MessageDraft of(String conversationId, String clientMessageId, String text,
                                  String ciphertext, String alg, Long replyToSeq) {
        return of(conversationId, clientMessageId, text, ciphertext, alg, replyToSeq, null);
    }

    /** A draft without envelopes. */
    public static MessageDraft of(String conversationId, String clientMessageId, String text,
                                  String ciphertext, String alg, Long replyToSeq, List<String> media) {
        return of(conversationId, clientMessageId, text, ciphertext, alg, replyToSeq, media, null, null);
    }

    /**
     * Checks the request's fields; a broken rule is a {@link FailureException} whose message names the field.
     *
     * @param media     the request's media ids, or null for a message without media
     * @param envelopes the pairwise form's envelopes (with {@code alg} {@value MessageBody#PAIRWISE_ALG}), or null
     * @param partial   whether the envelopes are a batch for some devices only; null is false
     */
    public static MessageDraft of(String conversationId, String clientMessageId, String text,
                                  String ciphertext, String alg, Long replyToSeq, List<String> media,
                                  List<Envelope.Fields> envelopes, Boolean partial) {
        ConversationId.require(conversationId);
        if (clientMessageId == null || !CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
            throw RequestFields.badRequest("Field \"clientMessageId\" must be 1 to " + Limits.MAX_CLIENT_MESSAGE_ID_LENGTH
                    + " characters of A-Z, a-z, 0-9, _ and -.");
        }
        if (replyToSeq != null && replyToSeq < 1) {
            throw RequestFields.badRequest("Field \"replyToSeq\" must be the seq of a message of this conversation (1 or more).");
        }
        List<String> mediaIds = mediaIds(media);
        MessageBody body = envelopes != null || partial != null
                ? envelopes(text, ciphertext, alg, envelopes, partial)
                : body(text, ciphertext, alg, !mediaIds.isEmpty());
        return new MessageDraft(conversationId, clientMessageId, body, replyToSeq, mediaIds);
    }

    /** The message this draft becomes when stored under {@code seq}, with its media's descriptors (none without media). */
    public Message toMessage(Actor sender, long seq, Instant sentAt, List<MediaDescriptor> media) {
        return toMessage(sender, seq, sentAt, media, Addressing.NONE);
    }

    /** As {@link #toMessage(Actor, long, Instant, List)}, with what the device-set check found: the sender's number, the envelopes' devices. */
    Message toMessage(Actor sender, long seq, Instant sentAt, List<MediaDescriptor> media, Addressing addressing) {
        MessageBody stored = addressing.envelopes() == null ? body : new MessageBody.Envelopes(addressing.envelopes(),
                ((MessageBody.Envelopes) body).partial());
        return new Message(conversationId, seq, sender.userId(), sender.deviceId(), clientMessageId, sentAt, stored, replyToSeq,
                media, addressing.senderDeviceNum());
    }

    public boolean hasMedia() {
        return !mediaIds.isEmpty();
    }

    private static List<String> mediaIds(List<String> media) {
        if (media == null) {
            return List.of();
        }
        if (media.isEmpty() || media.size() > Limits.MAX_MEDIA_PER_MESSAGE) {
            throw RequestFields.badRequest("Field \"media\" must name 1 to " + Limits.MAX_MEDIA_PER_MESSAGE
                    + " media ids; leave it out for a message without media.");
        }
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>(media.size());
        for (int i = 0; i < media.size(); i++) {
            String id = media.get(i);
            if (id == null || !MEDIA_ID.matcher(id).matches()) {
                throw RequestFields.badRequest("Field \"media[" + i + "]\" must be a media id as requestUpload returned it.");
            }
            if (!seen.add(id)) {
                throw RequestFields.badRequest("Field \"media\" names \"" + id + "\" twice.");
            }
            ids.add(id);
        }
        return ids;
    }

    private static MessageBody envelopes(String text, String ciphertext, String alg, List<Envelope.Fields> envelopes,
                                         Boolean partial) {
        if (text != null || ciphertext != null) {
            throw RequestFields.badRequest("Send \"envelopes\" without \"text\" or \"ciphertext\": each envelope carries its device's ciphertext.");
        }
        if (!MessageBody.PAIRWISE_ALG.equals(alg)) {
            throw RequestFields.badRequest("Field \"envelopes\" needs \"alg\": \"" + MessageBody.PAIRWISE_ALG + "\".");
        }
        if (envelopes == null || envelopes.isEmpty() || envelopes.size() > Limits.MAX_ENVELOPES_PER_MESSAGE) {
            throw RequestFields.badRequest("Field \"envelopes\" must hold 1 to " + Limits.MAX_ENVELOPES_PER_MESSAGE
                    + " envelopes; send a larger device set in several messages with \"partial\": true.");
        }
        Set<String> seen = new HashSet<>();
        List<Envelope> checked = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
            if (envelopes.get(i) == null) {
                throw RequestFields.badRequest("Field \"envelopes[" + i + "]\" must be an object.");
            }
            Envelope envelope = envelopes.get(i).parse(i);
            if (!seen.add(envelope.userId() + "/" + envelope.deviceNum())) {
                throw RequestFields.badRequest("Field \"envelopes\" addresses device " + envelope.deviceNum() + " of user \""
                        + envelope.userId() + "\" twice.");
            }
            checked.add(envelope);
        }
        return new MessageBody.Envelopes(checked, Boolean.TRUE.equals(partial));
    }

    private static MessageBody body(String text, String ciphertext, String alg, boolean hasMedia) {
        boolean encrypted = ciphertext != null || alg != null;
        if (text != null && encrypted) {
            throw RequestFields.badRequest("Send either \"text\" or \"ciphertext\" with \"alg\", not both.");
        }
        if (text == null && !encrypted && hasMedia) {
            return new MessageBody.MediaOnly();
        }
        if (text != null) {
            if (text.isEmpty()) {
                throw RequestFields.badRequest("Field \"text\" must not be empty.");
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_BODY_BYTES) {
                throw tooLarge("Field \"text\" is larger than " + Limits.MAX_BODY_BYTES + " bytes of UTF-8.");
            }
            return new MessageBody.Text(text);
        }
        if (!encrypted) {
            throw RequestFields.badRequest("A message needs \"text\", or \"ciphertext\" with \"alg\", or \"media\".");
        }
        if (ciphertext == null || ciphertext.isEmpty()) {
            throw RequestFields.badRequest("Field \"alg\" needs a non-empty \"ciphertext\".");
        }
        if (ciphertext.length() > Limits.MAX_BODY_BYTES) {
            throw tooLarge("Field \"ciphertext\" is longer than " + Limits.MAX_BODY_BYTES + " base64 characters.");
        }
        if (!isBase64(ciphertext)) {
            throw RequestFields.badRequest("Field \"ciphertext\" must be standard base64.");
        }
        if (alg == null || !ALG.matcher(alg).matches()) {
            throw RequestFields.badRequest("Field \"ciphertext\" needs \"alg\": 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', '+' and '-'.");
        }
        return new MessageBody.Ciphertext(ciphertext, alg);
    }

    static boolean isBase64(String value) {
        try {
            Base64.getDecoder().decode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static FailureException tooLarge(String message) {
        return new FailureException(new Failure.PayloadTooLarge(message));
    }
}
