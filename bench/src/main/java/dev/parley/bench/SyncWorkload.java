package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.v1.Actions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * W4: what one {@code sync} costs, and that it follows what changed, not how many conversations
 * the user has. One user is in {@code conversations} direct conversations (one message each); its
 * device syncs once from nothing (a new device, measured too), then:
 * <ul>
 *   <li>{@code changed} partners send one message each, and the device syncs with its cursors and
 *       syncToken (measured);</li>
 *   <li>nothing changes, and it syncs again (measured);</li>
 *   <li>a second user in only {@code changed * 4} conversations does the same with {@code changed}
 *       changed (measured): its cost should match the first's.</li>
 * </ul>
 */
final class SyncWorkload {
    private static final int TIMEOUT_SECONDS = 60;

    private final Fleet fleet;
    private final Meters meters;
    private final Progress progress;

    /** Reads the meters once the cloud is quiet. */
    interface Meters {
        MeterReading quietReading() throws InterruptedException;
    }

    SyncWorkload(Fleet fleet, Meters meters, Progress progress) {
        this.fleet = fleet;
        this.meters = meters;
        this.progress = progress;
    }

    /** {@code population} must hold at least 1 + conversations + 1 + changed * 4 connected devices. */
    List<OperationResult> run(List<Device> population, int conversations, int changed) throws InterruptedException {
        Device big = population.get(0);
        List<Device> bigPartners = population.subList(1, 1 + conversations);
        int smallCount = changed * 4;
        Device small = population.get(1 + conversations);
        List<Device> smallPartners = population.subList(2 + conversations, 2 + conversations + smallCount);
        progress.say("W4: %d + %d direct conversations, one message each", conversations, smallCount);
        List<ChatRoom> bigRooms = roomsWith("W4 large", big, bigPartners);
        List<ChatRoom> smallRooms = roomsWith("W4 small", small, smallPartners);

        List<OperationResult> results = new ArrayList<>();
        MeterReading before = meters.quietReading();
        Cursors bigCursors = syncAll(big, new Cursors());
        int bigTotal = bigCursors.seqs.size();
        results.add(result("W4 new device", "full sync of a new device of a user in %d conversations (%d pages)"
                .formatted(bigTotal, bigCursors.pages), 1, before));

        sendOneEach(bigRooms.subList(0, changed));
        before = meters.quietReading();
        bigCursors = syncAll(big, bigCursors);
        results.add(result("W4 %d of %d".formatted(changed, bigTotal),
                "sync with cursors and syncToken, user in %d conversations, %d changed".formatted(bigTotal, changed),
                1, before));

        before = meters.quietReading();
        syncAll(big, bigCursors);
        results.add(result("W4 0 of %d".formatted(bigTotal),
                "sync with cursors and syncToken, user in %d conversations, none changed".formatted(bigTotal), 1, before));

        Cursors smallCursors = syncAll(small, new Cursors());
        sendOneEach(smallRooms.subList(0, changed));
        before = meters.quietReading();
        syncAll(small, smallCursors);
        results.add(result("W4 %d of %d".formatted(changed, smallCursors.seqs.size()),
                "sync with cursors and syncToken, user in %d conversations, %d changed".formatted(smallCursors.seqs.size(), changed),
                1, before));
        return results;
    }

    private List<ChatRoom> roomsWith(String label, Device user, List<Device> partners) {
        List<List<Device>> pairs = partners.stream().map(partner -> List.of(partner, user)).toList();
        List<ChatRoom> rooms = fleet.directConversations(label, pairs);
        sendOneEach(rooms);
        return rooms;
    }

    /** The first member of each room (the partner) sends one message, all in parallel. */
    private static void sendOneEach(List<ChatRoom> rooms) {
        List<java.util.concurrent.CompletableFuture<JsonNode>> replies = new ArrayList<>();
        for (ChatRoom room : rooms) {
            ObjectNode fields = Device.fields().put("conversationId", room.conversationId())
                    .put("clientMessageId", "w4-" + UUID.randomUUID()).put("text", "sync benchmark");
            replies.add(room.members().get(0).request(Actions.SEND_MESSAGE, fields));
        }
        replies.forEach(reply -> reply.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join());
    }

    /** Syncs until {@code hasMore} is false; returns the cursors and token the device now holds. */
    private static Cursors syncAll(Device device, Cursors from) {
        Cursors cursors = from.copy();
        String since = from.token;
        cursors.pages = 0;
        while (true) {
            ObjectNode request = Device.fields();
            ObjectNode map = request.putObject("cursors");
            cursors.seqs.forEach(map::put);
            if (since != null) {
                request.put("since", since);
            }
            JsonNode reply = device.request(Actions.SYNC, request).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
            cursors.pages++;
            for (JsonNode conversation : reply.path("conversations")) {
                String id = conversation.path("conversation").path("conversationId").asText();
                long seq = cursors.seqs.getOrDefault(id, 0L);
                for (JsonNode message : conversation.path("messages")) {
                    seq = Math.max(seq, message.path("seq").asLong());
                }
                cursors.seqs.put(id, seq);
            }
            if (!reply.path("hasMore").asBoolean()) {
                cursors.token = reply.path("syncToken").asText();
                return cursors;
            }
        }
    }

    private OperationResult result(String name, String description, int requests, MeterReading before)
            throws InterruptedException {
        MeterReading cost = meters.quietReading().since(before);
        return new OperationResult(name, description, requests, cost, Map.of());
    }

    private static final class Cursors {
        final Map<String, Long> seqs = new LinkedHashMap<>();
        String token;
        int pages;

        Cursors copy() {
            Cursors copy = new Cursors();
            copy.seqs.putAll(seqs);
            copy.token = token;
            return copy;
        }
    }
}
