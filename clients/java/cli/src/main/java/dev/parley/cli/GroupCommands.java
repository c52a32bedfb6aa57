package dev.parley.cli;

import dev.parley.client.GroupRefusal;
import dev.parley.client.Groups;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyListener;
import dev.parley.client.ReadCounts;
import dev.parley.client.store.StoredConversation;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.ConversationSummary;
import dev.parley.model.v1.CreateInviteReply;
import dev.parley.model.v1.InviteInfo;
import dev.parley.model.v1.MessageEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The group administration commands of the chat, on {@code client.groups()}: members, roles,
 * title, announcement groups and invite links, and how a group is described (tier, member count,
 * the user's role, who may post).
 */
final class GroupCommands implements ParleyListener {
    static final String HELP = "/info  /add <user>...  /remove <user>...  /admin <user>  /member <user>  /owner <user>  /title <text>  "
            + "/announce on|off  /invite [--expires 30m|12h|7d] [--uses n]  /invites  /revoke <n|link>  /join <link>";
    private static final Set<String> COMMANDS = Set.of("/info", "/add", "/remove", "/admin", "/member", "/owner", "/title", "/announce",
            "/invite", "/invites", "/revoke", "/join");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd]?)");
    /** An invite token anywhere in what was pasted (a bare token, or a link that ends with one). */
    private static final Pattern TOKEN = Pattern.compile("g_[0-9a-f]{32}\\.[0-9]{1,16}\\.[A-Za-z0-9_-]{43}");

    private final ParleyClient client;
    private final Names names;
    private final Consumer<String> out;

    GroupCommands(ParleyClient client, Names names, Consumer<String> out) {
        this.client = client;
        this.names = names;
        this.out = out;
    }

    static boolean handles(String line) {
        return COMMANDS.contains(line.split("\\s+", 2)[0]);
    }

    /**
     * Runs one command on the open conversation ({@code open}, null for none).
     *
     * @return the conversation to open next (the one {@code /join} joined), if any
     */
    Optional<String> command(String line, String open) throws Exception {
        List<String> words = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
        String command = words.remove(0);
        if (command.equals("/join")) {
            return join(words);
        }
        Optional<StoredConversation> held = open == null ? Optional.empty() : client.store().conversation(open);
        if (held.isEmpty() || !"group".equals(held.get().summary().kind())) {
            out.accept("open a group first: /list, then /open <n>");
            return Optional.empty();
        }
        Groups groups = client.groups();
        switch (command) {
            case "/info" -> {
                ConversationSummary summary = await(groups.refresh(open));
                out.accept("   " + details(summary));
                if (ConversationSummary.LARGE.equals(summary.tier())) {
                    readBy(summary).ifPresent(out);
                }
            }
            case "/add", "/remove" -> members(command, open, words);
            case "/admin", "/member", "/owner" -> {
                if (words.size() != 1) {
                    out.accept("usage: " + command + " <user>");
                    return Optional.empty();
                }
                Groups.Role role = Groups.Role.valueOf(command.substring(1).toUpperCase(java.util.Locale.ROOT));
                await(groups.setRole(open, names.ids(client.api(), words).get(0), role));
                out.accept(words.get(0) + " is now " + switch (role) {
                    case ADMIN -> "an admin";
                    case MEMBER -> "a member (not an admin)";
                    case OWNER -> "the owner (you stay an admin)";
                });
            }
            case "/title" -> {
                String title = line.strip().substring(command.length()).strip();
                if (title.isEmpty()) {
                    out.accept("usage: /title <text>");
                    return Optional.empty();
                }
                out.accept("title set: " + await(groups.updateGroup(open, title, null)).title());
            }
            case "/announce" -> announce(open, words);
            case "/invite" -> invite(open, words);
            case "/invites" -> invites(open);
            case "/revoke" -> revoke(open, words);
            default -> throw new IllegalStateException("not a group command: " + command);
        }
        return Optional.empty();
    }

    /**
     * Another admin changed the group's settings or someone's role: the SDK calls this once the
     * store holds the new summary, so the line shows the group as it is now.
     */
    @Override
    public void onConversation(ConversationEvent event) {
        boolean settings = "settingsChanged".equals(event.change());
        if (!settings && !"roleChanged".equals(event.change())) {
            return;
        }
        client.store().conversation(event.conversationId()).ifPresent(held -> {
            ConversationSummary s = held.summary();
            String what = settings ? "changed the group" : "changed the role of "
                    + String.join(", ", event.members() == null ? List.of() : event.members().stream().map(names::of).toList());
            out.accept("  (" + names.of(event.by()) + " " + what + ": " + s.title() + ", " + details(s) + ")");
        });
    }

    /**
     * A large group has no per-member receipts: "read by N" for the user's newest message among the last 100 held
     * (readCounts); empty when they sent none of those.
     */
    private Optional<String> readBy(ConversationSummary group) throws Exception {
        List<MessageEvent> recent = client.store().messages(group.conversationId(), Math.max(0, group.lastSeq() - 100), 100);
        Optional<Long> mine = recent.stream().filter(message -> client.userId().equals(message.senderId()))
                .map(MessageEvent::seq).reduce((earlier, later) -> later);
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        ReadCounts counts = await(client.readCounts(group.conversationId(), List.of(mine.get())));
        return Optional.of("   your last message (#" + mine.get() + "): read by " + counts.readBy(mine.get())
                + (counts.exact(mine.get()) ? "" : " or more"));
    }

    /** What a group is, for its header and /info: members, tier, the user's role, who may post. */
    static String details(ConversationSummary s) {
        StringBuilder text = new StringBuilder(s.memberCount() + " members, " + s.tier() + " group");
        if (ConversationSummary.LARGE.equals(s.tier())) {
            text.append(" (no per-member receipts, no typing)");
        }
        text.append(", you: ").append(s.role());
        if (Groups.PostPolicy.ADMINS.wire().equals(s.postPolicy())) {
            text.append(", announcement group: only admins post");
        }
        return text.toString();
    }

    /** The tail of a /list line: how many members, and the tier when large. */
    static String listed(ConversationSummary s) {
        if (!"group".equals(s.kind())) {
            return "";
        }
        return " \u00b7 " + (ConversationSummary.LARGE.equals(s.tier()) ? "large, " : "") + s.memberCount() + " members"
                + (Groups.PostPolicy.ADMINS.wire().equals(s.postPolicy()) ? ", announcements" : "");
    }

    /** A refusal in words, with its reason as the SDK names it. */
    static String explain(GroupRefusal refusal) {
        String why = switch (refusal.reason()) {
            case NOT_ALLOWED -> "your role does not allow that: " + refusal.serverError().serverMessage();
            case ANNOUNCEMENT_ONLY -> "only admins post in this announcement group";
            case NOT_FOUND -> "no such group, or you are not a member of it";
            case INVITE_NOT_VALID -> "this invite link is not valid";
            case INVITE_EXPIRED -> "this invite link expired";
            case INVITE_REVOKED -> "this invite link was revoked";
            case INVITE_USED_UP -> "this invite link was used up";
            case INVITE_CREATOR_NOT_ADMIN -> "this invite link ended: whoever made it is no longer an admin";
            case LIMIT_EXCEEDED, BAD_REQUEST -> refusal.serverError().serverMessage();
        };
        return "refused (" + refusal.reason() + "): " + why;
    }

    private void members(String command, String open, List<String> usernames) throws Exception {
        if (usernames.isEmpty()) {
            out.accept("usage: " + command + " <user>...");
            return;
        }
        List<String> ids = names.ids(client.api(), usernames);
        ConversationSummary after = await(command.equals("/add") ? client.groups().addMembers(open, ids)
                : client.groups().removeMembers(open, ids));
        out.accept((command.equals("/add") ? "added " : "removed ") + String.join(", ", usernames) + ": " + details(after));
    }

    private void announce(String open, List<String> words) throws Exception {
        if (words.size() != 1 || !(words.get(0).equals("on") || words.get(0).equals("off"))) {
            out.accept("usage: /announce on|off");
            return;
        }
        boolean on = words.get(0).equals("on");
        await(client.groups().updateGroup(open, null, on ? Groups.PostPolicy.ADMINS : Groups.PostPolicy.EVERYONE));
        out.accept(on ? "announcement group: only admins post now" : "everyone may post now");
    }

    private void invite(String open, List<String> words) throws Exception {
        Duration expires = null;
        Integer uses = null;
        for (int i = 0; i < words.size(); i++) {
            boolean hasValue = i + 1 < words.size();
            if (words.get(i).equals("--expires") && hasValue) {
                expires = duration(words.get(++i));
            } else if (words.get(i).equals("--uses") && hasValue && words.get(i + 1).matches("\\d{1,5}")) {
                uses = Integer.parseInt(words.get(++i));
            } else {
                out.accept("usage: /invite [--expires 30m|12h|7d] [--uses n]");
                return;
            }
        }
        CreateInviteReply invite = await(client.groups().createInvite(open, expires, uses));
        out.accept("invite link #" + invite.inviteId() + " (shown once; expires " + WHEN.format(Instant.ofEpochMilli(invite.expiresAt()))
                + ", up to " + invite.maxUses() + " joins): " + invite.token());
    }

    private void invites(String open) throws Exception {
        List<InviteInfo> all = await(client.groups().allInvites(open));
        if (all.isEmpty()) {
            out.accept("no invite links: /invite makes one");
        }
        long now = System.currentTimeMillis();
        for (InviteInfo invite : all) {
            String state = invite.revoked() ? ", revoked" : invite.expiresAt() <= now ? ", expired"
                    : invite.uses() >= invite.maxUses() ? ", used up" : "";
            out.accept("  #" + invite.inviteId() + " by " + names.of(invite.createdBy()) + ": " + invite.uses() + "/"
                    + invite.maxUses() + " joins, expires " + WHEN.format(Instant.ofEpochMilli(invite.expiresAt())) + state);
        }
    }

    private void revoke(String open, List<String> words) throws Exception {
        Matcher token = TOKEN.matcher(String.join(" ", words));
        String id = token.find() ? token.group().split("\\.")[1] : words.size() == 1 ? words.get(0).replaceFirst("^#", "") : "";
        if (!id.matches("\\d{1,16}")) {
            out.accept("usage: /revoke <n|link> (n: the number /invites shows)");
            return;
        }
        await(client.groups().revokeInvite(open, Long.parseLong(id)));
        out.accept("revoked invite link #" + id);
    }

    private Optional<String> join(List<String> words) throws Exception {
        Matcher token = TOKEN.matcher(String.join(" ", words));
        if (!token.find()) {
            out.accept("usage: /join <link> (as /invite printed it)");
            return Optional.empty();
        }
        ConversationSummary joined = await(client.groups().joinByInvite(token.group()));
        out.accept("joined " + (joined.title() == null ? "the group" : joined.title()));
        return Optional.of(joined.conversationId());
    }

    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--expires takes a number of seconds, or 30m, 12h, 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }
}
