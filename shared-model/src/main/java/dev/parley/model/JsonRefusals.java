package dev.parley.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;

/**
 * Why a frame could not be parsed, in words a client developer can act on. The parser's own
 * message is not passed on: it may quote the frame, and it names Jackson's internals.
 */
final class JsonRefusals {
    private JsonRefusals() {
    }

    static String describe(JsonProcessingException e) {
        String reason = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            if (reason.contains("nesting depth")) {
                return "The frame nests objects and arrays deeper than " + Limits.MAX_JSON_DEPTH + " levels.";
            }
            if (reason.contains("Number")) {
                return "The frame has a number longer than " + Limits.MAX_NUMBER_DIGITS + " digits.";
            }
            return "The frame exceeds a parser limit.";
        }
        if (reason.startsWith("Duplicate")) {
            return "The frame names the same field twice" + where(e.getLocation()) + "; each field may appear once.";
        }
        return "The frame is not valid JSON" + where(e.getLocation()) + ".";
    }

    /**
     * The frame's top-level {@code requestId}, if it comes before the point where the frame stopped
     * being readable: the error then answers the request the client can match it to.
     */
    static String requestIdBeforeFailure(JsonFactory json, String text) {
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                boolean isRequestId = "requestId".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isRequestId) {
                    String id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    return id != null && !id.isEmpty() && id.length() <= Limits.MAX_REQUEST_ID_LENGTH
                            && WireStrings.refusal(id) == null ? id : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
