package dev.parley.functions.domain.push;

import dev.parley.functions.domain.delivery.LiveConnections;
import dev.parley.functions.domain.delivery.PushTarget;
import dev.parley.model.Limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Use case of the push worker: the push of a large conversation's message to the members it mentions or
 * replies to ({@link PushJob#mentioned}, at most {@code Limits.MAX_MENTIONS} + 1 users). Large
 * conversations push nothing else.
 *
 * <ul>
 *   <li>The send path left out the members with a socket viewing the conversation when the message was
 *       stored: that socket had it live.</li>
 *   <li>The named members' active registrations, from their push summaries (one BatchGetItem of connections
 *       and summaries, {@link LiveConnections#withPushTargets}): the job's targets.</li>
 *   <li>Then as any push job ({@link DeliverPushes}): devices live now, members who left or muted the
 *       conversation and the preview setting are checked, and for each member still due a push the
 *       collapse is claimed ({@link PushCollapse}: one conditional write per such member) before it is
 *       published: at most one push per member and conversation per
 *       {@link Limits#MENTION_PUSH_COLLAPSE_SECONDS}, however many messages name them.</li>
 * </ul>
 *
 * Nothing is read or written for members the message does not name: the cost is bounded by the
 * mentions, whatever the group's size. A failed publish sends the job back to SQS; its retry claims
 * again with the same seq, which the collapse grants.
 */
public final class DeliverMentionPushes {
    public static final Duration COLLAPSE = Duration.ofSeconds(Limits.MENTION_PUSH_COLLAPSE_SECONDS);

    private final LiveConnections registrations;
    private final PushCollapse collapse;
    private final DeliverPushes pushes;
    private final Clock clock;

    public DeliverMentionPushes(LiveConnections registrations, PushCollapse collapse, DeliverPushes pushes, Clock clock) {
        this.registrations = registrations;
        this.collapse = collapse;
        this.pushes = pushes;
        this.clock = clock;
    }

    public DeliverPushes.Outcome deliver(PushJob job) {
        Instant now = clock.instant();
        Set<String> named = new LinkedHashSet<>(job.mentioned());
        named.remove(job.senderId());
        if (named.isEmpty()) {
            return new DeliverPushes.Outcome(0, 0, 0);
        }
        List<PushTarget> targets = registrations.withPushTargets(named).registered().stream()
                .filter(target -> named.contains(target.userId()) && !job.sentFrom(target.userId(), target.deviceId()))
                .collect(Collectors.toList());
        if (targets.isEmpty()) {
            return new DeliverPushes.Outcome(0, 0, 0);
        }
        Instant until = now.plus(COLLAPSE);
        return pushes.deliver(job.withTargets(targets),
                userId -> collapse.claim(job.conversationId(), userId, job.seq(), now, until));
    }
}
