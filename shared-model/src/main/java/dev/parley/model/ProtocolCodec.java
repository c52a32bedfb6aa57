package dev.parley.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads requests and writes frames of protocol v1. Thread-safe; one instance serves a process.
 *
 * <p>Decoding never trusts the frame: anything that is not a JSON object with a string
 * {@code action} becomes a {@link ProtocolException} carrying {@code BAD_REQUEST}, with the
 * {@code requestId} when one could be read.
 */
public final class ProtocolCodec {
    private static final ProtocolCodec INSTANCE = new ProtocolCodec(new ObjectMapper());

    private final ObjectMapper mapper;

    private ProtocolCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static ProtocolCodec instance() {
        return INSTANCE;
    }

    /** The mapper the codec uses; action records are read and written with it. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public Request decodeRequest(String text) {
        if (text == null || text.isBlank()) {
            throw new ProtocolException(null, ErrorCode.BAD_REQUEST, "The frame is empty; send a JSON object.");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_MESSAGE_BYTES) {
            throw new ProtocolException(null, ErrorCode.PAYLOAD_TOO_LARGE,
                    "The frame is larger than " + Limits.MAX_MESSAGE_BYTES + " bytes.");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(null, ErrorCode.BAD_REQUEST,
                    "The frame is not valid JSON (line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ").");
        }
        if (!(tree instanceof ObjectNode body)) {
            throw new ProtocolException(null, ErrorCode.BAD_REQUEST, "The frame must be a JSON object.");
        }
        String requestId = readRequestId(body);
        JsonNode action = body.get("action");
        if (action == null || !action.isTextual() || action.asText().isEmpty()) {
            throw new ProtocolException(requestId, ErrorCode.BAD_REQUEST,
                    "The frame needs a string field \"action\".");
        }
        if (action.asText().length() > Limits.MAX_ACTION_LENGTH) {
            throw new ProtocolException(requestId, ErrorCode.BAD_REQUEST,
                    "\"action\" is longer than " + Limits.MAX_ACTION_LENGTH + " characters.");
        }
        return new Request(action.asText(), requestId, body);
    }

    private static String readRequestId(ObjectNode body) {
        JsonNode id = body.get("requestId");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || id.asText().isEmpty()) {
            throw new ProtocolException(null, ErrorCode.BAD_REQUEST, "\"requestId\" must be a non-empty string.");
        }
        if (id.asText().length() > Limits.MAX_REQUEST_ID_LENGTH) {
            throw new ProtocolException(null, ErrorCode.BAD_REQUEST,
                    "\"requestId\" is longer than " + Limits.MAX_REQUEST_ID_LENGTH + " characters.");
        }
        return id.asText();
    }

    public String encode(Frame frame) {
        ObjectNode out = mapper.createObjectNode();
        out.put("type", frame.type());
        switch (frame) {
            case Frame.Reply reply -> {
                out.put("requestId", reply.requestId());
                copyPayload(reply.payload(), out);
            }
            case Frame.Error error -> {
                if (error.requestId() != null) {
                    out.put("requestId", error.requestId());
                }
                out.put("code", error.code().name());
                out.put("message", error.message());
            }
            case Frame.Event event -> copyPayload(event.payload(), out);
        }
        try {
            return mapper.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serializes", e);
        }
    }

    /** Reads a server frame; clients and tests use it. Unknown error codes are refused loudly. */
    public Frame decodeFrame(String text) {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON frame: " + e.getOriginalMessage(), e);
        }
        if (!(tree instanceof ObjectNode node) || !node.path("type").isTextual()) {
            throw new IllegalArgumentException("not a Parley frame: " + text);
        }
        String type = node.get("type").asText();
        String requestId = node.path("requestId").isTextual() ? node.get("requestId").asText() : null;
        ObjectNode payload = node.deepCopy();
        payload.remove("type");
        return switch (type) {
            case "reply" -> {
                payload.remove("requestId");
                yield new Frame.Reply(requestId, payload);
            }
            case "error" -> new Frame.Error(requestId, ErrorCode.valueOf(node.path("code").asText()),
                    node.path("message").asText());
            default -> new Frame.Event(type, payload);
        };
    }

    private static void copyPayload(ObjectNode payload, ObjectNode out) {
        if (payload == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!out.has(field.getKey())) {
                out.set(field.getKey(), field.getValue());
            }
        }
    }
}
