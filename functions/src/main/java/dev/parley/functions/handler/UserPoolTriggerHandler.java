package dev.parley.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.parley.functions.domain.user.RegisterUserProfile;
import dev.parley.functions.log.JsonLogger;
import dev.parley.functions.wiring.ConnectionWiring;

import java.util.Map;
import java.util.Set;

/**
 * The user pool's post-confirmation and post-authentication trigger: makes the user findable by
 * username and named by id in member lists (the users table) as soon as the account exists, not at
 * their first WebSocket connect.
 *
 * <ul>
 *   <li>{@code PostConfirmation_ConfirmSignUp} / {@code _ConfirmForgotPassword}: a user who signed up
 *       confirmed their account (ConfirmSignUp, AdminConfirmSignUp, ConfirmForgotPassword).</li>
 *   <li>{@code PostAuthentication_Authentication}: every sign-in. Cognito never runs the
 *       post-confirmation trigger for accounts an administrator created (AdminCreateUser), so those
 *       become findable at their first sign-in; accounts older than the trigger too.</li>
 * </ul>
 * The write is an idempotent upsert, like the one $connect keeps doing. A failed write is logged
 * and the event returned anyway: a directory outage must not stop anyone signing in, and the next
 * sign-in or connect writes the entry. The event goes back unchanged, as Cognito requires.
 *
 * <p>Environment: {@code AWS_REGION}, {@code USERS_TABLE}.
 */
public final class UserPoolTriggerHandler extends PrimedHandler<Map<String, Object>, Map<String, Object>> {
    private static final JsonLogger LOG = JsonLogger.of(UserPoolTriggerHandler.class);
    static final Set<String> REGISTERING_SOURCES = Set.of("PostConfirmation_ConfirmSignUp",
            "PostConfirmation_ConfirmForgotPassword", "PostAuthentication_Authentication");

    private final RegisterUserProfile registerUserProfile;

    /** Lambda's entry point: configured from the process environment, primed before a SnapStart snapshot. */
    public UserPoolTriggerHandler() {
        this(new ConnectionWiring(System.getenv()));
        primeBeforeSnapshot();
    }

    /** An instance with its own environment, as local-env runs each function. */
    public UserPoolTriggerHandler(Map<String, String> environment) {
        this(new ConnectionWiring(environment));
    }

    /** An instance around a given use case, for tests. */
    public UserPoolTriggerHandler(RegisterUserProfile registerUserProfile) {
        super(() -> { });
        this.registerUserProfile = registerUserProfile;
    }

    private UserPoolTriggerHandler(ConnectionWiring wiring) {
        super(wiring::prime, wiring::offline);
        this.registerUserProfile = wiring.registerUserProfile();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object source = event.get("triggerSource");
        Object username = event.get("userName");
        Object userId = event.get("request") instanceof Map<?, ?> request && request.get("userAttributes") instanceof Map<?, ?> attributes
                ? attributes.get("sub") : null;
        Map<String, Object> fields = JsonLogger.fields("triggerSource", source, "userId", userId);
        if (!REGISTERING_SOURCES.contains(String.valueOf(source))) {
            LOG.warn("user pool trigger ignored", fields);
            return event;
        }
        if (!(username instanceof String name) || !(userId instanceof String id) || id.isBlank()) {
            LOG.error("user pool trigger without a username or sub", fields, null);
            return event;
        }
        try {
            registerUserProfile.register(id, name);
            LOG.info("user registered in the directory", fields);
        } catch (RuntimeException e) {
            LOG.error("user not registered in the directory", fields, e);
        }
        return event;
    }

    @Override
    Map<String, Object> primingEvent() {
        return PrimingEvents.userPoolTrigger();
    }
}
