package dev.parley.functions.domain.push;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.model.v1.RegisterDeviceReply;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.parley.functions.domain.delivery.PushPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegisterForPushTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final Actor ALICE_PHONE = new Actor("alice", "alice-phone", "conn-1");

    private final InMemoryPushRegistry registry = new InMemoryPushRegistry();
    private final FakePushEndpoints endpoints = new FakePushEndpoints(PushPlatform.APNS, PushPlatform.FCM);
    private final RegisterForPush register = new RegisterForPush(registry, endpoints, CLOCK);

    private static Failure failureOf(Runnable call) {
        try {
            call.run();
        } catch (FailureException e) {
            return e.failure();
        }
        throw new AssertionError("no failure");
    }

    @Test
    void a_device_registers_and_its_row_records_the_endpoint_active() {
        RegisterDeviceReply reply = register.register(ALICE_PHONE, new RegisterForPush.Command("APNS", "abc123"));

        assertThat(reply).isEqualTo(new RegisterDeviceReply("alice-phone", "APNS", "active"));
        PushRegistration saved = registry.find("alice", "alice-phone").orElseThrow();
        assertThat(saved.token()).isEqualTo("abc123");
        assertThat(saved.active()).isTrue();
    }

    @Test
    void a_platform_this_deployment_has_no_application_for_is_a_bad_request_naming_it() {
        Failure failure = failureOf(() -> register.register(ALICE_PHONE, new RegisterForPush.Command("APNS_SANDBOX", "abc")));

        assertThat(failure).isEqualTo(new Failure.BadRequest("Push to APNS_SANDBOX is not configured on this deployment."));
    }

    @Test
    void unknown_platforms_and_malformed_tokens_are_bad_requests() {
        assertThat(failureOf(() -> register.register(ALICE_PHONE, new RegisterForPush.Command("WNS", "abc"))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> register.register(ALICE_PHONE, new RegisterForPush.Command("APNS", "has space"))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThat(failureOf(() -> register.register(ALICE_PHONE, new RegisterForPush.Command("APNS", "x".repeat(4097)))))
                .isInstanceOf(Failure.BadRequest.class);
        assertThatThrownBy(() -> register.register(ALICE_PHONE, new RegisterForPush.Command(null, "abc")))
                .isInstanceOf(FailureException.class);
    }

    @Test
    void an_invalid_registration_becomes_active_again_when_the_device_registers_again() {
        register.register(ALICE_PHONE, new RegisterForPush.Command("APNS", "abc123"));
        PushRegistration first = registry.find("alice", "alice-phone").orElseThrow();
        registry.markInvalid("alice", "alice-phone", first.endpointArn(), Instant.EPOCH);
        endpoints.disable(first.endpointArn());

        register.register(ALICE_PHONE, new RegisterForPush.Command("APNS", "abc123"));

        assertThat(registry.find("alice", "alice-phone").orElseThrow().active()).isTrue();
    }

    @Test
    void the_same_token_registered_by_another_device_moves_to_it_and_leaves_the_old_device_unregistered() {
        register.register(ALICE_PHONE, new RegisterForPush.Command("FCM", "shared-token"));

        register.register(new Actor("bob", "bob-phone", "conn-2"), new RegisterForPush.Command("FCM", "shared-token"));

        assertThat(registry.find("alice", "alice-phone")).isEmpty();
        assertThat(registry.find("bob", "bob-phone")).isPresent();
    }

    @Test
    void unregistering_removes_the_registration_and_deletes_the_endpoint() {
        register.register(ALICE_PHONE, new RegisterForPush.Command("APNS", "abc123"));
        String arn = registry.find("alice", "alice-phone").orElseThrow().endpointArn();
        UnregisterFromPush unregister = new UnregisterFromPush(new StopPushes(registry, endpoints));

        assertThat(unregister.unregister(ALICE_PHONE).removed()).isTrue();
        assertThat(unregister.unregister(ALICE_PHONE).removed()).isFalse();
        assertThat(registry.find("alice", "alice-phone")).isEmpty();
        assertThat(endpoints.deleted()).containsExactly(arn);
    }
}
