package dev.parley.functions.domain.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.message.InMemoryMessageRepository;
import dev.parley.functions.domain.message.MessageDraft;
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
    private final InMemoryMessageRepository timelines = new InMemoryMessageRepository();
    private final DeliverPushes deliver = new DeliverPushes(registry, live, inboxes, timelines, settings, endpoints,
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** A new large group whose timeline holds {@code messages} messages, as its send path stores them. */
    private String largeGroup(int messages) {
        String conversationId = ConversationId.newGroup();
        timelines.createLarge(conversationId);
        for (long seq = 1; seq <= messages; seq++) {
            timelines.append(MessageDraft.of(conversationId, "m-" + seq, "hello", null, null, null)
                    .toMessage(new Actor("dave", "dave-phone", null), seq, NOW, List.of()));
        }
        return conversationId;
    }

    private long badgeOfFirstPush() throws Exception {
        return JSON.readTree(endpoints.published().getFirst().notification().payload()).at("/aps/badge").asLong();
    }

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
        return job("c-1", liveAtSend);
    }

    private PushJob job(String conversationId, Set<String> liveAtSend) {
        List<PushTarget> targets = new ArrayList<>();
        for (String userId : List.of("alice", "bob")) {
            for (PushRegistration registration : registry.active(userId)) {
                if (!liveAtSend.contains(registration.deviceId())) {
                    targets.add(new PushTarget(userId, registration.deviceId(), registration.platform(),
                            registration.endpointArn()));
                }
            }
        }
        return new PushJob(conversationId, 5, "bob", "bob-phone", "bob", NOW.toEpochMilli(), false, "hi", targets);
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
    void the_badge_counts_a_large_groups_messages_from_its_timeline_not_from_the_row_they_never_moved() throws Exception {
        inboxes.member("alice", "c-1", 4, 4);
        inboxes.largeMember("alice", largeGroup(12), 3, 3, NOW.toEpochMilli());
        inboxes.largeMember("alice", largeGroup(5), 0, 0, NOW.toEpochMilli());
        registered("alice", "alice-phone", PushPlatform.APNS);

        deliver.deliver(job(Set.of()));

        assertThat(badgeOfFirstPush()).isEqualTo((5 - 4) + (12 - 3) + 5);
    }

    @Test
    void each_large_group_is_read_once_per_job_however_many_pushed_members_share_it() throws Exception {
        String group = largeGroup(9);
        for (String user : List.of("alice", "bob")) {
            inboxes.member(user, "c-1", 4, 4);
            inboxes.largeMember(user, group, 2, 2, NOW.toEpochMilli());
        }
        registered("alice", "alice-phone", PushPlatform.APNS);
        registered("bob", "bob-tablet", PushPlatform.APNS);

        deliver.deliver(job(Set.of()));

        assertThat(endpoints.published()).hasSize(2).allSatisfy(push ->
                assertThat(JSON.readTree(push.notification().payload()).at("/aps/badge").asLong()).isEqualTo(1 + (9 - 2)));
        assertThat(timelines.reads()).isEqualTo(1);
    }

    @Test
    void a_user_in_more_large_groups_than_a_badge_reads_gets_those_read_most_recently_counted_exactly() throws Exception {
        inboxes.member("alice", "c-1", 4, 4);
        int groups = Badges.LARGE_READS_PER_USER + 3;
        for (int i = 0; i < groups; i++) {
            // Read longest ago first: the first three fall outside the badge's reads and count from their rows.
            inboxes.largeMember("alice", largeGroup(2), 1, 0, NOW.toEpochMilli() - groups + i);
        }
        registered("alice", "alice-phone", PushPlatform.APNS);

        deliver.deliver(job(Set.of()));

        assertThat(timelines.reads()).isEqualTo(Badges.LARGE_READS_PER_USER);
        assertThat(badgeOfFirstPush()).isEqualTo(1 + 2L * Badges.LARGE_READS_PER_USER + 3);
    }

    @Test
    void the_pushed_large_group_counts_up_to_the_pushed_seq_without_a_read() throws Exception {
        String group = largeGroup(5);
        inboxes.largeMember("alice", group, 2, 2, NOW.toEpochMilli());
        registered("alice", "alice-phone", PushPlatform.APNS);

        deliver.deliver(job(group, Set.of()));

        assertThat(badgeOfFirstPush()).isEqualTo(5 - 2);
        assertThat(timelines.reads()).isZero();
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
