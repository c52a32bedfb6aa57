package dev.parley.functions.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of request fields the codec cannot express (it only guarantees JSON types). Each
 * failure is a BAD_REQUEST whose message names the field, so a client developer can fix it.
 */
public final class RequestFields {
    private RequestFields() {
    }

    /** The field's value, or BAD_REQUEST when it is missing. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw badRequest("Field \"" + field + "\" is required.");
        }
        return value;
    }

    /**
     * The distinct values of a required list of strings, in the order given. Each must match
     * {@code format}, which {@code formatText} describes ("1 to 128 letters, digits, ...").
     */
    public static Set<String> distinct(List<String> values, String field, Pattern format, String formatText) {
        required(values, field);
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || !format.matcher(value).matches()) {
                throw badRequest("Field \"" + field + "[" + i + "]\" must be " + formatText + ".");
            }
            distinct.add(value);
        }
        return distinct;
    }

    public static FailureException badRequest(String message) {
        return new FailureException(new Failure.BadRequest(message));
    }
}
