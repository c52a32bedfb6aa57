package dev.parley.functions.domain.identity;

import dev.parley.functions.domain.device.InMemoryDeviceRegistry;
import dev.parley.functions.domain.identity.AuthorizeConnection.Decision;
import dev.parley.functions.domain.identity.AuthorizeConnection.Granted;
import dev.parley.functions.domain.identity.AuthorizeConnection.Refused;
import dev.parley.functions.domain.identity.AuthorizeConnection.Revoked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizeConnectionTest {
    private static final Instant SIGNED_IN = Instant.parse("2026-03-01T12:00:00Z");
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final List<String> verifiedTokens = new ArrayList<>();
    private final TokenVerifier tokens = token -> {
        verifiedTokens.add(token);
        return token.equals("good")
                ? new TokenVerifier.Verified("user-1", "alice", SIGNED_IN)
                : new TokenVerifier.Rejected(new RejectionReason.Expired());
    };
    private final AuthorizeConnection authorizeConnection = new AuthorizeConnection(tokens, devices);

    @Test
    void a_valid_token_and_device_id_grant_the_connection_as_that_user_and_device() {
        Decision decision = authorizeConnection.authorize("good", "iphone-7f3a");

        assertThat(decision).isEqualTo(new Granted(new VerifiedIdentity("user-1", "alice", "iphone-7f3a", SIGNED_IN)));
    }

    @Test
    void a_device_revoked_after_the_sign_in_of_the_token_is_refused_as_revoked() {
        devices.seen("user-1", "iphone-7f3a", "ios", SIGNED_IN);
        devices.revoke("user-1", "iphone-7f3a", SIGNED_IN.plusSeconds(60));

        assertThat(authorizeConnection.authorize("good", "iphone-7f3a")).isEqualTo(new Revoked(
                new VerifiedIdentity("user-1", "alice", "iphone-7f3a", SIGNED_IN),
                new RejectionReason.DeviceRevoked("iphone-7f3a", SIGNED_IN.plusSeconds(60))));
    }

    @Test
    void a_device_revoked_in_the_same_second_as_the_sign_in_is_refused_too() {
        devices.seen("user-1", "iphone-7f3a", "ios", SIGNED_IN);
        devices.revoke("user-1", "iphone-7f3a", SIGNED_IN.plusMillis(999));

        assertThat(authorizeConnection.authorize("good", "iphone-7f3a")).isInstanceOf(Revoked.class);
    }

    @Test
    void a_device_revoked_before_the_user_signed_in_on_it_again_is_granted() {
        devices.seen("user-1", "iphone-7f3a", "ios", SIGNED_IN.minusSeconds(600));
        devices.revoke("user-1", "iphone-7f3a", SIGNED_IN.minusSeconds(1));

        assertThat(authorizeConnection.authorize("good", "iphone-7f3a")).isInstanceOf(Granted.class);
    }

    @Test
    void a_revocation_of_another_device_does_not_refuse_this_one() {
        devices.seen("user-1", "tablet", "android", SIGNED_IN);
        devices.revoke("user-1", "tablet", SIGNED_IN.plusSeconds(60));

        assertThat(authorizeConnection.authorize("good", "iphone-7f3a")).isInstanceOf(Granted.class);
    }

    @Test
    void signing_out_everywhere_after_the_sign_in_refuses_every_device_even_one_never_seen() {
        devices.revokeAll("user-1", SIGNED_IN.plusSeconds(60));

        assertThat(authorizeConnection.authorize("good", "brand-new-device")).isEqualTo(new Revoked(
                new VerifiedIdentity("user-1", "alice", "brand-new-device", SIGNED_IN),
                new RejectionReason.UserSignedOut(SIGNED_IN.plusSeconds(60))));
    }

    @Test
    void signing_out_everywhere_before_the_sign_in_refuses_nothing() {
        devices.revokeAll("user-1", SIGNED_IN.minusSeconds(60));

        assertThat(authorizeConnection.authorize("good", "iphone-7f3a")).isInstanceOf(Granted.class);
    }

    @Test
    void the_verifiers_reason_for_refusing_a_token_is_kept_for_the_log() {
        assertThat(authorizeConnection.authorize("stale", "iphone"))
                .isEqualTo(new Refused(new RejectionReason.Expired()));
    }

    @Test
    void a_missing_token_is_refused_without_verifying_anything() {
        assertThat(authorizeConnection.authorize(null, "iphone")).isEqualTo(new Refused(new RejectionReason.MissingToken()));
        assertThat(authorizeConnection.authorize(" ", "iphone")).isEqualTo(new Refused(new RejectionReason.MissingToken()));
        assertThat(verifiedTokens).isEmpty();
    }

    @Test
    void a_missing_device_id_is_refused_without_verifying_the_token() {
        assertThat(authorizeConnection.authorize("good", null)).isEqualTo(new Refused(new RejectionReason.MissingDeviceId()));
        assertThat(authorizeConnection.authorize("good", "")).isEqualTo(new Refused(new RejectionReason.MissingDeviceId()));
        assertThat(verifiedTokens).isEmpty();
    }

    @ParameterizedTest(name = "device id \"{0}\" is refused")
    @ValueSource(strings = {"has space", "semi;colon", "ünïcode", "slash/", "65-chars-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void a_device_id_outside_the_allowed_alphabet_or_length_is_refused(String deviceId) {
        assertThat(authorizeConnection.authorize("good", deviceId)).isEqualTo(new Refused(new RejectionReason.InvalidDeviceId()));
        assertThat(verifiedTokens).isEmpty();
    }

    @ParameterizedTest(name = "device id \"{0}\" is accepted")
    @ValueSource(strings = {"a", "iPhone_15-pro", "0123456789", "64-chars-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void device_ids_of_one_to_64_letters_digits_dashes_and_underscores_are_accepted(String deviceId) {
        assertThat(authorizeConnection.authorize("good", deviceId)).isInstanceOf(Granted.class);
    }
}
