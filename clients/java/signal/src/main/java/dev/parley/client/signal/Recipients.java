package dev.parley.client.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.client.ParleyException;
import dev.parley.client.cipher.MessageCipher;
import dev.parley.client.signal.keylog.KeyLogException;
import dev.parley.client.signal.keylog.KeyLogState;
import dev.parley.model.ErrorCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which devices a message goes to, kept right by the server's answers: a member this device has
 * no session with is claimed before the send; the server's DEVICES_MISMATCH lists (missing,
 * extra, stale) are applied before the resend (claim the missing and the stale, drop the extra
 * and the stale); a user whose devices changed (devicesChanged) gets its new devices claimed.
 */
final class Recipients {
    static final String DEVICES_MISMATCH = "DEVICES_MISMATCH";
    /** Users whose keys are claimed at once (each claim then verifies the key log and builds sessions). */
    static final int CLAIMS_IN_FLIGHT = 16;

    private final E2eeClient e2ee;
    private final SenderKeys senderKeys;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    /** Claims under way per user: a send to another conversation waits for them (the outbox sends conversations in parallel). */
    private final Map<String, CompletableFuture<Void>> claiming = new ConcurrentHashMap<>();
    private final Lanes claims = new Lanes(CLAIMS_IN_FLIGHT);

    Recipients(E2eeClient e2ee, SenderKeys senderKeys) {
        this.e2ee = e2ee;
        this.senderKeys = senderKeys;
    }

    /** A device's install changed (stale): its session and its copies of this device's sender keys are gone. */
    void reinstalled(String userId, int deviceNum) {
        e2ee.device().forgetSession(userId, deviceNum);
        senderKeys.forgetHolder(userId, deviceNum);
    }

    /** A user's key log moved: their new devices are claimed before the next send. */
    void devicesChanged(String userId) {
        changed.add(userId);
    }

    /** Sessions with every member (the user's own other devices are learnt from the server's missing list). */
    synchronized CompletableFuture<Void> ensure(List<String> members) {
        SignalDevice device = e2ee.device();
        List<CompletableFuture<Void>> steps = new ArrayList<>();
        for (String member : members) {
            CompletableFuture<Void> underWay = claiming.get(member);
            boolean self = member.equals(device.userId());
            CompletableFuture<Void> claim = null;
            if (underWay != null && !underWay.isDone()) {
                // Another conversation's send is claiming this user's devices: wait for it, then look again.
                steps.add(underWay.handle((ok, error) -> null).thenCompose(done -> ensure(List.of(member))));
            } else if (!self && device.sessionDevices(member).isEmpty()) {
                claim = claim(member, null);
            } else if (changed.remove(member)) {
                claim = claimNewDevices(member);
            }
            if (claim != null) {
                claiming.put(member, claim);
                steps.add(claim);
            }
        }
        return CompletableFuture.allOf(steps.toArray(new CompletableFuture[0]));
    }

    /** Every device this device has a session with, for each member, this device left out. */
    List<KeyWire.Envelope> targets(List<String> members) {
        SignalDevice device = e2ee.device();
        List<KeyWire.Envelope> targets = new ArrayList<>();
        for (String member : members) {
            for (int num : device.sessionDevices(member)) {
                if (!(member.equals(device.userId()) && num == device.deviceNum())) {
                    targets.add(new KeyWire.Envelope(member, num, 0, null, null));
                }
            }
        }
        return targets;
    }

    /** Applies a DEVICES_MISMATCH refusal's lists; completes when the sessions are right for a resend. */
    CompletableFuture<Void> apply(ParleyException.ServerError mismatch) {
        JsonNode details = mismatch.details();
        if (details == null) {
            return SignalCipher.failed(new MessageCipher.Refused(DEVICES_MISMATCH,
                    "the server's DEVICES_MISMATCH came without its device lists: " + mismatch.serverMessage()));
        }
        SignalDevice device = e2ee.device();
        for (JsonNode extra : details.path("extra")) {
            device.forgetSession(extra.path("userId").asText(), extra.path("deviceNum").asInt());
        }
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (JsonNode stale : details.path("stale")) {
            String user = stale.path("userId").asText();
            int num = stale.path("deviceNum").asInt();
            reinstalled(user, num);
            all = all.thenCompose(done -> claim(user, num));
        }
        for (JsonNode missing : details.path("missing")) {
            String user = missing.path("userId").asText();
            int num = missing.path("deviceNum").asInt();
            all = all.thenCompose(done -> claim(user, num));
        }
        return all;
    }

    private CompletableFuture<Void> claimNewDevices(String userId) {
        KeyLogState state = e2ee.verifier().known(userId).orElse(null);
        if (state == null) {
            return claim(userId, null);
        }
        SignalDevice device = e2ee.device();
        List<Integer> sessions = device.sessionDevices(userId);
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (KeyLogState.DeviceKey key : state.devices()) {
            boolean own = userId.equals(device.userId()) && key.deviceNum() == device.deviceNum();
            if (key.revoked()) {
                device.forgetSession(userId, key.deviceNum());
            } else if (!own && !sessions.contains(key.deviceNum())) {
                all = all.thenCompose(done -> claim(userId, key.deviceNum()));
            }
        }
        return all;
    }

    /**
     * Claims and builds sessions; a user or device the directory does not know (NOT_FOUND: never
     * published keys, or gone) is skipped, the server's next answer says what it expects. An
     * identity key the app has not trusted, or a key log that contradicts itself, refuses the send.
     */
    private CompletableFuture<Void> claim(String userId, Integer deviceNum) {
        return claims.run(() -> e2ee.startSessions(userId, deviceNum)).handle((started, error) -> {
            if (error == null) {
                return null;
            }
            Throwable cause = ParleyException.unwrap(error);
            if (cause instanceof ParleyException.ServerError refused && refused.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            if (cause instanceof E2eeException.BundleRejected rejected) {
                throw new MessageCipher.Refused(rejected.reason().name(), rejected.getMessage(), rejected);
            }
            if (cause instanceof KeyLogException violation) {
                throw new MessageCipher.Refused("KEY_LOG_VIOLATION", violation.getMessage(), violation);
            }
            throw cause instanceof RuntimeException runtime ? runtime : new java.util.concurrent.CompletionException(cause);
        });
    }

    static List<String> members(MessageCipher.Outgoing message) {
        return message.conversation().members() == null ? Collections.emptyList() : message.conversation().members();
    }
}
