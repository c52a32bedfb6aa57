package dev.parley.functions.domain.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.model.ProtocolCodec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** An {@link EventPublisher} that delivers to every recipient and remembers who got which frame. */
public final class RecordingEventPublisher implements EventPublisher {
    private final List<Post> posts = new CopyOnWriteArrayList<>();

    @Override
    public DeliveryReport publish(List<Recipient> to, String frameJson) {
        to.forEach(recipient -> posts.add(new Post(recipient, frameJson)));
        return new DeliveryReport(to.size(), 0, 0, to.stream().map(Recipient::userId).collect(Collectors.toSet()));
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    /** The connection ids that got a frame, in posting order. */
    public List<String> connectionIds() {
        return posts.stream().map(post -> post.to().connectionId()).toList();
    }

    /** One frame to one socket. */
    public record Post(Recipient to, String frameJson) {
        public JsonNode frame() {
            try {
                return ProtocolCodec.instance().mapper().readTree(frameJson);
            } catch (Exception e) {
                throw new IllegalStateException("the publisher got a frame that is not JSON: " + frameJson, e);
            }
        }
    }
}
