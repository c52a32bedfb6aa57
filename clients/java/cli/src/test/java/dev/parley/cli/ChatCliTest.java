package dev.parley.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two terminals chat through `parley chat` against the local cloud (./parley test starts it). */
@Tag("live")
class ChatCliTest {
    private final Path endpoints = Path.of(System.getProperty("parley.endpoints"));

    @Test
    void twoTerminalsChatWithEachOther(@TempDir Path home) throws Exception {
        String hello = "hello from one terminal " + UUID.randomUUID().toString().substring(0, 6);
        String reply = "hi from the other " + UUID.randomUUID().toString().substring(0, 6);
        try (TerminalProcess alice = new TerminalProcess("alice", endpoints, home);
             TerminalProcess bob = new TerminalProcess("bob", endpoints, home)) {
            alice.awaitOutput("[connected]");
            bob.awaitOutput("[connected]");

            alice.type("/open bob");
            alice.awaitOutput("-- bob --");
            alice.type(hello);
            bob.type("/open alice");
            bob.awaitOutput("alice: " + hello);
            bob.type(reply);
            alice.awaitOutput("bob: " + reply);
            alice.awaitOutput("read by bob");

            alice.type("/list");
            alice.type("/quit");
            bob.type("/quit");
            assertThat(alice.awaitExit()).as(alice.output()).isTrue();
            assertThat(bob.awaitExit()).as(bob.output()).isTrue();
            assertThat(alice.exitValue()).isZero();
            assertThat(alice.output()).contains("me: " + hello);
        }
    }

    /**
     * Two new users (the demo users carry the integration tests' devices, whose keys are random
     * bytes) chat in an E2EE direct chat; /verify prints the same safety number on both sides; an
     * E2EE group's line reaches the other terminal; no table holds a plaintext of either, while
     * the same scan finds a plaintext group's message.
     */
    @Test
    void twoTerminalsChatEndToEndEncryptedAndVerifyTheSafetyNumber(@TempDir Path home) throws Exception {
        LocalUsers users = new LocalUsers();
        String carol = users.create("carol");
        String dave = users.create("dave");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String secret = "an encrypted hello " + marker;
        String answer = "an encrypted answer " + marker;
        String control = "a plaintext control " + marker;
        String groupSecret = "an encrypted group line " + marker;
        try (TerminalProcess c = new TerminalProcess(carol, endpoints, home, LocalUsers.PASSWORD);
             TerminalProcess d = new TerminalProcess(dave, endpoints, home, LocalUsers.PASSWORD)) {
            // A device can be written to once its keys are published (the first connect does it).
            c.awaitOutput("[encryption keys published: this is device 1]");
            d.awaitOutput("[encryption keys published: this is device 1]");

            c.type("/new --e2ee " + dave);
            c.awaitOutput("-- \uD83D\uDD12 " + dave + " --");
            c.type(secret);
            c.awaitOutput("me: " + secret);
            d.type("/new --e2ee " + carol); // the pair's one direct chat: the encrypted one carol made
            d.awaitOutput("-- \uD83D\uDD12 " + carol + " --");
            d.awaitOutput(carol + ": " + secret);
            d.type(answer);
            c.awaitOutput(dave + ": " + answer);

            c.type("/verify");
            d.type("/verify");
            String carolSees = safetyNumber(c, dave);
            String daveSees = safetyNumber(d, carol);
            assertThat(carolSees).isEqualTo(daveSees);
            assertThat(c.output()).contains("(not verified)");
            c.type("/verify confirm");
            c.awaitOutput("marked " + dave + " verified");
            c.type("/verify");
            c.awaitOutput(carolSees + "  (verified)");
            c.type("/list");
            c.awaitOutput(". \uD83D\uDD12 " + dave);

            c.type("/group --e2ee crew-" + marker + " " + dave);
            c.awaitOutput("-- \uD83D\uDD12 crew-" + marker + " --");
            c.type(groupSecret);
            c.awaitOutput("me: " + groupSecret);
            d.awaitOutput("(new messages from " + carol + "; /list)"); // shown only once the SDK decrypted it
            d.type("/list");
            d.awaitOutput(". \uD83D\uDD12 crew-" + marker + " (group)");

            c.type("/group notes-" + marker + " " + dave);
            c.awaitOutput("-- notes-" + marker + " --");
            c.type(control);
            c.awaitOutput("me: " + control);

            c.type("/quit");
            d.type("/quit");
            assertThat(c.awaitExit()).as(c.output()).isTrue();
            assertThat(d.awaitExit()).as(d.output()).isTrue();
        }
        byte[] tables = users.everyTable();
        assertThat(LocalUsers.contains(tables, control)).as("the plaintext group's message, found by the same scan").isTrue();
        assertThat(LocalUsers.contains(tables, secret)).as(secret).isFalse();
        assertThat(LocalUsers.contains(tables, answer)).as(answer).isFalse();
        assertThat(LocalUsers.contains(tables, groupSecret)).as(groupSecret).isFalse();
    }

