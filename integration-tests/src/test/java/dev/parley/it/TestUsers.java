package dev.parley.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.model.Frame;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.FindUsersReply;
import dev.parley.model.v1.FindUsersRequest;
import dev.parley.model.v1.UserMatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The target's test users (locally the demo users alice, bob and carol), each signed in once
 * per test run, with the user id that {@code findUsers} gives for them. Tests name users by
 * index so that they also run against a deployed stage with other users.
 */
final class TestUsers {
    /** A signed-in user: what a client knows after signing in and looking itself up. */
    record TestUser(String username, String accessToken, String userId) {
    }

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int COUNT = 3;
    private static TargetStack target;
    private static List<TestUser> users;

    private TestUsers() {
    }

    static synchronized TargetStack target() {
        if (target == null) {
            target = TargetStack.fromEnvironment();
        }
        return target;
    }

    static synchronized TestUser user(int index) {
        if (users == null) {
            users = signIn();
        }
        return users.get(index);
    }

    /**
     * Signs the users in and resolves their ids. Every user connects once before the first of
     * them looks all of them up, because on a stage whose users predate the user pool triggers
     * the connect is what puts them in the directory: one findUsers call per test run, far from
     * the rate limit.
     */
    private static List<TestUser> signIn() {
        TargetStack stack = target();
        List<String> names = new ArrayList<>();
        Map<String, String> tokens = new HashMap<>();
        for (int i = 0; i < COUNT; i++) {
            String name = stack.user(i);
            names.add(name);
            tokens.put(name, stack.accessToken(name));
        }
        List<WsClient> sockets = new ArrayList<>();
        try {
            for (String name : names) {
                sockets.add(WsClient.connect(stack.connectUrl(tokens.get(name), "it-directory")));
            }
            ObjectNode request = ProtocolCodec.instance().mapper().valueToTree(new FindUsersRequest(names));
            request.put("action", Actions.FIND_USERS).put("requestId", "directory");
            sockets.getFirst().send(request.toString());
            Frame answer = sockets.getFirst().answerTo("directory", WAIT);
            if (!(answer instanceof Frame.Reply reply)) {
                throw new IllegalStateException("findUsers of the test users failed: " + answer);
            }
            FindUsersReply found = Device.payload(reply, FindUsersReply.class);
            Map<String, String> ids = new HashMap<>();
            for (UserMatch match : found.users()) {
                ids.put(match.username(), match.userId());
            }
            return names.stream().map(name -> {
                String id = ids.get(name);
                if (id == null) {
                    throw new IllegalStateException("findUsers did not find test user " + name + " after it connected: " + found);
                }
                return new TestUser(name, tokens.get(name), id);
            }).toList();
        } finally {
            sockets.forEach(WsClient::close);
        }
    }
}
