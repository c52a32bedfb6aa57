package dev.parley.functions.domain.user;

import dev.parley.model.IdFormats;
import dev.parley.functions.domain.RequestFields;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * User ids as requests name them: the Cognito {@code sub} (a UUID) that findUsers returns. The
 * format is checked, not existence: an id nobody has simply never receives anything.
 */
public final class UserIds {
    private static final Pattern FORMAT = IdFormats.USER_ID.pattern();

    private UserIds() {
    }

    /** The distinct ids of a required list field, in the order given. */
    public static Set<String> require(List<String> userIds, String field) {
        return RequestFields.distinct(userIds, field, FORMAT, "a user id as findUsers returns it");
    }
}
