package dev.parley.functions.domain.message;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.message.MemberDevices.MemberDevice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Domain service of sendMessage in end-to-end encrypted conversations: finds the sending device's number and
 * checks a pairwise message's envelopes against the members' current devices (docs/protocol/e2ee.md).
 *
 * <p>Expected devices: every device with keys of every member, the sender's own user included, but the
 * sending device. Missing = expected but not addressed; extra = addressed but not expected (unknown, revoked,
 * not a member's, or the sending device); stale = addressed with another registrationId than the current one.
 * A partial batch is checked for extra and stale only.
 *
 * <p>Why two steps: {@link #start} reads the devices of the sender and of every user an envelope names
 * (one consistent Query each, on virtual threads) while the send path reads the conversation's tail, so the
 * check adds no round trip when the envelopes name every member, as a correct client's do. Only a member no
 * envelope names (a member without devices, or a client that missed one) costs a second round in
 * {@link #finish}. An envelope for a non-member is extra whatever that user's devices, so the reply says
 * nothing about them.
 */
final class EnvelopeCheck {
    /** Each read is one blocking Query that mostly waits on the network. */
    private static final ExecutorService READS = Executors.newVirtualThreadPerTaskExecutor();

    private final MemberDevices devices;

    EnvelopeCheck(MemberDevices devices) {
        this.devices = devices;
    }

    /** Starts the reads a Signal-form draft needs; none for any other draft. */
    Reading start(Actor sender, MessageDraft draft) {
        Set<String> users = new LinkedHashSet<>();
        switch (draft.body()) {
            case MessageBody.Envelopes addressed -> {
                users.add(sender.userId());
                addressed.envelopes().forEach(envelope -> users.add(envelope.userId()));
            }
            case MessageBody.Ciphertext sealed when sealed.senderKey() -> users.add(sender.userId());
            default -> {
                return Reading.NONE;
            }
        }
        Reading reading = new Reading(devices);
        users.forEach(reading::read);
        return reading;
    }

    /**
     * Completes the check once the conversation's {@code tail} is known (an E2EE conversation the sender is a
     * member of): the sending device's number, and the envelopes with their devices' ids.
     *
     * @throws FailureException BAD_REQUEST when the sending device has no keys; DEVICES_MISMATCH with the lists
     */
    Addressing finish(Reading reading, Actor sender, MessageDraft draft, ConversationTail tail) {
        return finish(reading, sender, draft, users -> users.stream().filter(tail::hasMember).collect(Collectors.toSet()),
                tail.members());
    }

    /**
     * As {@link #finish(Reading, Actor, MessageDraft, ConversationTail)} in a large conversation, whose header lists
     * nobody: the envelopes' users are checked against their rows ({@code membersAmong}, one consistent read of
     * at most the envelopes' users), so a partial batch costs the same in a group of 1,000 as in one of 64. A
     * pairwise message that is not partial is refused (BAD_REQUEST): checking it for missing devices would read
     * every member's devices, a Query per member on every send; the client sends partial batches instead.
     */
    Addressing finishLarge(Reading reading, Actor sender, MessageDraft draft,
                           Function<Collection<String>, Set<String>> membersAmong) {
        if (draft.body() instanceof MessageBody.Envelopes addressed && !addressed.partial()) {
            throw RequestFields.badRequest("This group is large: send its pairwise \"envelopes\" in batches with"
                    + " \"partial\": true (a large group's device set is not checked whole), or one \"signal-senderkey-v1\" ciphertext.");
        }
        return finish(reading, sender, draft, membersAmong, Set.of());
    }

    /**
     * @param membersAmong which of the named users are members
     * @param members      every member, for a check that is not partial (a small conversation's)
     */
    private Addressing finish(Reading reading, Actor sender, MessageDraft draft,
                              Function<Collection<String>, Set<String>> membersAmong, Set<String> members) {
        if (reading == Reading.NONE) {
            return Addressing.NONE;
        }
        MemberDevice sending = reading.of(sender.userId()).stream()
                .filter(device -> device.deviceId().equals(sender.deviceId()))
                .findFirst()
                .orElseThrow(() -> RequestFields.badRequest(
                        "This device has no keys: publish keys before sending in an end-to-end encrypted conversation."));
        if (!(draft.body() instanceof MessageBody.Envelopes addressed)) {
            return new Addressing(sending.deviceNum(), null);
        }
        Set<String> checked = new LinkedHashSet<>();
        if (addressed.partial()) {
            Set<String> named = addressed.envelopes().stream().map(Envelope::userId).collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> among = membersAmong.apply(named);
            named.stream().filter(among::contains).forEach(checked::add);
        } else {
            checked.addAll(members);
        }
        checked.forEach(reading::read);
        Map<String, MemberDevice> expected = new HashMap<>();
        for (String userId : checked) {
            reading.of(userId).stream()
                    .filter(device -> device.deviceNum() != sending.deviceNum() || !device.userId().equals(sender.userId()))
                    .forEach(device -> expected.put(key(device.userId(), device.deviceNum()), device));
        }
        List<Failure.DevicesMismatch.Device> extra = new ArrayList<>();
        List<Failure.DevicesMismatch.Device> stale = new ArrayList<>();
        List<Envelope> resolved = new ArrayList<>();
        Set<String> addressedKeys = new LinkedHashSet<>();
        for (Envelope envelope : addressed.envelopes()) {
            String key = key(envelope.userId(), envelope.deviceNum());
            addressedKeys.add(key);
            MemberDevice device = expected.get(key);
            if (device == null) {
                extra.add(new Failure.DevicesMismatch.Device(envelope.userId(), envelope.deviceNum()));
            } else if (device.registrationId() != envelope.registrationId()) {
                stale.add(new Failure.DevicesMismatch.Device(envelope.userId(), envelope.deviceNum()));
            } else {
                resolved.add(envelope.to(device.deviceId()));
            }
        }
        List<Failure.DevicesMismatch.Device> missing = addressed.partial() ? List.of() : expected.entrySet().stream()
                .filter(entry -> !addressedKeys.contains(entry.getKey()))
                .map(entry -> new Failure.DevicesMismatch.Device(entry.getValue().userId(), entry.getValue().deviceNum()))
                .toList();
        if (!missing.isEmpty() || !extra.isEmpty() || !stale.isEmpty()) {
            throw new FailureException(new Failure.DevicesMismatch(sorted(missing), sorted(extra), sorted(stale)));
        }
        return new Addressing(sending.deviceNum(), resolved);
    }

    private static String key(String userId, int deviceNum) {
        return userId + "/" + deviceNum;
    }

    private static List<Failure.DevicesMismatch.Device> sorted(List<Failure.DevicesMismatch.Device> devices) {
        return devices.stream().sorted(Comparator.comparing(Failure.DevicesMismatch.Device::userId)
                .thenComparingInt(Failure.DevicesMismatch.Device::deviceNum)).toList();
    }

    /** The device reads of one send, each started once. */
    static final class Reading {
        static final Reading NONE = new Reading(MemberDevices.NONE);

        private final MemberDevices devices;
        private final Map<String, CompletableFuture<List<MemberDevice>>> reads = new HashMap<>();

        private Reading(MemberDevices devices) {
            this.devices = devices;
        }

        private void read(String userId) {
            reads.computeIfAbsent(userId, user -> CompletableFuture.supplyAsync(() -> devices.current(user), READS));
        }

        private List<MemberDevice> of(String userId) {
            try {
                return reads.get(userId).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
