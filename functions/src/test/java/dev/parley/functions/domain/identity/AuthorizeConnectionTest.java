package dev.parley.functions.domain.identity;

import dev.parley.functions.domain.identity.AuthorizeConnection.Decision;
import dev.parley.functions.domain.identity.AuthorizeConnection.Granted;
import dev.parley.functions.domain.identity.AuthorizeConnection.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizeConnectionTest {
    private final List<String> verifiedTokens = new ArrayList<>();
    private final TokenVerifier tokens = token -> {
        verifiedTokens.add(token);
        return token.equals("good")
                ? new TokenVerifier.Verified("user-1", "alice")
                : new TokenVerifier.Rejected(new RejectionReason.Expired());
    };
    private final AuthorizeConnection authorizeConnection = new AuthorizeConnection(tokens);

    @Test
    void a_valid_token_and_device_id_grant_the_connection_as_that_user_and_device() {
        Decision decision = authorizeConnection.authorize("good", "iphone-7f3a");

        assertThat(decision).isEqualTo(new Granted(new VerifiedIdentity("user-1", "alice", "iphone-7f3a")));
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
