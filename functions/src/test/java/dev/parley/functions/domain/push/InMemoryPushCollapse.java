package dev.parley.functions.domain.push;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The in-memory fake of {@link PushCollapse}, with the DynamoDB adapter's condition; counts its writes. */
public final class InMemoryPushCollapse implements PushCollapse {
    private record Claim(long seq, Instant until) {
    }

    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    @Override
    public boolean claim(String conversationId, String userId, long seq, Instant now, Instant until) {
        writes.incrementAndGet();
        boolean[] granted = {false};
        claims.compute(conversationId + "#" + userId, (key, held) -> {
            if (held == null || !held.until().isAfter(now) || held.seq() == seq) {
                granted[0] = true;
                return new Claim(seq, until);
            }
            return held;
        });
        return granted[0];
    }

    /** Conditional writes made, granted or not. */
    public int writes() {
        return writes.get();
    }
}
