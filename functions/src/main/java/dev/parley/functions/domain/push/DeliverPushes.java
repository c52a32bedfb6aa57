package dev.parley.functions.domain.push;

import dev.parley.functions.domain.conversation.ConversationTails;
import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.user.UserSettings;
import dev.parley.functions.log.JsonLogger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import dev.parley.functions.domain.delivery.PushTarget;

/**
 * Use case of the push worker: one push per device that did not get the message live.
 *
 * <p>Targets: the job's, which the send path took from the members' push summaries (active
 * registrations, without the sending device and the devices live at send time; revoking a device
 * removes it from its summary), minus the devices live now (one BatchGet of the connections table
 * per 100 users), minus members who
 * left or muted the conversation (their membership rows, one Query per remaining user, which also
 * give the badge: the user's unread total, with the last seq of the user's large conversations read
 * from their timelines, {@link Badges}). Preview (sender and text) only when the conversation
 * is not E2EE (the job has no text then) and the user's {@code pushPreview} setting is on (one
 * BatchGet). Reads run in parallel per user, publishes in parallel per device.
 *
 * <p>An endpoint SNS reports disabled or deleted gets its registration marked invalid (the device
 * is told to register again on its next sync) and is skipped. Any other failed publish counts as
 * failed; the worker then hands the job back to SQS, which retries it and, after five receives,
 * moves it to the dead-letter queue. A retry publishes to every target again: pushes are
 * at-least-once, and a duplicate carries the same collapse id (APNs) and collapse key (FCM) as the
 * first, so the device shows one notification. Exactly-once would cost a conditional write per
 * push; the collapse makes it unnecessary.
 */
public final class DeliverPushes {
    private static final JsonLogger LOG = JsonLogger.of(DeliverPushes.class);
    private static final ExecutorService CALLS = Executors.newVirtualThreadPerTaskExecutor();

    private final PushRegistry registry;
    private final LiveConnections liveConnections;
    private final Inboxes inboxes;
    private final Badges badges;
    private final UserSettings settings;
    private final PushEndpoints endpoints;
    private final Clock clock;

    public DeliverPushes(PushRegistry registry, LiveConnections liveConnections, Inboxes inboxes, ConversationTails timelines,
                         UserSettings settings, PushEndpoints endpoints, Clock clock) {
        this.registry = registry;
        this.liveConnections = liveConnections;
        this.inboxes = inboxes;
        this.badges = new Badges(timelines);
        this.settings = settings;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** What became of one job's pushes; {@code failed > 0} means the job must be retried. */
    public record Outcome(int sent, int invalidated, int failed) {
    }

    public Outcome deliver(PushJob job) {
        return deliver(job, userId -> true);
    }

    /**
     * As {@link #deliver(PushJob)}, with a last say per user: {@code admit} is asked, in parallel, only for
     * the members still due a push (not left, not muted, some target device not live now), and a user it
     * refuses gets none. {@link DeliverMentionPushes} claims its collapse window there, so a claim is
     * spent only on a push that is then published.
     */
    public Outcome deliver(PushJob job, Predicate<String> admit) {
        Instant now = clock.instant();
        Map<String, List<PushTarget>> targets = new LinkedHashMap<>();
        for (PushTarget target : job.targets()) {
            if (!job.sentFrom(target.userId(), target.deviceId())) {
                targets.computeIfAbsent(target.userId(), user -> new ArrayList<>()).add(target);
            }
        }
        if (targets.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        Set<String> liveNow = liveConnections.of(targets.keySet()).stream()
                .map(recipient -> PushRegistration.owner(recipient.userId(), recipient.deviceId()))
                .collect(Collectors.toSet());
        Map<String, Inbox> inboxOf = parallel(targets.keySet(), inboxes::of);
        List<Push> pushes = new ArrayList<>();
        List<String> users = targets.keySet().stream()
                .filter(userId -> inboxOf.get(userId).isMember(job.conversationId())
                        && !inboxOf.get(userId).muted(job.conversationId(), now))
                .toList();
        Map<String, List<PushTarget>> due = new LinkedHashMap<>();
        for (String userId : users) {
            List<PushTarget> offline = targets.get(userId).stream()
                    .filter(device -> !liveNow.contains(PushRegistration.owner(userId, device.deviceId())))
                    .toList();
            if (!offline.isEmpty()) {
                due.put(userId, offline);
            }
        }
        Map<String, Boolean> admitted = parallel(due.keySet(), admit::test);
        due.keySet().removeIf(userId -> !admitted.get(userId));
        Map<String, UserSettings.Settings> settingsOf = due.isEmpty() ? Map.of() : settings.of(List.copyOf(due.keySet()));
        Map<String, Inbox> dueInboxes = new LinkedHashMap<>();
        due.keySet().forEach(userId -> dueInboxes.put(userId, inboxOf.get(userId)));
        Map<String, Long> badgeOf = badges.of(dueInboxes, job.conversationId(), job.seq());
        due.forEach((userId, devices) -> {
            long unread = badgeOf.get(userId);
            boolean preview = settingsOf.getOrDefault(userId, UserSettings.Settings.DEFAULTS).pushPreview();
            devices.forEach(device -> pushes.add(new Push(device, PushPayloads.of(job, device.platform(), unread, preview))));
        });
        return publish(job, pushes, now);
    }

    private record Push(PushTarget device, PushNotification notification) {
    }

    private enum Published { SENT, INVALIDATED, FAILED }

    private Outcome publish(PushJob job, List<Push> pushes, Instant now) {
        List<CompletableFuture<Published>> results = pushes.stream()
                .map(push -> CompletableFuture.supplyAsync(() -> publish(job, push, now), CALLS))
                .toList();
        int sent = 0;
        int invalidated = 0;
        int failed = 0;
        for (CompletableFuture<Published> result : results) {
            switch (result.join()) {
                case SENT -> sent++;
                case INVALIDATED -> invalidated++;
                case FAILED -> failed++;
            }
        }
        return new Outcome(sent, invalidated, failed);
    }

    private Published publish(PushJob job, Push push, Instant now) {
        PushTarget device = push.device();
        try {
            if (endpoints.publish(device.endpointArn(), push.notification()) == PushEndpoints.Delivery.SENT) {
                return Published.SENT;
            }
            registry.markInvalid(device.userId(), device.deviceId(), device.endpointArn(), now);
            LOG.info("push endpoint disabled, registration marked invalid",
                    JsonLogger.fields("userId", device.userId(), "deviceId", device.deviceId()));
            return Published.INVALIDATED;
        } catch (RuntimeException e) {
            LOG.error("push not published", JsonLogger.fields("conversationId", job.conversationId(), "seq", job.seq(),
                    "userId", device.userId(), "deviceId", device.deviceId()), e);
            return Published.FAILED;
        }
    }

    /** Runs {@code call} for each key on its own virtual thread; the first failure is thrown. */
    private static <R> Map<String, R> parallel(Collection<String> keys, Function<String, R> call) {
        Map<String, CompletableFuture<R>> futures = new LinkedHashMap<>();
        for (String key : keys) {
            futures.put(key, CompletableFuture.supplyAsync(() -> call.apply(key), CALLS));
        }
        Map<String, R> results = new LinkedHashMap<>();
        try {
            futures.forEach((key, future) -> results.put(key, future.join()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return results;
    }
}
