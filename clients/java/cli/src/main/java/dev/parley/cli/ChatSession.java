package dev.parley.cli;

import dev.parley.client.ConnectionState;
import dev.parley.client.GroupRefusal;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.client.ParleyListener;
import dev.parley.client.store.OutboxEntry;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.v1.ConversationActivityEvent;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.CreateConversationRequest;
import dev.parley.model.v1.MemberInfo;
import dev.parley.model.v1.MessageEvent;
import dev.parley.model.v1.ReceiptEvent;
import dev.parley.model.v1.TypingEvent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The chat's commands and what it prints, apart from the terminal (so that a test can drive it
 * through plain pipes). Lines that start with / are commands; any other line is sent to the
 * open conversation through the SDK's outbox, so it is kept and sent once even when typed offline.
 */
final class ChatSession implements ParleyListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    static final String HELP = "commands: /list  /open <n|username>  /new [--e2ee] <user>  /group [--e2ee] <title> <user>...  "
            + "/history  /members  " + E2eeView.HELP + "  /quit   in a group: " + GroupCommands.HELP
            + "   (other lines are sent to the open conversation; a lock marks an end-to-end encrypted one)";

    private final ParleyClient client;
    private final Names names;
    private final E2eeView e2ee;
    private final GroupCommands groups;
    private final Consumer<String> out;
    private final Map<String, Long> readShown = new ConcurrentHashMap<>();
    private final Map<String, Long> deliveredShown = new ConcurrentHashMap<>();
    private volatile String open;
    private volatile List<StoredConversation> listed = List.of();
    private volatile boolean synced;
    private final Set<String> noticed = ConcurrentHashMap.newKeySet();

    ChatSession(ParleyClient client, Names names, E2eeView e2ee, Consumer<String> out) {
        this.client = client;
        this.names = names;
        this.e2ee = e2ee;
        this.out = out;
        this.groups = new GroupCommands(client, names, out);
        client.addListener(this);
        client.addListener(groups);
        client.addStateListener(this::state);
    }

    /**
     * A character was typed; {@code before} is the line until then. A line that starts with / is
     * a command, not a message: it tells nobody anything.
     */
    void keystroke(String before) {
        if (open != null && !before.startsWith("/") && !large(open)) { // a large group tells nobody of typing
            client.typing(open, true);
        }
    }

    /** Handles one typed line; false when the user asked to quit. */
    boolean handle(String line) {
        String text = line.strip();
        if (open != null && (text.isEmpty() || text.startsWith("/"))) {
            client.typing(open, false); // a cleared line or a command: the user stopped typing a message
        }
        try {
            if (text.isEmpty()) {
                return true;
            } else if (text.equals("/quit") || text.equals("/exit")) {
                return false;
            } else if (text.equals("/help")) {
                out.accept(HELP);
            } else if (text.equals("/list")) {
                list();
            } else if (text.startsWith("/open ")) {
                open(text.substring(6).strip());
            } else if (text.startsWith("/new ")) {
                direct(text.substring(5).strip().split("\\s+"));
            } else if (text.startsWith("/group ")) {
                group(text.substring(7).strip().split("\\s+"));
            } else if (text.equals("/verify") || text.startsWith("/verify ") || text.equals("/trust") || text.startsWith("/trust ")) {
                e2ee.command(text, open == null ? java.util.Optional.empty() : client.store().conversation(open));
            } else if (text.equals("/history")) {
                history();
            } else if (text.equals("/members")) {
                members();
            } else if (GroupCommands.handles(text)) {
                Optional<String> joined = groups.command(text, open);
                if (joined.isPresent()) {
                    awaitStored(joined.get());
                    show(joined.get(), title(client.store().conversation(joined.get()).orElseThrow()));
                }
            } else if (text.startsWith("/")) {
                out.accept("unknown command. " + HELP);
            } else if (open == null) {
                out.accept("open a conversation first: /list, then /open <n>, or /open <username>");
            } else if (!mayPost(open)) {
                out.accept("! only admins post in " + heading(open) + ": it is an announcement group (not sent)");
            } else {
                client.typing(open, false);
                OutboxEntry queued = client.send(open, text);
                if (!(client.state() instanceof ConnectionState.Connected)) {
                    out.accept("  (offline: queued " + queued.clientMessageId().substring(0, 8) + ", sent on reconnect)");
                }
            }
        } catch (Exception e) {
            out.accept("! " + describe(e));
        }
        return true;
    }

    private void list() {
        noticed.clear();
        listed = client.store().conversations();
        if (listed.isEmpty()) {
            out.accept("no conversations yet: /open <username> starts one");
        }
        for (int i = 0; i < listed.size(); i++) {
            StoredConversation c = listed.get(i);
            long held = client.store().cursors().getOrDefault(c.conversationId(), 0L);
            long unread = Math.max(0, Math.max(held, c.summary().lastSeq()) - c.readSeq());
            out.accept((i + 1) + ". " + title(c) + GroupCommands.listed(c.summary()) + (unread > 0 ? "  (" + unread + " unread)" : ""));
        }
    }

    private void open(String which) throws Exception {
        String id;
        String header = which;
        if (which.matches("\\d+") && Integer.parseInt(which) >= 1 && Integer.parseInt(which) <= listed.size()) {
            id = listed.get(Integer.parseInt(which) - 1).conversationId();
            header = title(listed.get(Integer.parseInt(which) - 1));
        } else {
            ConversationSummary created = create("direct", null, List.of(which), false);
            id = created.conversationId();
            header = e2ee.lock(created.e2ee()) + which;
        }
        show(id, header);
    }

    /** {@code /new [--e2ee] <user>}: the direct chat with the user (one per pair: an existing one keeps its kind). */
    private void direct(String[] words) throws Exception {
        boolean e2eeAsked = words[0].equals("--e2ee");
        if (words.length != (e2eeAsked ? 2 : 1)) {
            out.accept("usage: /new [--e2ee] <user>");
            return;
        }
        String user = words[words.length - 1];
        ConversationSummary created = create("direct", null, List.of(user), e2eeAsked);
        if (e2eeAsked && !created.e2ee()) {
            out.accept("! your direct chat with " + user + " exists already and is NOT end-to-end encrypted (one direct chat"
                    + " per pair): for an encrypted one, /group --e2ee <title> " + user);
        }
        show(created.conversationId(), e2ee.lock(created.e2ee()) + user);
    }

    /** Creates a conversation with the named users (looked up first) and syncs it into the store. */
    private ConversationSummary create(String kind, String title, List<String> usernames, boolean e2eeAsked) throws Exception {
        List<String> ids = names.ids(client.api(), usernames);
        ConversationSummary created = client.api().createConversation(new CreateConversationRequest(kind, ids, title,
                e2eeAsked ? Boolean.TRUE : null)).get(30, TimeUnit.SECONDS).conversation();
        client.syncNow();
        awaitStored(created.conversationId());
        return created;
    }

    /**
     * Waits until the sync brought the conversation into the store: the outbox seals a line only
     * for a conversation it knows to be E2EE (one it does not know yet goes as plaintext, which
     * the server refuses there).
     */
    private void awaitStored(String conversationId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (client.store().conversation(conversationId).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the new conversation did not arrive by sync within 30 s: /list, then /open it");
            }
            Thread.sleep(50);
        }
    }

    /** Every member of the open conversation, every listMembers page (a large group's sync lists none). */
    private void members() throws Exception {
        if (open == null) {
            out.accept("open a conversation first");
            return;
        }
        List<MemberInfo> members = client.listMembers(open).get(60, TimeUnit.SECONDS);
        out.accept(members.size() + " members: " + String.join(", ", members.stream()
                .map(m -> names.of(m.userId()) + ("member".equals(m.role()) ? "" : " (" + m.role() + ")")).toList()));
    }

    private void show(String id, String header) {
        if (!id.equals(open)) {
            // Viewed while open, so a large group's messages come live; the SDK refreshes and re-sends the view.
            client.viewConversation(id);
        }
        open = id;
        noticed.remove(id);
        out.accept("-- " + header + " --");
        client.store().conversation(id).filter(c -> "group".equals(c.summary().kind()))
                .ifPresent(c -> out.accept("   " + GroupCommands.details(c.summary())));
        long held = client.store().cursors().getOrDefault(id, 0L);
        for (MessageEvent message : client.store().messages(id, Math.max(0, held - 20), 20)) {
            out.accept(format(message));
        }
        if (client.store().conversation(id).map(c -> c.summary().lastSeq() > held).orElse(false)) {
            // A large group this device did not view announced messages (conversationActivity) without sending them.
            client.syncNow();
        }
        client.markSeen(id);
    }

    private void group(String[] words) throws Exception {
        boolean e2eeAsked = words[0].equals("--e2ee");
        int first = e2eeAsked ? 1 : 0;
        if (words.length - first < 2) {
            out.accept("usage: /group [--e2ee] <title> <user>...");
            return;
        }
        ConversationSummary created = create("group", words[first], List.of(words).subList(first + 1, words.length), e2eeAsked);
        open = created.conversationId();
        out.accept("-- " + e2ee.lock(created.e2ee()) + words[first] + " --");
        out.accept("   " + GroupCommands.details(created));
    }

    private void history() throws Exception {
        if (open == null) {
            out.accept("open a conversation first");
            return;
        }
        List<MessageEvent> held = client.store().messages(open, 0, 1);
        Long before = held.isEmpty() ? null : held.get(0).seq();
        List<MessageEvent> older = client.api().history(open, before, 20).get(30, TimeUnit.SECONDS).messages();
        older.forEach(client.store()::putMessage);
        older.forEach(message -> out.accept(format(message)));
        if (older.isEmpty()) {
            out.accept("(nothing older)");
        }
    }

    @Override
    public void onMessage(MessageEvent message) {
        if (message.conversationId().equals(open)) {
            out.accept(format(message));
            if (!message.senderId().equals(client.userId())) {
                client.markSeen(open); // coalesced: one markRead for a burst
            }
        } else if (synced && !message.senderId().equals(client.userId()) && noticed.add(message.conversationId())) {
            // One notice per conversation until the user looks: a catch-up after a night offline is not 300 lines.
            out.accept("  (new messages from " + names.of(message.senderId()) + "; /list)");
        }
    }

    @Override
    public void onSynced() {
        if (!synced) {
            synced = true;
            list();
        }
    }

    @Override
    public void onOutboxChanged(OutboxEntry entry, OutboxChange change) {
        if (change == OutboxChange.STUCK && GroupRefusal.of(entry.stuck()).orElse(null) == GroupRefusal.Reason.ANNOUNCEMENT_ONLY) {
            out.accept("! only admins post in " + heading(entry.conversationId()) + ": it is an announcement group (not sent)");
        } else if (change == OutboxChange.STUCK) {
            out.accept("! not sent (" + entry.stuck().codeName() + "): " + entry.stuck().message());
        }
    }

    @Override
    public void onConversationActivity(ConversationActivityEvent event) {
        if (event.conversationId().equals(open)) {
            client.syncNow(); // the open group is not viewed (no viewConversation): its messages come by sync
        } else if (synced && noticed.add(event.conversationId())) {
            out.accept("  (new messages in " + heading(event.conversationId()) + "; /list)");
        }
    }

    @Override
    public void onTyping(TypingEvent event) {
        if (event.conversationId().equals(open) && !event.userId().equals(client.userId()) && "typing".equals(event.state())) {
            out.accept("  " + names.of(event.userId()) + " is typing...");
        }
    }

    @Override
    public void onReceipt(ReceiptEvent event) {
        if (!event.conversationId().equals(open) || event.userId().equals(client.userId()) || large(open)) {
            return;
        }
        if (event.readSeq() > readShown.getOrDefault(event.userId(), 0L)) {
            readShown.put(event.userId(), event.readSeq());
            out.accept("  read by " + names.of(event.userId()) + " up to #" + event.readSeq());
        }
        if (event.deliveredSeq() > Math.max(event.readSeq(), deliveredShown.getOrDefault(event.userId(), 0L))) {
            deliveredShown.put(event.userId(), event.deliveredSeq());
            out.accept("  delivered to " + names.of(event.userId()) + " up to #" + event.deliveredSeq());
        }
    }

    private void state(ConnectionState state) {
        if (state instanceof ConnectionState.Connected) {
            out.accept("[connected]");
        } else if (state instanceof ConnectionState.Waiting waiting && waiting.attempt() > 0) {
            long seconds = Math.max(0, (waiting.nextRetryAtMillis() - System.currentTimeMillis() + 999) / 1000);
            out.accept("[offline: reconnecting in " + seconds + " s]");
        } else if (state instanceof ConnectionState.SignedOut signedOut) {
            out.accept("[signed out: " + signedOut.reason() + "]");
        }
    }

    private boolean large(String conversationId) {
        return client.store().conversation(conversationId).map(c -> ConversationSummary.LARGE.equals(c.summary().tier()))
                .orElse(false);
    }

    /**
     * Whether the user may post here; when the store says no (an announcement group, the user a
     * plain member), the summary is fetched first: a large group tells nobody of a role or policy change.
     */
    private boolean mayPost(String conversationId) throws Exception {
        return client.groups().mayPost(conversationId)
                || client.groups().refresh(conversationId).thenApply(s -> client.groups().mayPost(conversationId)).get(30, TimeUnit.SECONDS);
    }

    private String heading(String conversationId) {
        return client.store().conversation(conversationId).map(this::title).orElse(conversationId);
    }

    private String title(StoredConversation c) {
        if (c.summary().title() != null) {
            return e2ee.lock(c.summary().e2ee()) + c.summary().title() + " (group)";
        }
        return e2ee.lock(c.summary().e2ee()) + c.members().stream().filter(id -> !id.equals(client.userId())).map(names::of)
                .findFirst().orElse("(just you)");
    }

    private String format(MessageEvent m) {
        String who = m.senderId().equals(client.userId()) ? "me" : names.of(m.senderId());
        String body = m.text() != null ? m.text() : m.ciphertext() != null ? "(encrypted)" : "(media)";
        return "[" + TIME.format(Instant.ofEpochMilli(m.sentAt())) + "] #" + m.seq() + " " + who + ": " + body;
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException
                ? e.getCause() : e;
        if (cause instanceof GroupRefusal refusal) {
            return GroupCommands.explain(refusal);
        }
        if (cause instanceof ParleyException.ServerError error) {
            return error.codeName() + ": " + error.serverMessage();
        }
        return cause.getMessage();
    }
}
