package dev.parley.it;

import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.TypingEvent;
import dev.parley.model.v1.TypingReply;
import dev.parley.model.v1.TypingRequest;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typing indicators over real sockets (docs/protocol/live.md): they reach the other members'
 * live devices only, never the typist's own devices or non-members, and "stopped" ends them.
 */
class TypingTest extends WithThreeUsers {

    private static TypingEvent awaitTyping(Device device, String conversationId, String state) {
        return device.awaitEvent(Actions.TYPING_EVENT,
                p -> p.path("conversationId").asText().equals(conversationId) && p.path("state").asText().equals(state),
                TypingEvent.class, Device.WAIT, "typing " + state + " in " + conversationId);
    }

    @Test
    void typing_reaches_the_other_members_only_and_stopped_reaches_them_when_the_typist_stops() {
        try (Device phone = Device.connect(alice); Device laptop = Device.connect(alice); Device b = Device.connect(bob);
             Device outsider = Device.connect(carol)) {
            String id = phone.createGroup("typing", false, bob.userId()).conversationId();

            phone.call(Actions.TYPING, new TypingRequest(id, "typing"), TypingReply.class);

            TypingEvent typing = awaitTyping(b, id, "typing");
            assertThat(typing.userId()).isEqualTo(alice.userId());
            assertThat(typing.expiresInMs()).as("the indicator expires unless refreshed").isEqualTo(Limits.TYPING_EXPIRES_MS);

            phone.call(Actions.TYPING, new TypingRequest(id, "stopped"), TypingReply.class);

            TypingEvent stopped = awaitTyping(b, id, "stopped");
            assertThat(stopped.userId()).isEqualTo(alice.userId());
            assertThat(outsider.eventsBeforeMarker(Actions.TYPING_EVENT, p -> true, TypingEvent.class))
                    .as("a user who is not a member hears nothing").isEmpty();
            assertThat(laptop.eventsBeforeMarker(Actions.TYPING_EVENT, p -> true, TypingEvent.class))
                    .as("the typist's own other devices hear nothing").isEmpty();
            assertThat(phone.eventsBeforeMarker(Actions.TYPING_EVENT, p -> true, TypingEvent.class))
                    .as("nor does the typing device").isEmpty();
            assertThat(b.eventsBeforeMarker(Actions.TYPING_EVENT, p -> true, TypingEvent.class))
                    .as("one event per request").isEmpty();
        }
    }

    @Test
    void typing_is_never_stored_so_it_changes_nothing_a_sync_or_getConversation_shows() {
        try (Device a = Device.connect(alice); Device b = Device.connect(bob)) {
            String id = a.createGroup("typing leaves no trace", false, bob.userId()).conversationId();

            a.call(Actions.TYPING, new TypingRequest(id, "typing"), TypingReply.class);
            awaitTyping(b, id, "typing");

            assertThat(b.get(id).conversation().lastSeq()).isZero();
            assertThat(b.get(id).conversation().unreadCount()).isZero();
        }
    }
}
