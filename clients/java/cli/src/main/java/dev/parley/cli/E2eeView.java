package dev.parley.cli;

import dev.parley.client.ParleyClient;
import dev.parley.client.store.StoredConversation;
import dev.parley.client.signal.E2eeClient;
import dev.parley.client.signal.E2eeListener;
import dev.parley.client.signal.KeyWire;
import dev.parley.client.signal.SafetyNumber;
import dev.parley.client.signal.UndecryptableMessage;
import dev.parley.client.signal.keylog.KeyLogException;
import org.signal.libsignal.protocol.IdentityKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the terminal shows of end-to-end encryption: safety numbers and the user's verified marks
 * ({@code /verify}), identity key changes as warnings that only {@code /trust} clears, and
 * messages that did not decrypt. Each Parley device has its own identity key, so a safety number
 * belongs to this device and one device of the peer.
 */
final class E2eeView implements E2eeListener {
    /** The lock on a terminal that can show it (UTF-8), else a word. */
    private final String lock;
    static final String HELP = "/verify [user]  /verify confirm [user]  /trust <user>";

    private final ParleyClient client;
    private final Names names;
    private final Consumer<String> out;
    private final VerifiedKeys verified;
    /** Identity keys peers presented that differ from the trusted ones, until the user trusts them. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile E2eeClient e2ee;
    private final java.util.concurrent.atomic.AtomicBoolean announced = new java.util.concurrent.atomic.AtomicBoolean();

    private record Pending(String userId, int deviceNum, IdentityKey presented) {
    }

    E2eeView(ParleyClient client, Names names, Consumer<String> out, VerifiedKeys verified, boolean utf8) {
        this.lock = utf8 ? "\uD83D\uDD12" : "[e2ee]";
        this.client = client;
        this.names = names;
        this.out = out;
        this.verified = verified;
    }

    /** The E2EE client this view was attached with ({@code E2eeClient.attach} needs the listener first). */
    void use(E2eeClient e2ee) {
        this.e2ee = e2ee;
    }

    /** Handles {@code /verify ...} and {@code /trust ...}; {@code open} is the open conversation, if any. */
    void command(String line, Optional<StoredConversation> open) throws Exception {
        List<String> words = new ArrayList<>(List.of(line.strip().split("\\s+")));
        String command = words.remove(0);
        boolean confirm = command.equals("/verify") && !words.isEmpty() && words.get(0).equals("confirm");
        if (confirm) {
            words.remove(0);
        }
        Optional<String> peer = peer(words, open);
        if (peer.isEmpty()) {
            out.accept("usage: " + HELP + " (the user may be left out in an open direct chat)");
        } else if (command.equals("/trust")) {
            trust(peer.get());
        } else if (confirm) {
            confirm(peer.get());
        } else {
            show(peer.get());
        }
    }

    /** The user named, or the other member of the open direct chat. */
    private Optional<String> peer(List<String> words, Optional<StoredConversation> open) throws Exception {
        if (words.size() == 1) {
            if (names.idOf(words.get(0)).isEmpty()) {
                names.lookUp(client.api(), words);
            }
            return Optional.of(names.idOf(words.get(0))
                    .orElseThrow(() -> new IllegalArgumentException("no user named " + words.get(0))));
        }
        if (words.isEmpty() && open.isPresent() && "direct".equals(open.get().summary().kind())) {
            return open.get().members().stream().filter(id -> !id.equals(client.userId())).findFirst();
        }
        return Optional.empty();
    }

    /** Prints the safety number with every device of {@code peer} (claiming its keys when no session exists yet). */
    private void show(String peer) throws Exception {
        List<Integer> devices = devices(peer);
        if (devices.isEmpty()) {
            out.accept(names.of(peer) + " has no device with published keys: nothing to verify yet");
            return;
        }
        for (int device : devices) {
            SafetyNumber number = e2ee.device().safetyNumber(peer, device);
            IdentityKey key = e2ee.device().trustedIdentity(peer, device);
            out.accept("safety number with " + names.of(peer) + " device " + device + ": " + number.grouped()
                    + (verified.isVerified(peer, device, key) ? "  (verified)" : "  (not verified)"));
        }
        out.accept("  compare it with " + names.of(peer) + "'s screen (in person or on a call); if it matches: /verify confirm");
    }

