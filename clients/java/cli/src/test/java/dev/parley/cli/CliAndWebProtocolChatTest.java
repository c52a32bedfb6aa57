package dev.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal client (alice, on a pseudo-terminal) and bob on the web client's protocol
 * ({@link WebProtocolPeer}) chat: messages both ways, typing both ways, delivered and read. At the
 * wire, so it sees what a browser cannot show (alice's typing frame before her message); the real
 * web client in Chromium chats with the terminal in clients/web/test/e2e/cli.e2e.js.
 */
@Tag("live")
class CliAndWebProtocolChatTest {

    @Test
    void theTerminalAndAWebUserChatWithTypingAndReceipts(@TempDir Path home) throws Exception {
        Path endpoints = Path.of(System.getProperty("parley.endpoints"));
        Target target = Target.fromEndpoints(endpoints);
        String fromCli = "from the terminal " + UUID.randomUUID().toString().substring(0, 6);
        String fromWeb = "from the browser " + UUID.randomUUID().toString().substring(0, 6);
        OkHttpClient http = new OkHttpClient();
        try (TerminalProcess alice = new TerminalProcess("alice", endpoints, home);
             WebProtocolPeer bob = new WebProtocolPeer(http, target, "bob")) {
            alice.awaitOutput("[connected]");
            String aliceId = bob.request("findUsers", Map.of("usernames", List.of("alice")))
                    .path("users").get(0).path("userId").asText();
            String chat = bob.request("createConversation", Map.of("kind", "direct", "members", List.of(aliceId)))
                    .path("conversation").path("conversationId").asText();

            alice.type("/open bob");
            alice.awaitOutput("-- bob --");
            // Typing is sent from the keystrokes, before Enter, as from the web client. Enter waits for it:
            // the server runs typing and sendMessage as separate invocations and does not order their events.
            alice.keys(fromCli);
            JsonNode typing = bob.awaitEvent("typing", f -> chat.equals(f.path("conversationId").asText())
                    && aliceId.equals(f.path("userId").asText()) && "typing".equals(f.path("state").asText()));
            alice.keys("\r");
            JsonNode message = bob.awaitEvent("message", f -> fromCli.equals(f.path("text").asText()));
            assertThat(bob.indexOf(typing)).isLessThan(bob.indexOf(message));
            assertThat(message.path("conversationId").asText()).isEqualTo(chat);
            // The server recorded the live delivery: the terminal says so without bob sending markDelivered.
            alice.awaitOutput("delivered to bob up to #" + message.path("seq").asLong());

            // reads.js: one markRead for the newest seq once the conversation is quiet.
            bob.request("markRead", Map.of("conversationId", chat, "upToSeq", message.path("seq").asLong()));
            alice.awaitOutput("read by bob up to #" + message.path("seq").asLong());

            bob.request("typing", Map.of("conversationId", chat, "state", "typing"));
            alice.awaitOutput("bob is typing...");
            bob.request("typing", Map.of("conversationId", chat, "state", "stopped"));
            long seq = bob.request("sendMessage", Map.of("conversationId", chat, "clientMessageId", UUID.randomUUID().toString(),
                    "text", fromWeb)).path("seq").asLong();
            alice.awaitOutput("bob: " + fromWeb);

            // The terminal's own coalesced markRead reaches the web user as a receipt.
            bob.awaitEvent("receipt", f -> aliceId.equals(f.path("userId").asText()) && f.path("readSeq").asLong() == seq);

            alice.type("/quit");
            assertThat(alice.awaitExit()).as(alice.output()).isTrue();
            assertThat(alice.exitValue()).isZero();
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
