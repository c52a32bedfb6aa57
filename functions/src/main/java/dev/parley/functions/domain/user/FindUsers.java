package dev.parley.functions.domain.user;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.RequestFields;
import dev.parley.functions.domain.ratelimit.PerMinuteLimit;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.FindUsersReply;
import dev.parley.model.v1.UserMatch;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Use case: turn what people typed into user ids. Exact usernames only, at most
 * {@value Limits#MAX_FIND_USERS} per call and {@value Limits#FIND_USERS_PER_MINUTE} calls per
 * user per minute, so the directory cannot be walked: guessing names costs a call per 25 guesses.
 */
public final class FindUsers {
    /** Cognito's own rule for usernames: 1 to 128 characters, no whitespace or control characters. */
    private static final Pattern USERNAME = Pattern.compile("^[^\\s\\p{Cntrl}]{1,128}$");

    private final UserDirectory directory;
    private final PerMinuteLimit limit;

    public FindUsers(UserDirectory directory, PerMinuteLimit limit) {
        this.directory = directory;
        this.limit = limit;
    }

    public FindUsersReply find(Actor actor, Command command) {
        Set<String> usernames = RequestFields.distinct(command.usernames(), "usernames", USERNAME,
                "a username of 1 to 128 characters without spaces");
        if (usernames.isEmpty() || usernames.size() > Limits.MAX_FIND_USERS) {
            throw RequestFields.badRequest("Field \"usernames\" must name 1 to " + Limits.MAX_FIND_USERS + " usernames.");
        }
        if (!limit.admits(actor.userId())) {
            throw new FailureException(new Failure.RateLimited(Actions.FIND_USERS, limit.perMinute()));
        }
        Map<String, UserProfile> found = directory.find(usernames).stream()
                .collect(Collectors.toMap(UserProfile::username, Function.identity(), (a, b) -> a));
        return new FindUsersReply(usernames.stream()
                .map(found::get)
                .filter(Objects::nonNull)
                .map(user -> new UserMatch(user.username(), user.userId(), user.displayName()))
                .toList());
    }

    /** What the caller asks for: the {@code findUsers} action's fields, as the handler read them. */
    public record Command(List<String> usernames) {
    }
}
