package dev.parley.localenv.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the client sent in its upgrade request, in its order and header casing: the input of the
 * authorizer and {@code $connect} events.
 *
 * @param headers         header fields as received, repeated names repeated
 * @param queryParameters decoded query parameters as received, repeated names repeated
 */
record ClientHandshake(List<Map.Entry<String, String>> headers, List<Map.Entry<String, String>> queryParameters) {
    ClientHandshake {
        headers = List.copyOf(headers);
        queryParameters = List.copyOf(queryParameters);
    }

    /** The last value of a header, looked up without regard to case, as API Gateway's single-value map holds. */
    Optional<String> header(String name) {
        return last(headers, name, true);
    }

    /** The last value of a query parameter (names are case-sensitive). */
    Optional<String> queryParameter(String name) {
        return last(queryParameters, name, false);
    }

    private static Optional<String> last(List<Map.Entry<String, String>> entries, String name, boolean ignoreCase) {
        String found = null;
        for (Map.Entry<String, String> entry : entries) {
            if (ignoreCase ? entry.getKey().equalsIgnoreCase(name) : entry.getKey().equals(name)) {
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
