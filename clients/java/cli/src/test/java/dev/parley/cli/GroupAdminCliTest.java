package dev.parley.cli;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.live.TestCloud;
import dev.parley.client.store.InMemoryStore;
import dev.parley.model.Limits;
import dev.parley.model.v1.CreateConversationRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group administration in three terminals: an announcement group refusing a member's line until
 * he is made admin, a new title reaching the others, an invite link joined once, used up, and a
 * revoked one refused, each refusal in words with its reason.
 */
@Tag("live")
class GroupAdminCliTest {
    private static final Pattern INVITE = Pattern.compile("invite link #(\\d+) \\(shown once; [^)]*\\): (\\S+)");
    private final Path endpoints = Path.of(System.getProperty("parley.endpoints"));

    @Test
    void adminsRunAnAnnouncementGroupAndInviteLinksAdmitAsTheyShould(@TempDir Path home) throws Exception {
        String erin = new LocalUsers().create("erin");
        String marker = UUID.randomUUID().toString().substring(0, 6);
        String crew = "crew-" + marker;
        try (TerminalProcess alice = new TerminalProcess("alice", endpoints, home);
             TerminalProcess bob = new TerminalProcess("bob", endpoints, home);
             TerminalProcess e = new TerminalProcess(erin, endpoints, home, LocalUsers.PASSWORD)) {
            alice.awaitOutput("[connected]");
            bob.awaitOutput("[connected]");
            e.awaitOutput("[connected]");

            alice.type("/group " + crew + " bob");
            alice.awaitOutput("-- " + crew + " --");
            alice.awaitOutput("2 members, small group, you: owner");
            openListed(bob, crew);
            bob.awaitOutput("2 members, small group, you: member");

            alice.type("/announce on");
            alice.awaitOutput("announcement group: only admins post now");
            bob.awaitOutput("(alice changed the group: " + crew + ", 2 members, small group, you: member, announcement group: only admins post)");
            bob.type("may I speak " + marker);
            bob.awaitOutput("! only admins post in " + crew + " (group): it is an announcement group (not sent)");
            bob.type("/invite");
            bob.awaitOutput("! refused (NOT_ALLOWED): your role does not allow that");

            alice.type("/admin bob");
            alice.awaitOutput("bob is now an admin");
            bob.awaitOutput("you: admin, announcement group: only admins post)");
            bob.type("now I may " + marker);
            alice.awaitOutput("bob: now I may " + marker);
            assertThat(alice.output()).doesNotContain("may I speak " + marker);

            alice.type("/title " + crew + "-renamed");
            alice.awaitOutput("title set: " + crew + "-renamed");
            bob.awaitOutput("(alice changed the group: " + crew + "-renamed, ");

            alice.type("/invite --expires 1h --uses 1");
            Matcher once = awaitInvite(alice, 1);
            e.type("/join " + once.group(2));
            e.awaitOutput("joined " + crew + "-renamed");
            e.awaitOutput("-- " + crew + "-renamed (group) --");
            e.awaitOutput("3 members, small group, you: member, announcement group: only admins post");
            alice.type("/invites");
            alice.awaitOutput("#" + once.group(1) + " by alice: 1/1 joins");
            alice.awaitOutput(", used up");

            alice.type("/remove " + erin);
            alice.awaitOutput("removed " + erin + ": 2 members");
            e.type("/join " + once.group(2));
            e.awaitOutput("! refused (INVITE_USED_UP): this invite link was used up");

            alice.type("/invite");
            Matcher revoked = awaitInvite(alice, 2);
            alice.type("/revoke " + revoked.group(2));
            alice.awaitOutput("revoked invite link #" + revoked.group(1));
            e.type("/join " + revoked.group(2));
            e.awaitOutput("! refused (INVITE_REVOKED): this invite link was revoked");

            alice.type("/add " + erin);
            alice.awaitOutput("added " + erin + ": 3 members");

            for (TerminalProcess terminal : new TerminalProcess[] {alice, bob, e}) {
                terminal.type("/quit");
                assertThat(terminal.awaitExit()).as(terminal.output()).isTrue();
            }
        }
    }

