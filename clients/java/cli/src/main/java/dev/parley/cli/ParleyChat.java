package dev.parley.cli;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.auth.CognitoAuth;
import dev.parley.client.auth.Session;
import dev.parley.client.auth.Tokens;
import dev.parley.client.signal.E2eeClient;
import dev.parley.client.signal.store.SqliteSignalStore;
import dev.parley.client.store.SqliteStore;
import okhttp3.OkHttpClient;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code ./parley chat <user>}: a terminal chat on the Java SDK. */
@Command(name = "parley chat", mixinStandardHelpOptions = true,
        description = "Chat in the terminal as <user>, against the local cloud (default) or any stage.")
public final class ParleyChat implements Callable<Integer> {
    @Parameters(index = "0", description = "the username to sign in as")
    String username;

    @Option(names = "--endpoints", description = "local cloud endpoints file (default: local-env/target/endpoints.json)")
    Path endpoints = Path.of("local-env", "target", "endpoints.json");

    @Option(names = "--url", description = "a stage's WebSocket URL (with --cognito-endpoint and --client-id)")
    String url;

    @Option(names = "--cognito-endpoint", description = "e.g. https://cognito-idp.eu-west-1.amazonaws.com/")
    String cognitoEndpoint;

    @Option(names = "--client-id", description = "the user pool app client id")
    String clientId;

    @Option(names = "--password", description = "the password (asked for when not given and not a local demo user)")
    String password;

    @Option(names = "--home", description = "where the device id, the message store and the encryption keys live (default: ~/.parley)")
    Path home = Path.of(System.getProperty("user.home"), ".parley");

    public static void main(String[] args) {
        System.exit(new CommandLine(new ParleyChat()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Target target = url != null ? new Target(url, cognitoEndpoint, clientId, java.util.Map.of()) : Target.fromEndpoints(endpoints);
        Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        String secret = password != null ? password : target.demoPasswords().get(username);
        if (secret == null) {
            secret = reader.readLine("password for " + username + ": ", '*');
        }
        OkHttpClient http = new OkHttpClient();
        CognitoAuth cognito = new CognitoAuth(http, target.cognitoEndpoint(), target.clientId());
        Tokens tokens = cognito.signIn(username, secret, () -> reader.readLine("TOTP code: "));
        Files.createDirectories(home);
        String deviceId = deviceId(home.resolve(username + ".device"));
        String stores = username + "-" + deviceId;
        try (SqliteStore store = SqliteStore.open(home.resolve(stores + ".db").toString());
             SqliteSignalStore keys = SqliteSignalStore.open(home.resolve(stores + "-signal.db").toString());
             ParleyClient client = ParleyClient.options(target.webSocketUrl(), deviceId, new Session(tokens, cognito), store)
                     .http(http).platform("web").build()) {
            Names names = new Names();
            names.learn(username, client.userId());
            E2eeView e2eeView = new E2eeView(client, names, line -> print(reader, line),
                    new VerifiedKeys(home.resolve(stores + "-verified.properties")),
                    java.nio.charset.StandardCharsets.UTF_8.equals(terminal.encoding()));
            // Attached before start: the first connect publishes this device's keys, keysLow refills them.
            E2eeClient e2ee = E2eeClient.attach(client, keys, e2eeView);
            e2eeView.use(e2ee);
            ChatSession session = new ChatSession(client, names, e2eeView, line -> print(reader, line));
            tellTypingOnKeystrokes(reader, session);
            client.start();
            print(reader, "signed in as " + username + " on device " + deviceId + ". " + ChatSession.HELP);
            lookUpDemoUsers(client, names, target);
            while (true) {
                String line;
                try {
                    line = reader.readLine("> ");
                } catch (UserInterruptException | EndOfFileException end) {
                    break;
                }
                if (!session.handle(line)) {
                    break;
                }
            }
            e2ee.close();
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            terminal.close();
        }
        return 0;
    }

    /** Every character typed into the line (JLine's self-insert widget) tells the open conversation that the user is typing. */
    private static void tellTypingOnKeystrokes(LineReader reader, ChatSession session) {
        org.jline.reader.Widget insert = reader.getWidgets().get(LineReader.SELF_INSERT);
        reader.getWidgets().put(LineReader.SELF_INSERT, () -> {
            session.keystroke(reader.getBuffer().toString());
            return insert.apply();
        });
    }

    /** Locally, the demo users' names are known up front, so that messages show names, not ids. */
    private static void lookUpDemoUsers(ParleyClient client, Names names, Target target) {
        if (target.demoPasswords().isEmpty()) {
            return;
        }
        AtomicBoolean once = new AtomicBoolean();
        client.addStateListener(state -> {
            if (state instanceof ConnectionState.Connected && once.compareAndSet(false, true)) {
                CompletableFuture.runAsync(() -> {
                    try {
                        names.lookUp(client.api(), new ArrayList<>(target.demoPasswords().keySet()));
                    } catch (Exception e) {
                        once.set(false); // names stay short ids until the next connect tries again
                    }
                });
            }
        });
    }

    private static String deviceId(Path file) throws java.io.IOException {
        if (Files.isRegularFile(file)) {
            return Files.readString(file).strip();
        }
        String id = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(file, id);
        return id;
    }

    private static void print(LineReader reader, String line) {
        if (reader.isReading()) {
            reader.printAbove(line);
        } else {
            reader.getTerminal().writer().println(line);
            reader.getTerminal().writer().flush();
        }
    }
}
