package dev.parley.functions.domain.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.connection.Connection;
import dev.parley.functions.domain.connection.InMemoryConnectionRepository;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import org.assertj.core.api.ThrowableAssert;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Alice (on her phone and her laptop), Bob, Carol and Dave, all connected, and every conversation
 * use case over in-memory fakes. Events go through the real fan-out to a recording publisher.
 */
final class ConversationWorld {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    static final Actor ALICE = new Actor("alice", "phone", "conn-alice-phone");
    static final Actor ALICE_LAPTOP = new Actor("alice", "laptop", "conn-alice-laptop");
    static final Actor BOB = new Actor("bob", "pixel", "conn-bob");
    static final Actor CAROL = new Actor("carol", "ipad", "conn-carol");
    static final Actor DAVE = new Actor("dave", "web", "conn-dave");

    final InMemoryConversationRepository repository = new InMemoryConversationRepository();
    final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    final RecordingEventPublisher publisher = new RecordingEventPublisher();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final ConversationEvents events = new ConversationEvents(new FanOut(
            connections.liveAt(NOW),
            publisher));
    final CreateConversation create = new CreateConversation(repository, events, clock);
    final GetConversation get = new GetConversation(repository);
    final ListConversations list = new ListConversations(repository);
    final AddMembers add = new AddMembers(repository, events, clock);
    final RemoveMembers remove = new RemoveMembers(repository, events);
    final LeaveConversation leave = new LeaveConversation(repository, events);
    final SetRole setRole = new SetRole(repository, events);
    final UpdateGroup updateGroup = new UpdateGroup(repository, events);
    private int seen;

    ConversationWorld() {
        for (Actor device : List.of(ALICE, ALICE_LAPTOP, BOB, CAROL, DAVE)) {
            connections.save(Connection.opened(device.connectionId(), device.userId(), device.deviceId(), NOW));
        }
    }

    /** A group {@code admin} created with the others in it; its creation events are already seen. */
    String group(Actor admin, Actor... others) {
        List<String> members = Arrays.stream(others).map(Actor::userId).toList();
        String id = create.create(admin, new CreateConversation.Command("group", members, "Team", null)).conversation().conversationId();
        events();
        return id;
    }

    /** The event frames posted since the last call, each with the connection it went to. */
    List<Delivered> events() {
        List<RecordingEventPublisher.Post> posts = publisher.posts();
        List<Delivered> fresh = posts.subList(seen, posts.size()).stream()
                .map(post -> new Delivered(post.to().connectionId(), post.frame()))
                .toList();
        seen = posts.size();
        return fresh;
    }

    static Failure failureOf(ThrowableAssert.ThrowingCallable call) {
        FailureException thrown = catchThrowableOfType(FailureException.class, call);
        assertThat(thrown).as("a FailureException").isNotNull();
        return thrown.failure();
    }

    /** One event frame on one socket. */
    record Delivered(String connectionId, JsonNode frame) {
        String change() {
            return frame.get("change").asText();
        }
    }
}
