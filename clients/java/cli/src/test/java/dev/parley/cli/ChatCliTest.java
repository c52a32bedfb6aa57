package dev.parley.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Two terminals chat through `parley chat` against the local cloud (./parley test starts it). */
@Tag("live")
class ChatCliTest {

    @Test
    void twoTerminalsChatWithEachOther(@TempDir Path home) throws Exception {
        Path endpoints = Path.of(System.getProperty("parley.endpoints"));
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
}
