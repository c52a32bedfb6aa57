package dev.parley.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The Node.js functions behind Parley's custom resources. Each one's source is a resource file,
 * {@code providers/<name>/index.js}, that the template carries inline: no asset to upload, and the
 * code is visible in the template. A provider answers CloudFormation itself (the response URL) and
 * never logs the event, which may name secrets.
 */
final class CustomResourceProvider {

    /** Every provider, by the name of its directory under {@code providers/}. */
    static final List<String> NAMES = List.of("push-platform-application", "media-signing-key");

    /** Lambda refuses inline code (ZipFile) larger than this. */
    static final int INLINE_LIMIT_BYTES = 4096;

    private CustomResourceProvider() {
    }

    /**
     * A provider function {@code id} and its log group {@code id + "Logs"}, both in {@code scope}.
     *
     * @param name the provider's directory under {@code providers/}
     */
    static Function create(Construct scope, String id, String name, String description, RemovalPolicy logRemovalPolicy) {
        Function provider = Function.Builder.create(scope, id)
                .runtime(Runtime.NODEJS_24_X)
                .handler("index.handler")
                .code(Code.fromInline(source(name)))
                .timeout(Duration.minutes(1))
                .description(description)
                .logGroup(LogGroup.Builder.create(scope, id + "Logs")
                        .retention(RetentionDays.ONE_WEEK)
                        .removalPolicy(logRemovalPolicy)
                        .build())
                .build();
        RulePacks.deployTimeFunction(provider);
        return provider;
    }

    /** The provider's {@code index.js}, as the template carries it. */
    static String source(String name) {
        String path = resourcePath(name);
        try (InputStream in = CustomResourceProvider.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing provider source " + path + " on the classpath");
            }
            byte[] bytes = in.readAllBytes();
            if (bytes.length > INLINE_LIMIT_BYTES) {
                throw new IllegalStateException(path + " is " + bytes.length + " bytes; Lambda takes inline code up to "
                        + INLINE_LIMIT_BYTES);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    static String resourcePath(String name) {
        return "/providers/" + name + "/index.js";
    }
}