    private void confirm(String peer) throws Exception {
        List<Integer> devices = devices(peer);
        for (int device : devices) {
            verified.mark(peer, device, e2ee.device().trustedIdentity(peer, device));
        }
        out.accept(devices.isEmpty() ? "nothing to verify for " + names.of(peer)
                : "marked " + names.of(peer) + " verified (" + devices.size() + " device" + (devices.size() == 1 ? "" : "s")
                + "); a key change will show a warning");
    }

    /** Accepts the identity keys {@code peer}'s devices presented since the warning; they are not verified until /verify confirm. */
    private void trust(String peer) throws Exception {
        List<Pending> accepted = pending.values().stream().filter(p -> p.userId().equals(peer)).toList();
        if (accepted.isEmpty()) {
            out.accept("no changed identity key of " + names.of(peer) + " is waiting: nothing to trust");
            return;
        }
        for (Pending change : accepted) {
            e2ee.device().trust(peer, change.deviceNum(), change.presented());
            e2ee.device().forgetSession(peer, change.deviceNum()); // the next send claims the new keys
            pending.remove(key(peer, change.deviceNum()));
        }
        out.accept("trusted the new identity key of " + names.of(peer) + "; messages that were refused must be sent again");
        show(peer);
    }

    /** The peer's devices whose identity key this device trusts, after claiming keys when there is none. */
    private List<Integer> devices(String peer) throws Exception {
        List<Integer> devices = e2ee.device().sessionDevices(peer);
        if (devices.isEmpty()) {
            e2ee.startSessions(peer).get(30, TimeUnit.SECONDS);
            devices = e2ee.device().sessionDevices(peer);
        }
        return devices.stream().filter(device -> e2ee.device().trustedIdentity(peer, device) != null).sorted().toList();
    }

    /** The lock and a space for an E2EE conversation, shown in the list and the header; nothing for another. */
    String lock(boolean e2ee) {
        return e2ee ? lock + " " : "";
    }

    @Override
    public void onIdentityChanged(String userId, int deviceNum, IdentityKey trusted, IdentityKey presented) {
        Pending before = pending.put(key(userId, deviceNum), new Pending(userId, deviceNum, presented));
        if (before == null || !before.presented().equals(presented)) {
            out.accept("!! WARNING: " + names.of(userId) + "'s device " + deviceNum + " presented a NEW identity key"
                    + (verified.isVerified(userId, deviceNum, trusted) ? " (you had verified the old one)" : "")
                    + ". It may have been reinstalled, or someone is in the middle. Nothing is sent to or accepted from it"
                    + " until you accept the key: /trust " + names.of(userId) + ", then compare the new number: /verify "
                    + names.of(userId));
        }
    }

    @Override
    public void onMessageUndecryptable(UndecryptableMessage message) {
        out.accept("! message #" + message.seq() + " from " + names.of(message.senderId()) + " could not be decrypted ("
                + message.reason() + ")");
    }

    @Override
    public void onKeyLogViolation(KeyLogException violation) {
        out.accept("!! WARNING: the server's key log of " + names.of(violation.userId()) + " contradicts what this device"
                + " verified before (" + violation.kind() + "): its keys are not used. " + violation.getMessage());
    }

    @Override
    public void onKeysPublishFailed(Throwable cause) {
        out.accept("! publishing this device's encryption keys failed (tried again on the next connect): " + cause.getMessage());
    }

    /**
     * Said once per run: until a device's keys are published nobody can send it an E2EE message
     * (a peer's send then finds no device to seal for). Refills stay quiet.
     */
    @Override
    public void onKeysPublished(KeyWire.PublishKeysReply reply) {
        if (announced.compareAndSet(false, true)) {
            out.accept("[encryption keys published: this is device " + reply.deviceNum() + "]");
        }
    }

    private static String key(String userId, int deviceNum) {
        return userId + "." + deviceNum;
    }

}