    /**
     * dave reinstalls (his Signal store deleted: a new registration id and identity key on the same
     * device): carol's terminal warns, sends nothing to the new key until she types /trust, then
     * the chat goes on.
     */
    @Test
    void aPeersNewIdentityKeyIsAWarningAndNothingGoesToItUntilTrusted(@TempDir Path home) throws Exception {
        LocalUsers users = new LocalUsers();
        String carol = users.create("carol");
        String dave = users.create("dave");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        try (TerminalProcess c = new TerminalProcess(carol, endpoints, home, LocalUsers.PASSWORD)) {
            try (TerminalProcess d = new TerminalProcess(dave, endpoints, home, LocalUsers.PASSWORD)) {
                c.awaitOutput("[encryption keys published: this is device 1]");
                d.awaitOutput("[encryption keys published: this is device 1]");
                c.type("/new --e2ee " + dave);
                c.awaitOutput("-- \uD83D\uDD12 " + dave + " --");
                c.type("before " + marker);
                d.type("/new --e2ee " + carol);
                d.awaitOutput(carol + ": before " + marker);
                d.type("/quit");
                assertThat(d.awaitExit()).as(d.output()).isTrue();
            }
            String device = java.nio.file.Files.readString(home.resolve(dave + ".device")).strip();
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                java.nio.file.Files.deleteIfExists(home.resolve(dave + "-" + device + "-signal.db" + suffix));
            }
            try (TerminalProcess d = new TerminalProcess(dave, endpoints, home, LocalUsers.PASSWORD)) {
                d.awaitOutput("[encryption keys published: this is device 1]"); // the same device, reinstalled
                c.type("to the new key " + marker);
                c.awaitOutput("!! WARNING: " + dave + "'s device 1 presented a NEW identity key");
                c.awaitOutput("! not sent (");
                assertThat(d.output()).doesNotContain("to the new key " + marker);

                c.type("/trust " + dave);
                c.awaitOutput("trusted the new identity key of " + dave);
                safetyNumber(c, dave);
                c.type("after trusting " + marker);
                d.type("/new --e2ee " + carol);
                d.awaitOutput(carol + ": after trusting " + marker);
                assertThat(d.output()).doesNotContain("to the new key " + marker);
                c.type("/quit");
                d.type("/quit");
                assertThat(c.awaitExit()).as(c.output()).isTrue();
                assertThat(d.awaitExit()).as(d.output()).isTrue();
            }
        }
    }

    /** The 60 digits /verify printed for the peer, in Signal's 12 groups of five. */
    private static String safetyNumber(TerminalProcess terminal, String peer) {
        Pattern line = Pattern.compile("safety number with " + Pattern.quote(peer) + " device \\d+: ((?:\\d{5} ){11}\\d{5})");
        terminal.awaitOutput("safety number with " + peer);
        await().atMost(Duration.ofSeconds(30)).until(() -> line.matcher(terminal.output()).find());
        Matcher found = line.matcher(terminal.output());
        assertThat(found.find()).isTrue();
        return found.group(1);
    }
}
