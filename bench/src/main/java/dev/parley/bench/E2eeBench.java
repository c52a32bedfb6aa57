package dev.parley.bench;

import dev.parley.model.Limits;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * W11 and W12, end-to-end encryption on the real SDK ({@link E2eeWorkload}, {@link E2eeRekeyWorkload}),
 * on users of their own: the other workloads' users have devices without keys, or (W10) with
 * random bytes for keys, which no session can be built from.
 */
final class E2eeBench {
    /** {@code ./parley bench --e2ee-only}: only W11 and W12 (a few minutes), printed like the sync and push table. */
    static final String ONLY = "--e2ee-only";
    static final String GROUP = "--e2ee-group";
    static final String USAGE = """
              --e2ee-only          only W11 (E2EE one-to-one, 2 devices a side, against plaintext) and W12 (re-key of an
                                   E2EE group), on the real SDK (parley-client-signal, libsignal)
              --e2ee-group N       W12's group size, 3 to %d (default %d; past %d the group is large)
            """.formatted(Limits.MAX_E2EE_GROUP_MEMBERS, Limits.MAX_MEMBERS, Limits.MAX_MEMBERS);

    private final int groupSize;

    private E2eeBench(int groupSize) {
        this.groupSize = groupSize;
    }

    static E2eeBench parse(String[] args) {
        int size = Limits.MAX_MEMBERS;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(GROUP)) {
                if (i + 1 >= args.length || !args[i + 1].matches("\\d+") || Integer.parseInt(args[i + 1]) < 3
                        || Integer.parseInt(args[i + 1]) > Limits.MAX_E2EE_GROUP_MEMBERS) {
                    throw new IllegalArgumentException(GROUP + " takes a group size of 3 to " + Limits.MAX_E2EE_GROUP_MEMBERS);
                }
                size = Integer.parseInt(args[i + 1]);
            }
        }
        return new E2eeBench(size);
    }

    /** The arguments without this class's own flags. */
    static String[] otherFlags(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(GROUP)) {
                i++;
            } else if (!args[i].equals(ONLY)) {
                rest.add(args[i]);
            }
        }
        return rest.toArray(String[]::new);
    }

    /** The users W11 and W12 need. */
    int users() {
        return 4 + groupSize;
    }

    /** {@code users}: {@link #users()} users that no other workload uses. */
    List<OperationResult> run(List<BenchUser> users, WebSocketClient sockets, URI url, SyncWorkload.Meters meters,
                              Progress progress) throws InterruptedException {
        List<OperationResult> results = new ArrayList<>(new E2eeWorkload(sockets, url, meters, progress).run(users.subList(0, 4)));
        results.addAll(new E2eeRekeyWorkload(sockets, url, meters, progress).run(users.subList(4, 4 + groupSize)));
        return results;
    }
}
