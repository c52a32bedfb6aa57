package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.RequestFields;
import dev.parley.model.Limits;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.ListConversationsReply;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Use case: the caller's conversations, newest activity first (then by id), a page at a time,
 * each with its unread count.
 *
 * <p>Cost: activity lives on each conversation's timeline, not on the memberships, because the
 * send path cannot afford to update every member's row. So every page reads all of the caller's
 * memberships (one Query) and each of those conversations' header and latest message (one Query
 * each, in parallel): 1 + C queries for C conversations, about 0.5 read units each. A page's
 * cursor is the (lastActivityAt, conversationId) of its last entry, so a conversation that gets
 * a message between pages moves to the top rather than appearing twice.
 */
public final class ListConversations {
    public static final int DEFAULT_PAGE = 20;

    private static final Comparator<Conversation> NEWEST_FIRST = Comparator
            .comparingLong((Conversation conversation) -> conversation.lastActivityAt().toEpochMilli()).reversed()
            .thenComparing(Conversation::conversationId);

    private final ConversationRepository repository;

    public ListConversations(ConversationRepository repository) {
        this.repository = repository;
    }

    public ListConversationsReply list(Actor actor, Command command) {
        int limit = command.limit() == null ? DEFAULT_PAGE : command.limit();
        if (limit < 1 || limit > Limits.MAX_PAGE) {
            throw RequestFields.badRequest("Field \"limit\" must be 1 to " + Limits.MAX_PAGE + ".");
        }
        Cursor after = command.cursor() == null ? null : Cursor.parse(command.cursor());
        Map<String, Membership> memberships = repository.memberships(actor.userId()).stream()
                .collect(Collectors.toMap(Membership::conversationId, Function.identity()));
        List<Conversation> rest = repository.findAll(memberships.keySet()).stream()
                // The rows say the caller is a member; a small header must agree, a large one lists nobody.
                .filter(conversation -> conversation.large() || conversation.isMember(actor.userId()))
                .filter(conversation -> after == null || after.isBefore(conversation))
                .sorted(NEWEST_FIRST)
                .toList();
        List<Conversation> page = rest.subList(0, Math.min(limit, rest.size()));
        List<ConversationSummary> summaries = page.stream()
                .map(conversation -> conversation.summaryFor(actor.userId(),
                        memberships.get(conversation.conversationId()).readSeq()))
                .toList();
        String next = rest.size() > page.size() ? Cursor.after(page.getLast()).encode() : null;
        return new ListConversationsReply(summaries, next);
    }

    /** Where a page ended. Opaque to clients: base64url of {@code <lastActivityAt ms>:<conversationId>}. */
    record Cursor(long lastActivityAt, String conversationId) {

        static Cursor after(Conversation last) {
            return new Cursor(last.lastActivityAt().toEpochMilli(), last.conversationId());
        }

        static Cursor parse(String text) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return new Cursor(Long.parseLong(decoded.substring(0, colon)),
                        ConversationId.require(decoded.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw RequestFields.badRequest("Field \"cursor\" must be a nextCursor that listConversations returned.");
            }
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((lastActivityAt + ":" + conversationId).getBytes(StandardCharsets.UTF_8));
        }

        /** True when {@code conversation} sorts after this cursor, newest first. */
        boolean isBefore(Conversation conversation) {
            long activity = conversation.lastActivityAt().toEpochMilli();
            return activity < lastActivityAt
                    || activity == lastActivityAt && conversation.conversationId().compareTo(conversationId) > 0;
        }
    }

    /** What the caller asks for: the {@code listConversations} action's fields, as the handler read them. */
    public record Command(Integer limit, String cursor) {
    }
}
