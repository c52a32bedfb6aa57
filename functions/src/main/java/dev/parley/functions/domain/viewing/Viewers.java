package dev.parley.functions.domain.viewing;

import dev.parley.functions.domain.delivery.Recipient;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Port: the sockets viewing each conversation, kept under the conversation so that a large
 * conversation's fan-out reads its viewers, not every member's connections. Written by
 * {@code viewConversation} (one entry per socket, with the view's end as its TTL), read a page at a
 * time by the fan-out worker.
 *
 * <p>The entries are spread over {@link #SHARDS} shards by {@link #shardOf the socket's connection id},
 * so a refresh and a stop of the same socket find its entry, and one conversation's views and fan-out
 * reads are spread over that many DynamoDB partition keys instead of one (docs/cost.md, "The viewers
 * partition"). Each shard is paged on its own; a message's first page reads the head of every shard.
 *
 * <p>The DynamoDB adapter: the viewers table, partition = conversation and shard, one item of about
 * 120 bytes per viewing socket; a page is one eventually consistent Query (500 viewers: about 8 read units).
 */
public interface Viewers {

    /**
     * How many shards a conversation's viewer entries are spread over. 100,000 sockets viewing one
     * conversation and refreshing every 30 s write 3,333 units a second, more than three keys can take
     * (1,000 each): 8 keys take about 420 each, room for switches and an uneven spread, while a
     * message's first page stays 8 parallel Queries. Changing it moves every entry to another key:
     * views written before are not read until refreshed, as after the first sharded deploy.
     */
    int SHARDS = 8;

    /**
     * The shard of a socket's entry: a stable function of its connection id alone. {@link String#hashCode}
     * is specified by the platform, so every function and version agrees; the mix spreads its low bits.
     */
    static int shardOf(String connectionId) {
        int h = connectionId.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, SHARDS);
    }

    /** {@code socket} views {@code conversationId} until {@code until}: one PutItem in its shard. */
    void record(String conversationId, Recipient socket, Instant until);

    /** {@code connectionId} no longer views {@code conversationId}: one DeleteItem; no entry is not an error. */
    void forget(String conversationId, String connectionId);

    /**
     * The first up to {@code limitEach} viewer entries of each shard of {@code conversationId}, read in
     * parallel: the page of shard {@code i} at index {@code i}, its {@link Page#next} the cursor for
     * {@link #page} in that shard. Expired entries included.
     */
    List<Page> heads(String conversationId, int limitEach);

    /**
     * Up to {@code limit} viewer entries of {@code conversationId}'s {@code shard} after the cursor
     * {@code after} (null: from the first), expired ones included (the caller compares {@link Viewer#until}).
     */
    Page page(String conversationId, int shard, String after, int limit);

    /** A viewing socket and when its view ends unless refreshed. */
    record Viewer(Recipient socket, Instant until) {
        public Viewer {
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(until, "until");
        }

        public boolean isViewing(Instant now) {
            return now.isBefore(until);
        }
    }

    /** @param next the cursor of the following page in the same shard, null when this is the last */
    record Page(List<Viewer> viewers, String next) {
        public Page {
            viewers = List.copyOf(viewers);
        }
    }
}
