package dev.parley.functions.domain.delivery;

import dev.parley.functions.testing.CapturedLogs;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FanOutTest {
    private static final Frame.Event EVENT = ProtocolCodec.instance().event(Actions.MESSAGE_EVENT, new MessageEvent(
            "d_0123456789abcdef0123456789abcdef", 1, "alice", "phone", 1_772_366_400_000L, "m1", "hi", null, null, null, null));
    private static final Map<String, List<Recipient>> DEVICES = Map.of(
            "alice", List.of(new Recipient("alice", "conn-a1", "phone"), new Recipient("alice", "conn-a2", "laptop")),
            "bob", List.of(new Recipient("bob", "conn-b1", "phone")));

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final AtomicInteger lookups = new AtomicInteger();
    private final LiveConnections live = userIds -> {
        lookups.incrementAndGet();
        return userIds.stream().flatMap(user -> DEVICES.getOrDefault(user, List.of()).stream()).toList();
    };

    @Test
    void every_live_device_of_the_users_gets_the_event_but_the_connection_that_caused_it() {
        DeliveryReport report = new FanOut(live, publisher).send(List.of("alice", "bob"), "conn-a1", EVENT);

        assertThat(publisher.connectionIds()).containsExactlyInAnyOrder("conn-a2", "conn-b1");
        assertThat(publisher.posts()).allSatisfy(post -> assertThat(post.frameJson()).isEqualTo(ProtocolCodec.instance().encode(EVENT)));
        assertThat(report).isEqualTo(new DeliveryReport(2, 0, 0, Set.of("alice", "bob")));
    }

    @Test
    void nobody_live_means_no_post_at_all() {
        EventPublisher refusing = (to, frame) -> {
            throw new AssertionError("posted to " + to);
        };

        assertThat(new FanOut(live, refusing).send(List.of("carol"), null, EVENT)).isEqualTo(DeliveryReport.none());
    }

    @Test
    void a_lookup_started_before_the_event_exists_is_read_once_and_serves_the_same_users_only() {
        FanOut.Pending pending = new FanOut(live, publisher).lookUp(List.of("bob", "alice", "bob"), null);

        assertThat(pending.covers(Set.of("alice", "bob"))).isTrue();
        assertThat(pending.covers(Set.of("alice"))).isFalse();
        assertThat(pending.send(EVENT).delivered()).isEqualTo(3);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void connections_that_cannot_be_read_are_reported_and_logged_never_thrown_at_the_caller() {
        LiveConnections unreachable = userIds -> {
            throw new IllegalStateException("table unreachable");
        };

        DeliveryReport report = new FanOut(unreachable, publisher).send(List.of("alice", "bob"), null, EVENT);

        assertThat(report).isEqualTo(new DeliveryReport(0, 0, 2));
        assertThat(logs.lines()).singleElement().satisfies(line -> {
            assertThat(line.get("level").asText()).isEqualTo("ERROR");
            assertThat(line.get("errorMessage").asText()).isEqualTo("table unreachable");
        });
    }
}