    /**
     * A large group (alice, on the SDK, adds 100 users to a group with bob): bob's /list shows its
     * tier and member count; a message he is not viewing is announced once (conversationActivity)
     * and counted unread; opening the group says what a large group lacks and syncs the message in; once alice
     * read bob's message, /info says it is read by 1 (counts, not who).
     */
    @Test
    void aLargeGroupShowsItsSizeAndAnnouncesMessagesBobIsNotViewing(@TempDir Path home) throws Exception {
        String big = "big-" + UUID.randomUUID().toString().substring(0, 6);
        TestCloud cloud = TestCloud.get();
        try (TerminalProcess bob = new TerminalProcess("bob", endpoints, home);
             ParleyClient alice = cloud.client(cloud.session("alice"), TestCloud.newDeviceId("cli-test"), new InMemoryStore(),
                     options -> { }).start()) {
            bob.awaitOutput("[connected]");
            await().atMost(Duration.ofSeconds(90)).until(() -> alice.state() instanceof ConnectionState.Connected);
            String bobId = alice.api().findUsers(List.of("bob")).get(30, TimeUnit.SECONDS).users().get(0).userId();
            String group = alice.api().createConversation(new CreateConversationRequest("group", List.of(bobId), big, null))
                    .get(30, TimeUnit.SECONDS).conversation().conversationId();
            // One request's worth (Limits.MAX_ADD_MEMBERS): a second request would add to a group already large,
            // whose members are not told of joins, so bob's count would wait for his next sync.
            List<String> crowd = new ArrayList<>();
            for (int i = 0; i < Limits.MAX_ADD_MEMBERS; i++) {
                crowd.add(UUID.randomUUID().toString());
            }
            assertThat(alice.groups().addMembers(group, crowd).get(60, TimeUnit.SECONDS).tier()).isEqualTo("large");

            listed(bob, Pattern.quote(big + " (group) \u00b7 large, 101 members"));
            alice.send(group, "to all 101 " + big);
            bob.awaitOutput("(new messages in " + big + " (group); /list)");
            String number = listed(bob, Pattern.quote(big + " (group) \u00b7 large, 101 members  (1 unread)"));
            bob.type("/open " + number);
            bob.awaitOutput("101 members, large group (no per-member receipts, no typing), you: member");
            bob.awaitOutput("alice: to all 101 " + big);
            bob.type("from bob " + big);
            await().atMost(Duration.ofSeconds(90)).until(() -> alice.api().history(group, null, 10).get(30, TimeUnit.SECONDS)
                    .messages().size() == 2);
            alice.markRead(group, 2).get(30, TimeUnit.SECONDS);
            bob.type("/info");
            bob.awaitOutput("your last message (#2): read by 1");
            bob.type("/quit");
            assertThat(bob.awaitExit()).as(bob.output()).isTrue();
        }
    }

    /** /list until a line matches {@code line} (a regex after the number); returns the last such line's number. */
    private static String listed(TerminalProcess terminal, String line) {
        Pattern listed = Pattern.compile("(\\d+)\\. " + line);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            terminal.type("/list");
            return listed.matcher(terminal.output()).find();
        });
        return listed.matcher(terminal.output()).results().reduce((first, second) -> second).orElseThrow().group(1);
    }

    /** The n-th invite link the terminal printed: its number and its token. */
    private static Matcher awaitInvite(TerminalProcess terminal, int nth) {
        await().atMost(Duration.ofSeconds(90)).until(() -> INVITE.matcher(terminal.output()).results().count() >= nth);
        Matcher found = INVITE.matcher(terminal.output());
        for (int i = 0; i < nth; i++) {
            assertThat(found.find()).isTrue();
        }
        return found;
    }

    /** /list until the group is listed (its creation reaches this terminal by an event, then a sync), then /open it. */
    private static void openListed(TerminalProcess terminal, String title) {
        // The last /list's number: the one /open reads.
        String number = listed(terminal, Pattern.quote(title) + " \\(group\\)");
        try {
            terminal.type("/open " + number);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        terminal.awaitOutput("-- " + title + " (group) --");
    }
}
