package dev.parley.functions.domain.keys;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.Recipient;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.ratelimit.InMemoryRateLimiter;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.model.Limits;
import dev.parley.model.v1.ClaimKeysReply;
import dev.parley.model.v1.PreKeyBundle;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** publishKeys and claimKeys over the in-memory directory: device numbers, reinstalls, one-time keys, last resort, keysLow, limits. */
class ClaimKeysTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:30Z"), ZoneOffset.UTC);
    private static final Actor CAROL_PHONE = new Actor("carol", "phone", "conn-phone");
    private static final Actor BOB = new Actor("bob", "laptop", "conn-bob");

    private final InMemoryKeyDirectory directory = new InMemoryKeyDirectory();
    private final List<DevicesChanged> announced = new ArrayList<>();
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final PublishKeys publishKeys = new PublishKeys(directory, directory, announced::add, CLOCK);
    private final ClaimKeys claimKeys = new ClaimKeys(directory, directory,
            new PerMinuteLimit("claimKeys", Limits.KEY_CLAIMS_PER_MINUTE, new InMemoryRateLimiter(), CLOCK),
            new FanOut(users -> List.of(new Recipient("carol", "conn-phone", "phone")), publisher));

    @Test
    void one_time_keys_go_once_each_then_the_last_resort_key_and_the_device_hears_keysLow() {
        int deviceNum = publishKeys.publish(CAROL_PHONE, command(4711, identity(1), 2)).deviceNum();

        List<PreKeyBundle> bundles = IntStream.range(0, 3)
                .mapToObj(i -> claimKeys.claim(BOB, new ClaimKeys.Command("carol", deviceNum)).bundles().getFirst()).toList();

        assertThat(bundles).extracting(b -> b.oneTimePreKey() == null ? null : b.oneTimePreKey().keyId()).containsExactly(1, 2, null);
        assertThat(bundles).extracting(b -> b.kyberPreKey().lastResort()).containsExactly(false, false, true);
        assertThat(bundles.get(2).kyberPreKey().keyId()).isEqualTo(1_000_000);
        assertThat(publisher.posts()).hasSize(3).allSatisfy(post -> {
            assertThat(post.to().deviceId()).isEqualTo("phone");
            assertThat(post.frame().path("type").asText()).isEqualTo("keysLow");
        });
        assertThat(publisher.posts().getFirst().frame().path("oneTimePreKeys").asInt()).isEqualTo(1);
    }

    @Test
    void a_new_registration_id_is_a_reinstall_that_drops_one_time_keys_and_extends_the_log() {
        int first = publishKeys.publish(CAROL_PHONE, command(4711, identity(1), 5)).deviceNum();
        var reinstalled = publishKeys.publish(CAROL_PHONE, command(4712, identity(2), 1));

        assertThat(reinstalled.deviceNum()).isEqualTo(first);
        assertThat(reinstalled.oneTimePreKeys()).isEqualTo(1);
        assertThat(directory.after("carol", 0, 100)).extracting(KeyLogEntry::change)
                .containsExactly(KeyLogEntry.Change.ADDED, KeyLogEntry.Change.REINSTALLED);
        assertThat(announced).extracting(DevicesChanged::seq).containsExactly(1L, 2L);
        ClaimKeysReply claimed = claimKeys.claim(BOB, new ClaimKeys.Command("carol", null));
        assertThat(claimed.keyLog().seq()).isEqualTo(2);
        assertThat(claimed.bundles().getFirst().identityKey()).isEqualTo(identity(2));
    }

    @Test
    void the_same_registration_id_with_another_identity_key_is_refused_and_a_second_device_gets_the_next_number() {
        publishKeys.publish(CAROL_PHONE, command(4711, identity(1), 0));

        assertThatThrownBy(() -> publishKeys.publish(CAROL_PHONE, command(4711, identity(2), 0)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.BadRequest.class));
        assertThat(publishKeys.publish(new Actor("carol", "tablet", "conn-tablet"), command(99, identity(3), 0)).deviceNum())
                .isEqualTo(2);
    }

    @Test
    void claims_beyond_the_limit_per_caller_and_device_are_refused_and_unknown_devices_are_not_found() {
        int deviceNum = publishKeys.publish(CAROL_PHONE, command(4711, identity(1), 0)).deviceNum();
        for (int i = 0; i < Limits.KEY_CLAIMS_PER_MINUTE; i++) {
            claimKeys.claim(BOB, new ClaimKeys.Command("carol", deviceNum));
        }

        assertThatThrownBy(() -> claimKeys.claim(BOB, new ClaimKeys.Command("carol", deviceNum)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.RateLimited.class));
        assertThat(claimKeys.claim(new Actor("dave", "d", "conn-d"), new ClaimKeys.Command("carol", deviceNum)).bundles()).hasSize(1);
        assertThatThrownBy(() -> claimKeys.claim(BOB, new ClaimKeys.Command("carol", deviceNum + 1)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.KeysNotFound.class));
        assertThatThrownBy(() -> claimKeys.claim(BOB, new ClaimKeys.Command("nobody", null)))
                .isInstanceOfSatisfying(FailureException.class, e -> assertThat(e.failure()).isInstanceOf(Failure.KeysNotFound.class));
    }

    private static PublishKeys.Command command(int registrationId, String identityKey, int oneTime) {
        return new PublishKeys.Command(registrationId, identityKey,
                new PublishKeys.KeyFields(1, identity(9), signature()),
                new PublishKeys.KeyFields(1_000_000, kyber(), signature()),
                IntStream.rangeClosed(1, oneTime).mapToObj(id -> new PublishKeys.KeyFields(id, identity(10 + id), null)).toList(),
                IntStream.rangeClosed(1, oneTime).mapToObj(id -> new PublishKeys.KeyFields(id, kyber(), signature())).toList());
    }

    private static String identity(int seed) {
        byte[] key = new byte[PublicKey.EC_BYTES];
        key[0] = 0x05;
        key[1] = (byte) seed;
        return Base64.getEncoder().encodeToString(key);
    }

    private static String kyber() {
        return Base64.getEncoder().encodeToString(new byte[PublicKey.KYBER_BYTES]);
    }

    private static String signature() {
        return Base64.getEncoder().encodeToString(new byte[PublicKey.SIGNATURE_BYTES]);
    }
}
