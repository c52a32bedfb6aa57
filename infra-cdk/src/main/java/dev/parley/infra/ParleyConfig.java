package dev.parley.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;

/**
 * The app's settings, read once from CDK context ({@code cdk synth -c key=value} or cdk.json).
 *
 * @param functionsJar the Lambda deployment package (context {@code functionsJar})
 * @param stageName the WebSocket API stage (context {@code stage}, default {@code prod})
 * @param removalPolicy what happens to the user pool, the table and the logs when the stack is
 *     deleted (context {@code removalPolicy}: {@code retain}, the default, or {@code destroy})
 * @param selfSignUp whether anyone may sign up (context {@code selfSignUp}, default false)
 * @param identity MFA, threat protection, hosted UI, app client URLs and social providers
 *     ({@link IdentityConfig} lists the context keys)
 * @param push the push platforms and the secrets holding their credentials ({@link PushConfig})
 * @param media the media processor's jar and the bucket's CORS origins ({@link MediaConfig})
 * @param deployment alarms, API limits, worker concurrency, SES mail and the media domain
 *     ({@link DeploymentConfig})
 */
public record ParleyConfig(Path functionsJar, String stageName, RemovalPolicy removalPolicy, boolean selfSignUp,
                           IdentityConfig identity, PushConfig push, MediaConfig media, DeploymentConfig deployment) {

    public static final String FUNCTIONS_JAR = "functionsJar";
    public static final String STAGE = "stage";
    public static final String REMOVAL_POLICY = "removalPolicy";
    public static final String SELF_SIGN_UP = "selfSignUp";

    private static final String DEFAULT_STAGE = "prod";
    /** API Gateway's own rule for stage names. */
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    public ParleyConfig {
        Objects.requireNonNull(functionsJar, "functionsJar");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(push, "push");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(deployment, "deployment");
        if (!Files.isRegularFile(functionsJar)) {
            throw new IllegalStateException("The functions jar " + functionsJar + " does not exist."
                    + " Build it first with `./parley build` (or `mvn -pl functions -am package`),"
                    + " or point the context key " + FUNCTIONS_JAR + " at a built jar.");
        }
        media.requireBuiltJar();
        if (stageName == null || !STAGE_NAME.matcher(stageName).matches()) {
            throw new IllegalArgumentException("Context " + STAGE + " must match " + STAGE_NAME
                    + ", got: " + stageName);
        }
    }

    /**
     * The settings with the identity defaults (optional MFA, no hosted UI domain, no social providers)
     * no push and the deployment defaults.
     */
    public ParleyConfig(Path functionsJar, String stageName, RemovalPolicy removalPolicy, boolean selfSignUp,
                        MediaConfig media) {
        this(functionsJar, stageName, removalPolicy, selfSignUp, IdentityConfig.defaults(), PushConfig.none(), media,
                DeploymentConfig.defaults());
    }

    /**
     * The production stage ({@code stage=prod}, the default) protects what holds user data: the
     * durable tables and the user pool refuse deletion until an operator turns the protection off.
     */
    public boolean deletionProtection() {
        return DEFAULT_STAGE.equals(stageName);
    }

    /**
     * @param context looks a context key up, returning null when it is not set
     *     (for example {@code app.getNode()::tryGetContext})
     */
    public static ParleyConfig from(Function<String, Object> context, RepositoryLayout repository) {
        String jar = text(context.apply(FUNCTIONS_JAR));
        return new ParleyConfig(
                jar == null ? repository.defaultFunctionsJar() : Path.of(jar).toAbsolutePath(),
                Objects.requireNonNullElse(text(context.apply(STAGE)), DEFAULT_STAGE),
                removalPolicy(text(context.apply(REMOVAL_POLICY))),
                Boolean.parseBoolean(text(context.apply(SELF_SIGN_UP))),
                IdentityConfig.from(context),
                PushConfig.from(context),
                MediaConfig.from(context, repository),
                DeploymentConfig.from(context));
    }

    private static RemovalPolicy removalPolicy(String value) {
        if (value == null) {
            return RemovalPolicy.RETAIN;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "retain" -> RemovalPolicy.RETAIN;
            case "destroy" -> RemovalPolicy.DESTROY;
            default -> throw new IllegalArgumentException(
                    "Context " + REMOVAL_POLICY + " must be retain or destroy, got: " + value);
        };
    }

    /** Context from the command line arrives as text, from cdk.json as JSON values. */
    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
