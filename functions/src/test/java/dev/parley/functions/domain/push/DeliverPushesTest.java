package dev.parley.functions.domain.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.Recipient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.parley.functions.domain.delivery.PushPlatform;
import dev.parley.functions.domain.delivery.PushTarget;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets a push for a stored message, and what it says, with every port in memory. */
class DeliverPushesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryPushRegistry registry = new InMemoryPushRegistry();
    private final FakePushEndpoints endpoints = new FakePushEndpoints(PushPlatform.values());
    private final InMemoryInboxes inboxes = new InMemoryInboxes();
    private final InMemoryUserSettings settings = new InMemoryUserSettings();
    private final List<Recipient> liveNow = new ArrayList<>();
    private final LiveConnections live = userIds -> liveNow.stream().filter(r -> userIds.contains(r.userId())).toList();
    private final DeliverPushes deliver = new DeliverPushes(registry, live, inboxes, settings, endpoints,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private String device(String userId, String deviceId, PushPlatform platform) {
        return endpoints.register(platform, "token-" + deviceId, PushRegistration.owner(userId, deviceId), null).arn();
    }

    private String registered(String userId, String deviceId, PushPlatform platform) {
        String arn = device(userId, deviceId, platform);
        registry.save(new PushRegistration(userId, deviceId, platform, "token-" + deviceId, arn, true, NOW));
        return arn;
    }

    /** The job the send path would queue: the active registrations of alice and bob not live at send time. */
    private PushJob job(Set<String> liveAtSend) {
        List<PushTarget> targets = new ArrayList<>();
        for (String userId : List.of("alice", "bob")) {
            for (PushRegistration registration : registry.active(userId)) {
                if (!liveAtSend.contains(registration.deviceId())) {
                    targets.add(new PushTarget(userId, registration.deviceId(), registration.platform(),
                            registration.endpointArn()));
                }
            }
        }
        return new PushJob("c-1", 5, "bob", "bob-phone", "bob", NOW.toEpochMilli(), false, "hi", targets);
    }

    private List<String> pushedTo() {
        return endpoints.published().stream().map(FakePushEndpoints.Published::endpointArn).toList();
    }

    @Test
    void each_offline_device_of_each_member_gets_exactly_one_push_but_the_sending_device_gets_none() {
        inboxes.member("alice", "c-1", 4, 4);
        inboxes.member("bob", "c-1", 4, 4);
        String alicePhone = registered("alice", "alice-phone", PushPlatform.APNS);
        String aliceTablet = registered("alice", "alice-tablet", PushPlatform.FCM);
        registered("bob", "bob-phone", PushPlatform.APNS);
        String bobTablet = registered("bob", "bob-tablet", PushPlatform.APNS);

        DeliverPushes.Outcome outcome = deliver.deliver(job(Set.of()));

        assertThat(pushedTo()).containsExactlyInAnyOrder(alicePhone, aliceTablet, bobTablet);
        assertThat(outcome).isEqualTo(new DeliverPushes.Outcome(3, 0, 0));
    }

    @Test
    void devices_live_now_get_no_push() {
        inboxes.member("alice", "c-1", 4, 4);
        registered("alice", "alice-phone", PushPlatform.APNS);
        registered("alice", "alice-laptop", PushPlatform.APNS);
        String aliceTablet = registered("alice", "alice-tablet", PushPlatform.APNS);
        liveNow.add(new Recipient("alice", "conn-1", "alice-laptop"));

        deliver.deliver(job(Set.of("alice-phone")));

        assertThat(pushedTo()).containsExactly(aliceTablet);
    }

    @Test
    void a_muted_conversation_or_a_member_who_left_gets_no_push() {
        inboxes.member("alice", "c-1", 4, 4);
        inboxes.mute("alice", "c-1", Inboxes.MUTED_FOREVER, NOW);
        registered("alice", "alice-phone", PushPlatform.APNS);
        registered("carol", "carol-phone", PushPlatform.APNS);
        PushJob job = new PushJob("c-1", 5, "bob", "bob-phone", "bob", 1L, false, "hi", List.of(
                new PushTarget("alice", "alice-phone", PushPlatform.APNS, "arn:alice"),
                new PushTarget("carol", "carol-phone", PushPlatform.APNS, "arn:carol")));

        assertThat(deliver.deliver(job)).isEqualTo(new DeliverPushes.Outcome(0, 0, 0));
        assertThat(endpoints.published()).isEmpty();
    }

    @Test
    void the_badge_is_the_users_unread_total_counting_the_message_being_pushed() throws Exception {
        inboxes.member("alice", "c-1", 4, 2);
        inboxes.member("alice", "c-2", 10, 7);
        inboxes.member("alice", "c-3", 3, 3);
        registered("alice", "alice-phone", PushPlatform.APNS);

        deliver.deliver(job(Set.of()));

        JsonNode payload = JSON.readTree(endpoints.published().getFirst().notification().payload());
        assertThat(payload.at("/aps/badge").asLong()).isEqualTo((5 - 2) + (10 - 7));
    }

    @Test
    void preview_off_in_the_users_settings_hides_the_text() throws Exception {
        inboxes.member("alice", "c-1", 4, 4);
        registered("alice", "alice-phone", PushPlatform.APNS);
        settings.update("alice", null, false);

        deliver.deliver(job(Set.of()));

        String payload = endpoints.published().getFirst().notification().payload();
        assertThat(JSON.readTree(payload).at("/aps/alert/title").asText()).isEqualTo(PushPayloads.GENERIC_TITLE);
        assertThat(payload).doesNotContain("hi\"");
    }

    @Test
    void a_disabled_endpoint_marks_the_registration_invalid_and_gets_no_more_pushes() {
        inboxes.member("alice", "c-1", 4, 4);
        String phone = registered("alice", "alice-phone", PushPlatform.APNS);
        endpoints.disable(phone);

        assertThat(deliver.deliver(job(Set.of()))).isEqualTo(new DeliverPushes.Outcome(0, 1, 0));
        assertThat(registry.find("alice", "alice-phone").orElseThrow().active()).isFalse();
        assertThat(deliver.deliver(job(Set.of()))).isEqualTo(new DeliverPushes.Outcome(0, 0, 0));
    }

    @Test
    void a_failed_publish_is_counted_so_the_job_is_retried_while_the_others_go_out() {
        inboxes.member("alice", "c-1", 4, 4);
        String phone = registered("alice", "alice-phone", PushPlatform.APNS);
        String tablet = registered("alice", "alice-tablet", PushPlatform.APNS);
        endpoints.fail(phone);

        assertThat(deliver.deliver(job(Set.of()))).isEqualTo(new DeliverPushes.Outcome(1, 0, 1));
        assertThat(pushedTo()).containsExactly(tablet);
    }

    @Test
    void the_sending_device_gets_no_push_even_when_the_job_names_it() {
        inboxes.member("bob", "c-1", 4, 4);
        registered("bob", "bob-phone", PushPlatform.APNS);

        assertThat(deliver.deliver(job(Set.of())).sent()).isZero();
    }
}
