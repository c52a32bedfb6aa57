package dev.parley.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement;

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
    private static final ProtocolCodec INSTANCE = new ProtocolCodec(JsonMapper.builder(JsonFactory.builder()
                    // Bounds the parser's work on a hostile frame; each refusal is a BAD_REQUEST.
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(Limits.MAX_JSON_DEPTH)
                            .maxNumberLength(Limits.MAX_NUMBER_DIGITS)
                            .build())
                    // {"a":1,"a":2} means two things to two readers; refuse it rather than pick one.
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            // A request field of the wrong JSON type is a BAD_REQUEST, not silently coerced.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // A seq or limit of 1.5 is refused, never rounded down to 1.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Integer, integer -> integer
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Optional fields are left out of frames rather than sent as null.
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build());

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

    @IgnoreJRERequirement // server-side only: the Java SDK writes requests, never reads them
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
            throw new ProtocolException(JsonRefusals.requestIdBeforeFailure(mapper.getFactory(), text),
                    ErrorCode.BAD_REQUEST, JsonRefusals.describe(e));
        }
        if (!(tree instanceof ObjectNode body)) {
            throw new ProtocolException(null, ErrorCode.BAD_REQUEST, "The frame must be a JSON object.");
        }
        String requestId = readRequestId(body);
        String unreadable = WireStrings.firstRefused(body);
        if (unreadable != null) {
            throw new ProtocolException(requestId, ErrorCode.BAD_REQUEST, unreadable);
        }
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
        if (WireStrings.refusal(id.asText()) != null) {
            throw new ProtocolException(null, ErrorCode.BAD_REQUEST, "\"requestId\" " + WireStrings.refusal(id.asText()));
        }
        if (id.asText().length() > Limits.MAX_REQUEST_ID_LENGTH) {
            throw new ProtocolException(null, ErrorCode.BAD_REQUEST,
                    "\"requestId\" is longer than " + Limits.MAX_REQUEST_ID_LENGTH + " characters.");
        }
        return id.asText();
    }

    /**
     * Reads an action's fields into its record. A field of the wrong type, or an id field that
     * does not have its documented format ({@link IdFormats}), becomes a BAD_REQUEST that names the
     * field; missing fields are null, for the use case to judge.
     */
    public <T> T read(Request request, Class<T> type) {
        T fields = RecordTrees.read(request.body(), type);
        try {
            if (fields == null) {
                fields = mapper.treeToValue(request.body(), type);
            }
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("(frame)");
            throw new ProtocolException(request.requestId(), ErrorCode.BAD_REQUEST,
                    "Field \"" + field + "\" has the wrong type for " + request.action() + ".");
        } catch (JsonProcessingException e) {
            throw new ProtocolException(request.requestId(), ErrorCode.BAD_REQUEST,
                    "The fields of " + request.action() + " cannot be read: " + e.getOriginalMessage());
        }
        String malformed = IdFields.firstMalformed(fields);
        if (malformed != null) {
            throw new ProtocolException(request.requestId(), ErrorCode.BAD_REQUEST, malformed);
        }
        return fields;
    }

    /** A reply whose payload is the given record's fields. */
    @IgnoreJRERequirement // server-side only, as read
    public Frame.Reply reply(String requestId, Object payload) {
        return new Frame.Reply(requestId, tree(payload));
    }

    /** An event of the given type whose payload is the given record's fields. */
    @IgnoreJRERequirement // server-side only, as read
    public Frame.Event event(String type, Object payload) {
        return new Frame.Event(type, tree(payload));
    }

    @IgnoreJRERequirement
    private ObjectNode tree(Object payload) {
        ObjectNode tree = RecordTrees.write(payload);
        return tree != null ? tree : mapper.valueToTree(payload);
    }

    /** How many bytes of JSON the record's fields take, as a frame carries them. */
    @IgnoreJRERequirement // server-side only, as read
    public long encodedBytes(Object payload) {
        try {
            return mapper.writeValueAsBytes(tree(payload)).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of JSON fields always serializes", e);
        }
    }

    public String encode(Frame frame) {
        ObjectNode out = mapper.createObjectNode();
        out.put("type", frame.type());
        // if/else rather than a pattern switch: shared-model compiles with --release 17 for the Java SDK.
        if (frame instanceof Frame.Reply reply) {
            out.put("requestId", reply.requestId());
            copyPayload(reply.payload(), out);
        } else if (frame instanceof Frame.Error error) {
            if (error.requestId() != null) {
                out.put("requestId", error.requestId());
            }
            out.put("code", error.code().name());
            out.put("message", error.message());
            if (error.details() != null) {
                out.set("details", error.details());
            }
        } else {
            copyPayload(((Frame.Event) frame).payload(), out);
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
                    node.path("message").asText(), node.get("details") instanceof ObjectNode details ? details : null);
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
