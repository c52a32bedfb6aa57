package dev.parley.functions.domain.media;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationTails;
import dev.parley.functions.domain.conversation.MemberRows;
import dev.parley.model.IdFormats;
import dev.parley.model.Limits;
import dev.parley.model.MediaTypes;
import dev.parley.model.v1.GetMediaUrlReply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import dev.parley.functions.domain.MediaIds;

/**
 * Use case (getMediaUrl): short-lived download URLs of a conversation's READY media, for its
 * members only. Two reads: the conversation's header (membership) and the media item (consistent
 * GetItem); the URLs are signed locally. Media of another conversation, or not READY, is the same
 * NOT_FOUND as an unknown id: the id of a media item is no key to it, membership is.
 */
public final class GetMediaUrl {
    private static final Pattern MEDIA_ID = IdFormats.MEDIA_ID.pattern();
    private static final Set<String> VERSIONS = Set.of(MediaTypes.VERSION_ORIGINAL, MediaTypes.VERSION_DISPLAY,
            MediaTypes.VERSION_THUMB, MediaTypes.VERSION_PREVIEW);

    private final ConversationAccess access;
    private final MediaRepository media;
    private final MediaUrls urls;
    private final Clock clock;

    public GetMediaUrl(ConversationTails messages, MemberRows rows, MediaRepository media, MediaUrls urls,
                       Clock clock) {
        this.access = new ConversationAccess(messages, rows);
        this.media = media;
        this.urls = urls;
        this.clock = clock;
    }

    public GetMediaUrlReply get(Actor actor, Command command) {
        String mediaId = RequestFields.required(command.mediaId(), "mediaId");
        if (!MEDIA_ID.matcher(mediaId).matches()) {
            throw RequestFields.badRequest("Field \"mediaId\" must be a media id as requestUpload returned it.");
        }
        Set<String> asked = asked(command.versions());
        String conversationId = access.requireMember(actor.userId(), command.conversationId()).conversationId();
        Media item = media.find(mediaId)
                .filter(found -> found.conversationId().equals(conversationId) && found.ready())
                .orElseThrow(() -> new FailureException(new Failure.MediaNotFound(conversationId, mediaId)));
        Set<String> versions = asked.isEmpty() ? new TreeSet<>(item.versions()) : asked;
        for (String version : versions) {
            if (!item.versions().contains(version)) {
                throw RequestFields.badRequest("Media \"" + mediaId + "\" has no version \"" + version + "\"; it has "
                        + String.join(", ", new TreeSet<>(item.versions())) + ".");
            }
        }
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).plusSeconds(Limits.MEDIA_URL_EXPIRY_SECONDS);
        Map<String, String> signed = new LinkedHashMap<>();
        for (String version : versions) {
            signed.put(version, urls.url(MediaKeys.version(conversationId, mediaId, version), expiresAt));
        }
        return new GetMediaUrlReply(conversationId, mediaId, signed, expiresAt.toEpochMilli());
    }

    /** The versions named, in a stable order; empty when the request names none (all of them). */
    private static Set<String> asked(List<String> versions) {
        Set<String> asked = new TreeSet<>();
        if (versions == null) {
            return asked;
        }
        for (int i = 0; i < versions.size(); i++) {
            String version = versions.get(i);
            if (version == null || !VERSIONS.contains(version)) {
                throw RequestFields.badRequest("Field \"versions[" + i + "]\" must be one of "
                        + String.join(", ", new TreeSet<>(VERSIONS)) + ".");
            }
            asked.add(version);
        }
        return asked;
    }

    /** What the caller asks for: the {@code getMediaUrl} action's fields, as the handler read them. */
    public record Command(String conversationId, String mediaId, List<String> versions) {
    }
}
