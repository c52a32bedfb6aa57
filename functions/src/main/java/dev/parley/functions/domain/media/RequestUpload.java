package dev.parley.functions.domain.media;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.conversation.ConversationTails;
import dev.parley.functions.domain.conversation.MemberRows;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.model.Limits;
import dev.parley.model.MediaTypes;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.RequestUploadReply;
import dev.parley.model.v1.UploadForm;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import dev.parley.functions.domain.MediaIds;

/**
 * Use case (requestUpload): a member gets a media id and presigned POST forms to upload one file
 * (and, for a video or an encrypted file, its client-made thumbnail) straight to S3.
 *
 * <p>Order of checks: the request's own fields first (no AWS call for a malformed request), then
 * the per-user rate limit (one write, counted before the membership read so a non-member's
 * probing pays too), then the conversation's header (membership and E2EE). The PENDING item is
 * stored before the forms are handed out, so every object that reaches the processor has an item.
 *
 * <p>Sizes are exact (content-length-range [size, size]): the declared size becomes the
 * verified size, which the processor re-checks, and a form cannot carry a larger file than asked.
 * Too large is PAYLOAD_TOO_LARGE with the limit; LIMIT_EXCEEDED is kept for counts.
 */
public final class RequestUpload {
    private final ConversationAccess access;
    private final MediaRepository media;
    private final UploadForms forms;
    private final PerMinuteLimit limit;
    private final Supplier<String> newMediaId;
    private final Clock clock;

    public RequestUpload(ConversationTails messages, MemberRows rows, MediaRepository media, UploadForms forms, PerMinuteLimit limit,
                         Clock clock) {
        this(messages, rows, media, forms, limit, MediaIds::next, clock);
    }

    /** With chosen media ids, for tests. */
    public RequestUpload(ConversationTails messages, MemberRows rows, MediaRepository media, UploadForms forms, PerMinuteLimit limit,
                         Supplier<String> newMediaId, Clock clock) {
        this.access = new ConversationAccess(messages, rows);
        this.media = media;
        this.forms = forms;
        this.limit = limit;
        this.newMediaId = newMediaId;
        this.clock = clock;
    }

    public RequestUploadReply request(Actor actor, Command command) {
        String conversationId = ConversationId.require(command.conversationId());
        boolean encrypted = Boolean.TRUE.equals(command.encrypted());
        MediaTypes.Type type = type(command.contentType(), encrypted);
        long size = size(command.size(), type);
        Long thumbnailSize = thumbnailSize(command.thumbnailSize(), type);
        if (!limit.admits(actor.userId())) {
            throw new FailureException(new Failure.RateLimited(Actions.REQUEST_UPLOAD, limit.perMinute()));
        }
        ConversationTail conversation = access.requireMember(actor.userId(), conversationId);
        if (conversation.e2ee() && !encrypted) {
            throw RequestFields.badRequest("This conversation is end-to-end encrypted: upload encrypted bytes with "
                    + "\"encrypted\": true and \"contentType\": \"" + MediaTypes.ENCRYPTED_CONTENT_TYPE + "\".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plusSeconds(Limits.UPLOAD_FORM_EXPIRY_SECONDS);
        String mediaId = newMediaId.get();
        media.create(Media.pending(mediaId, conversationId, actor.userId(), actor.deviceId(), type.contentType(), type.kind(),
                encrypted, size, thumbnailSize, now));
        UploadForm upload = forms.form(MediaKeys.upload(conversationId, mediaId, MediaKeys.PART_ORIGINAL),
                type.contentType(), size, expiresAt);
        UploadForm thumbnail = thumbnailSize == null ? null
                : forms.form(MediaKeys.upload(conversationId, mediaId, MediaKeys.PART_THUMB),
                thumbnailContentType(type), thumbnailSize, expiresAt);
        return new RequestUploadReply(conversationId, mediaId, upload, thumbnail, expiresAt.toEpochMilli());
    }

    /** Encrypted bytes are all application/octet-stream: the real type travels inside the ciphertext. */
    private static MediaTypes.Type type(String contentType, boolean encrypted) {
        RequestFields.required(contentType, "contentType");
        if (encrypted) {
            if (!MediaTypes.ENCRYPTED_CONTENT_TYPE.equals(contentType)) {
                throw RequestFields.badRequest("An encrypted upload has \"contentType\": \"" + MediaTypes.ENCRYPTED_CONTENT_TYPE
                        + "\"; the real type travels inside the ciphertext.");
            }
            return MediaTypes.ENCRYPTED;
        }
        return MediaTypes.of(contentType).orElseThrow(() -> RequestFields.badRequest("Field \"contentType\" must be one of "
                + String.join(", ", MediaTypes.all().keySet()) + " (or \"" + MediaTypes.ENCRYPTED_CONTENT_TYPE
                + "\" with \"encrypted\": true)."));
    }

    private static long size(Long size, MediaTypes.Type type) {
        RequestFields.required(size, "size");
        if (size < 1) {
            throw RequestFields.badRequest("Field \"size\" must be the file's exact size in bytes, 1 or more.");
        }
        if (size > type.maxBytes()) {
            throw tooLarge("A " + type.contentType() + " upload is at most " + type.maxBytes() + " bytes ("
                    + type.maxBytes() / MediaTypes.MB + " MB); \"size\" is " + size + ".");
        }
        return size;
    }

    /** Only a video (its JPEG poster) or an encrypted file (its encrypted thumbnail) brings its own thumbnail. */
    private static Long thumbnailSize(Long thumbnailSize, MediaTypes.Type type) {
        if (thumbnailSize == null) {
            return null;
        }
        if (type.kind() != MediaTypes.Kind.VIDEO && type.kind() != MediaTypes.Kind.ENCRYPTED) {
            throw RequestFields.badRequest("Field \"thumbnailSize\" is for videos (a JPEG poster) and encrypted uploads only; "
                    + "the server makes the thumbnails of " + type.contentType() + ".");
        }
        if (thumbnailSize < 1) {
            throw RequestFields.badRequest("Field \"thumbnailSize\" must be the thumbnail's exact size in bytes, 1 or more.");
        }
        if (thumbnailSize > MediaTypes.MAX_THUMBNAIL_BYTES) {
            throw tooLarge("A thumbnail is at most " + MediaTypes.MAX_THUMBNAIL_BYTES + " bytes; \"thumbnailSize\" is "
                    + thumbnailSize + ".");
        }
        return thumbnailSize;
    }

    private static String thumbnailContentType(MediaTypes.Type type) {
        return type.kind() == MediaTypes.Kind.VIDEO ? MediaTypes.POSTER_CONTENT_TYPE : MediaTypes.ENCRYPTED_CONTENT_TYPE;
    }

    private static FailureException tooLarge(String message) {
        return new FailureException(new Failure.PayloadTooLarge(message));
    }

    /** What the caller asks for: the {@code requestUpload} action's fields, as the handler read them. */
    public record Command(String conversationId, String contentType, Long size, Boolean encrypted, Long thumbnailSize) {
    }
}
