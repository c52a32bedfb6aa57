package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.conversation.RecentRemovals;
import dev.parley.functions.domain.delivery.Recipient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Viewers, recent removals and activity rounds in memory with the DynamoDB adapter's contract
 * (entries in {@link Viewers#SHARDS} shards by connection id, each sorted by it, pages by cursor); counts
 * the calls each would make ({@link #pageReads}: one per shard's Query, so {@link #heads} counts
 * {@link Viewers#SHARDS}).
 */
public final class InMemoryViewers implements Viewers, RecentRemovals, ActivityRounds {
    /** Keyed by conversation id and shard, as the DynamoDB adapter's partitions. */
    private final Map<String, TreeMap<String, Viewer>> viewers = new HashMap<>();
    private final Map<String, Map<String, Instant>> removals = new HashMap<>();
    private final Map<String, Round> rounds = new HashMap<>();
    public int pageReads;
    public int removalReads;
    public int claims;
    public int writes;

    @Override
    public synchronized void record(String conversationId, Recipient socket, Instant until) {
        writes++;
        viewers.computeIfAbsent(shardOf(conversationId, socket.connectionId()), id -> new TreeMap<>())
                .put(socket.connectionId(), new Viewer(socket, until));
    }

    @Override
    public synchronized void forget(String conversationId, String connectionId) {
        writes++;
        viewers.getOrDefault(shardOf(conversationId, connectionId), new TreeMap<>()).remove(connectionId);
    }

    @Override
    public synchronized List<Page> heads(String conversationId, int limitEach) {
        return IntStream.range(0, SHARDS).mapToObj(shard -> page(conversationId, shard, null, limitEach)).toList();
    }

    @Override
    public synchronized Page page(String conversationId, int shard, String after, int limit) {
        pageReads++;
        TreeMap<String, Viewer> all = viewers.getOrDefault(conversationId + "#" + shard, new TreeMap<>());
        List<Map.Entry<String, Viewer>> rest = new ArrayList<>((after == null ? all : all.tailMap(after, false)).entrySet());
        List<Map.Entry<String, Viewer>> taken = rest.subList(0, Math.min(limit, rest.size()));
        return new Page(taken.stream().map(Map.Entry::getValue).toList(), rest.size() > limit ? taken.getLast().getKey() : null);
    }

    /** Every viewer entry of {@code conversationId}, all shards, expired ones included: for assertions. */
    public synchronized List<Viewer> all(String conversationId) {
        return IntStream.range(0, SHARDS)
                .mapToObj(shard -> viewers.getOrDefault(conversationId + "#" + shard, new TreeMap<>()).values())
                .flatMap(Collection::stream).toList();
    }

    private static String shardOf(String conversationId, String connectionId) {
        return conversationId + "#" + Viewers.shardOf(connectionId);
    }

    @Override
    public synchronized void record(String conversationId, Collection<String> userIds, Instant at) {
        writes += userIds.size();
        userIds.forEach(userId -> removals.computeIfAbsent(conversationId, id -> new HashMap<>()).put(userId, at));
    }

    @Override
    public synchronized Set<String> since(String conversationId, Instant since) {
        removalReads++;
        return removals.getOrDefault(conversationId, Map.of()).entrySet().stream()
                .filter(entry -> entry.getValue().isAfter(since)).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Override
    public synchronized Optional<Claim> claim(String conversationId, long seq, Instant now, Instant lastAllowed) {
        claims++;
        Round last = rounds.get(conversationId);
        if (last != null && last.at().isAfter(lastAllowed)) {
            return Optional.empty();
        }
        rounds.put(conversationId, new Round(now, seq));
        return Optional.of(new Claim(last));
    }
}
