package dev.parley.functions.adapter.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.parley.functions.domain.identity.RejectionReason;
import dev.parley.functions.domain.identity.SigningKeysUnavailableException;
import dev.parley.functions.domain.identity.TokenVerifier.Rejected;
import dev.parley.functions.domain.identity.TokenVerifier.TokenVerification;
import dev.parley.functions.domain.identity.TokenVerifier.Verified;
import dev.parley.functions.testing.JwksServer;
import dev.parley.functions.testing.SettableClock;
import dev.parley.functions.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;

import static dev.parley.functions.testing.TestTokens.accessClaims;
import static dev.parley.functions.testing.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CognitoAccessTokenVerifierTest {
    private static final RSAKey KEY = TestTokens.newKey("key-1");
    private static final RSAKey OTHER_KEY = TestTokens.newKey("key-2");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Set<String> CLIENTS = Set.of(TestTokens.CLIENT_ID, TestTokens.OTHER_ACCEPTED_CLIENT_ID);

    /** Claim checks against a fixed clock and a key set in memory. */
    @Nested
    class Claims {
        private final CognitoAccessTokenVerifier verifier = new CognitoAccessTokenVerifier(
                new ImmutableJWKSet<>(new JWKSet(KEY)), TestTokens.ISSUER, CLIENTS, Clock.fixed(NOW, ZoneOffset.UTC));

        private TokenVerification verify(JWTClaimsSet.Builder claims) {
            return verifier.verify(sign(KEY, claims.build()));
        }

        @Test
        void a_valid_access_token_yields_its_subject_and_username() {
            assertThat(verify(accessClaims(NOW))).isEqualTo(new Verified(TestTokens.USER_ID, TestTokens.USERNAME, NOW));
        }

        @Test
        void every_configured_app_client_is_accepted() {
            assertThat(verify(accessClaims(NOW).claim("client_id", TestTokens.OTHER_ACCEPTED_CLIENT_ID)))
                    .isInstanceOf(Verified.class);
        }

        @Test
        void a_token_of_another_app_client_is_refused() {
            assertThat(verify(accessClaims(NOW).claim("client_id", "someone-elses-app")))
                    .isEqualTo(new Rejected(new RejectionReason.WrongClient("someone-elses-app")));
        }

        @Test
        void a_token_from_another_issuer_is_refused() {
            String otherPool = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool";
            assertThat(verify(accessClaims(NOW).issuer(otherPool)))
                    .isEqualTo(new Rejected(new RejectionReason.WrongIssuer(otherPool)));
        }

        @Test
        void an_id_token_is_refused_even_when_signed_by_the_pool() {
            JWTClaimsSet.Builder idToken = accessClaims(NOW).claim("token_use", "id").claim("client_id", null)
                    .audience(TestTokens.CLIENT_ID);
            assertThat(verify(idToken)).isEqualTo(new Rejected(new RejectionReason.WrongTokenUse("id")));
        }

        @Test
        void a_token_expired_beyond_the_60_second_clock_skew_is_refused() {
            JWTClaimsSet.Builder expired = accessClaims(NOW.minus(Duration.ofHours(2)))
                    .expirationTime(Date.from(NOW.minusSeconds(61)));
            assertThat(verify(expired)).isEqualTo(new Rejected(new RejectionReason.Expired()));
        }

        @Test
        void a_token_expired_within_the_clock_skew_is_still_accepted() {
            JWTClaimsSet.Builder justExpired = accessClaims(NOW.minus(Duration.ofHours(1)))
                    .expirationTime(Date.from(NOW.minusSeconds(30)));
            assertThat(verify(justExpired)).isInstanceOf(Verified.class);
        }

        @Test
        void a_token_not_valid_before_a_time_beyond_the_skew_is_refused() {
            assertThat(verify(accessClaims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(120)))))
                    .isInstanceOf(Rejected.class)
                    .extracting(rejected -> ((Rejected) rejected).reason())
                    .isInstanceOf(RejectionReason.InvalidClaims.class);
        }

        @Test
        void a_token_without_an_expiry_is_refused() {
            assertThat(verify(accessClaims(NOW).expirationTime(null)))
                    .isEqualTo(new Rejected(new RejectionReason.InvalidClaims("JWT missing required claims: [exp]")));
        }

        @Test
        void a_token_without_auth_time_is_refused_because_revocation_is_checked_against_it() {
            assertThat(verify(accessClaims(NOW).claim("auth_time", null)))
                    .isEqualTo(new Rejected(new RejectionReason.InvalidClaims("JWT missing required claims: [auth_time]")));
        }

        @Test
        void a_refreshed_token_keeps_the_sign_in_time_it_came_from() {
            Instant signedIn = NOW.minus(Duration.ofHours(20));
            assertThat(verify(accessClaims(NOW).claim("auth_time", signedIn.getEpochSecond())))
                    .isEqualTo(new Verified(TestTokens.USER_ID, TestTokens.USERNAME, signedIn));
        }

        @Test
        void a_token_signed_by_another_key_under_a_known_key_id_is_refused() {
            RSAKey forger = TestTokens.newKey(KEY.getKeyID());
            String forged = sign(forger, accessClaims(NOW).build());

            assertThat(verifier.verify(forged)).isEqualTo(new Rejected(new RejectionReason.InvalidSignature("key-1")));
        }

        @Test
        void a_token_signed_by_an_unknown_key_is_refused() {
            assertThat(verifier.verify(sign(OTHER_KEY, accessClaims(NOW).build())))
                    .isEqualTo(new Rejected(new RejectionReason.UnknownSigningKey("key-2")));
        }

        @Test
        void an_unsigned_token_is_refused_as_alg_none() {
            assertThat(verifier.verify(TestTokens.unsigned(accessClaims(NOW).build())))
                    .isEqualTo(new Rejected(new RejectionReason.UnacceptedAlgorithm("none")));
        }

        @Test
        void an_hs256_token_keyed_with_the_public_key_is_refused() {
            assertThat(verifier.verify(TestTokens.hs256WithPublicKeyAsSecret(KEY, accessClaims(NOW).build())))
                    .isEqualTo(new Rejected(new RejectionReason.UnacceptedAlgorithm("HS256")));
        }

        @Test
        void text_that_is_not_a_jwt_is_refused_as_malformed() {
            assertThat(verifier.verify("not-a-token")).isInstanceOf(Rejected.class)
                    .extracting(rejected -> ((Rejected) rejected).reason())
                    .isInstanceOf(RejectionReason.MalformedToken.class);
            assertThat(verifier.verify("a".repeat(20_000)))
                    .isEqualTo(new Rejected(new RejectionReason.MalformedToken("longer than 16384 characters")));
        }
    }

    /** Fetching, caching and refreshing the JWKS over HTTP. */
    @Nested
    class KeySet {
        private final JwksServer jwks = new JwksServer();
        private final CognitoAccessTokenVerifier verifier =
                new CognitoAccessTokenVerifier(jwks.uri(), TestTokens.ISSUER, CLIENTS, Clock.systemUTC());

        KeySet() throws IOException {
        }

        @AfterEach
        void stopServer() {
            jwks.close();
        }

        @Test
        void the_jwks_is_fetched_once_for_many_tokens() {
            jwks.publish(KEY);

            for (int i = 0; i < 25; i++) {
                assertThat(verifier.verify(TestTokens.valid(KEY))).isInstanceOf(Verified.class);
            }

            assertThat(jwks.fetches()).isEqualTo(1);
        }

        @Test
        void a_token_signed_with_a_newly_rotated_key_makes_the_verifier_fetch_the_jwks_again() {
            jwks.publish(KEY);
            assertThat(verifier.verify(TestTokens.valid(KEY))).isInstanceOf(Verified.class);

            jwks.publish(KEY, OTHER_KEY);

            assertThat(verifier.verify(TestTokens.valid(OTHER_KEY))).isInstanceOf(Verified.class);
            assertThat(jwks.fetches()).isEqualTo(2);
        }

        @Test
        void a_stream_of_forged_key_ids_cannot_make_the_verifier_flood_the_jwks_endpoint() {
            jwks.publish(KEY);
            verifier.verify(TestTokens.valid(KEY));

            for (int i = 0; i < 20; i++) {
                RSAKey forger = new RSAKey.Builder(OTHER_KEY).keyID("forged-" + i).build();
                assertThat(verifier.verify(TestTokens.valid(forger)))
                        .isEqualTo(new Rejected(new RejectionReason.UnknownSigningKey("forged-" + i)));
            }

            assertThat(jwks.fetches()).isLessThanOrEqualTo(2);
        }

        /** A verifier on a clock the test moves, as a cold authorizer instance would see its first minutes. */
        @Nested
        class WhenFetchesFail {
            private final SettableClock clock = new SettableClock(Instant.now());
            private final CognitoAccessTokenVerifier cold =
                    new CognitoAccessTokenVerifier(jwks.uri(), TestTokens.ISSUER, CLIENTS, clock);

            private TokenVerification verifyNow(RSAKey key) {
                return cold.verify(sign(key, accessClaims(clock.instant()).build()));
            }

            private void assertKeysUnavailable() {
                assertThatThrownBy(() -> verifyNow(KEY)).isInstanceOf(SigningKeysUnavailableException.class);
            }

            @Test
            void a_valid_token_is_never_refused_while_no_key_set_was_fetched_even_when_refetching_is_rate_limited() {
                jwks.publish(KEY);
                jwks.failWith(503);

                for (int i = 0; i < 5; i++) {
                    assertKeysUnavailable();
                }
                // Two rounds of a fetch and its retry; the other three were stopped by the rate limit.
                assertThat(jwks.fetches()).isEqualTo(4);

                jwks.recover();
                assertKeysUnavailable();
                assertThat(jwks.fetches()).as("not tried again within the rate limit's interval").isEqualTo(4);

                clock.set(clock.instant().plus(CognitoSigningKeys.REFETCH_INTERVAL));
                assertThat(verifyNow(KEY)).isInstanceOf(Verified.class);
                assertThat(jwks.fetches()).isEqualTo(5);
            }

            @Test
            void once_a_key_set_is_held_an_unknown_key_id_is_refused_even_when_refetching_is_rate_limited() {
                jwks.publish(KEY);
                jwks.failWith(503);
                assertKeysUnavailable();
                jwks.recover();
                assertThat(verifyNow(KEY)).isInstanceOf(Verified.class);

                for (int i = 0; i < 3; i++) {
                    assertThat(verifyNow(OTHER_KEY)).isEqualTo(new Rejected(new RejectionReason.UnknownSigningKey("key-2")));
                }
                // The failed round and the good fetch used the interval's two rounds: the unknown key id
                // was answered from the held set without asking again.
                assertThat(jwks.fetches()).isEqualTo(3);
            }

            @Test
            void an_expired_key_set_that_cannot_be_refreshed_is_a_server_fault_not_a_refusal() {
                jwks.publish(KEY);
                assertThat(verifyNow(KEY)).isInstanceOf(Verified.class);
                jwks.failWith(503);

                clock.set(clock.instant().plus(CognitoSigningKeys.CACHE_TIME_TO_LIVE));
                for (int i = 0; i < 3; i++) {
                    assertKeysUnavailable();
                }
                assertThat(jwks.fetches()).as("one good fetch, two failed rounds, then the rate limit").isEqualTo(5);
            }
        }

        @Test
        void an_unreachable_jwks_is_a_server_fault_not_a_refusal() {
            jwks.close();
            CognitoAccessTokenVerifier unreachable = new CognitoAccessTokenVerifier(
                    URI.create(jwks.uri().toString()), TestTokens.ISSUER, CLIENTS, Clock.systemUTC());

            assertThatThrownBy(() -> unreachable.verify(TestTokens.valid(KEY)))
                    .isInstanceOf(SigningKeysUnavailableException.class);
        }
    }
}
