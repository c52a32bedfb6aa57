package dev.parley.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Parley Lambda: Java 21 on arm64 with SnapStart, reached only through its {@code live} alias.
 * SnapStart snapshots published versions only, so callers must invoke the alias, never the
 * function itself.
 */
public final class ParleyFunction extends Construct {

    /** API Gateway stops waiting for an integration after 29 s; running longer helps no client. */
    public static final Duration ROUTE_TIMEOUT = Duration.seconds(29);

    /**
     * SQS workers: a batch of 10 records, each a few DynamoDB and SNS/@connections calls. The
     * queue's visibility timeout is six times this ({@link WorkQueue}).
     */
    public static final Duration WORKER_TIMEOUT = Duration.seconds(60);

    public static final String ALIAS_NAME = "live";

    /** Where the functions module keeps its handlers; functions are named by class, never imported. */
    static final String HANDLER_PACKAGE = "dev.parley.functions.handler.";

    /**
     * C1 only: less JIT work while a short invocation runs, which is what Lambda bills. The HTTP
     * client (the JDK's {@code HttpURLConnection}) keeps at most {@code http.maxConnections} idle
     * connections per host, 5 unless set: a fan-out with 64 to 256 posts in flight
     * ({@code CONNECTIONS_POSTS_IN_FLIGHT}) closed all but 5 after each post and opened (on AWS, TLS
     * handshook) a new one for most of the next. 256 is the most posts a function may have in flight;
     * idle connections still close after 5 s. The local cloud's JVM, which does not read these, sets
     * its own (./parley).
     */
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Dhttp.maxConnections=256";

    /** 1 GB: about 0.6 vCPU (1,769 MB is one), enough to keep Java's warm path fast. */
    public static final int DEFAULT_MEMORY_MB = 1024;

    /**
     * Context {@code tracing=true} turns on X-Ray active tracing for every function (default off: traces
     * cost per segment recorded). Lambda records each invocation's segment; the code carries no X-Ray
     * SDK, so AWS calls are not subsegments.
     */
    public static final String TRACING = "tracing";

    /**
     * @param handler the handler class, e.g. {@code dev.parley.functions.handler.ConnectHandler}: a
     *                {@code RequestStreamHandler}, named without a method so the runtime hands it the
     *                event's bytes and never loads its own event serialization
     * @param code the functions jar, shared by every function
     * @param environment the function's own variables (names are the contract with the functions module)
     * @param timeout how long one invocation may run
     * @param logRemovalPolicy what happens to the log group when the stack is deleted
     * @param memoryMb memory, which also sets the CPU share
     */
    public record Props(String handler, Code code, Map<String, String> environment, Duration timeout,
                        RemovalPolicy logRemovalPolicy, int memoryMb) {

        /** A function with {@value ParleyFunction#DEFAULT_MEMORY_MB} MB. */
        public Props(String handler, Code code, Map<String, String> environment, Duration timeout,
                     RemovalPolicy logRemovalPolicy) {
            this(handler, code, environment, timeout, logRemovalPolicy, DEFAULT_MEMORY_MB);
        }
    }

    private final Function function;
    private final Alias alias;

    public ParleyFunction(Construct scope, String id, Props props) {
        super(scope, id);
        Map<String, String> environment = new LinkedHashMap<>(props.environment());
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_WEEK)
                .removalPolicy(props.logRemovalPolicy())
                .build();

        function = Function.Builder.create(this, "Resource")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .memorySize(props.memoryMb())
                .timeout(props.timeout())
                .handler(props.handler())
                .code(props.code())
                .environment(environment)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .tracing(tracing(scope) ? Tracing.ACTIVE : Tracing.DISABLED)
                .build();
        Annotations.of(this).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Published through currentVersion and invoked through the alias below");
        // aws/aws-cdk#36078: aws-cdk-lib 2.224+ warns when it collects telemetry metadata for a
        // role with AWS managed policies. Harmless, and fixed in later aws-cdk-lib releases.
        Annotations.of(this).acknowledgeWarning("@aws-cdk/core:addConstructMetadataFailed",
                "Known aws-cdk-lib bug, no effect on the template");

        RulePacks.basicExecutionRole(this);
        RulePacks.suppress(this, "Serverless-LambdaDLQ", "Invoked synchronously by API Gateway (routes, the"
                + " authorizer), whose caller gets the error, or by an SQS event source mapping, whose queue's redrive"
                + " policy dead-letters a failing message; a Lambda DLQ serves asynchronous invocations, and there are none");
        for (String rule : List.of("AwsSolutions-L1", "Serverless-LambdaLatestVersion")) {
            RulePacks.suppress(this, rule, "Java 21 is the LTS release the functions are compiled for and whose"
                    + " SnapStart cold start is measured (docs/cost.md); moving to a newer Java is a measured change,"
                    + " not a lint fix");
        }

        alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
    }

    private static boolean tracing(Construct scope) {
        Object value = scope.getNode().tryGetContext(TRACING);
        return value != null && Boolean.parseBoolean(value.toString().trim());
    }

    /** A function of the functions jar serving WebSocket routes (API Gateway waits 29 s at most). */
    static ParleyFunction route(Construct scope, String id, String handlerClass, Code code,
                                RemovalPolicy logRemovalPolicy, Map<String, String> environment) {
        return new ParleyFunction(scope, id, new Props(handler(handlerClass), code, environment, ROUTE_TIMEOUT,
                logRemovalPolicy));
    }

    /** {@code dev.parley.functions.handler.<className>}. */
    static String handler(String className) {
        return HANDLER_PACKAGE + className;
    }

    /** What API Gateway invokes and what grants go to (the alias shares the function's role). */
    public IFunction alias() {
        return alias;
    }

    public Function function() {
        return function;
    }
}
