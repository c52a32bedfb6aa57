package dev.parley.localenv.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.localenv.gateway.ApiDefinitionReader;
import dev.parley.localenv.gateway.FunctionDefinition;
import dev.parley.localenv.template.CloudTemplate;
import dev.parley.localenv.template.IntrinsicResolver;
import dev.parley.localenv.template.PhysicalIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the SQS event source mappings from the synthesized template: {@code EventSourceArn}
 * ({@code Fn::GetAtt [Queue, Arn]} of a provisioned {@code AWS::SQS::Queue}), {@code FunctionName}
 * (the alias or function it references: for an alias CDK writes
 * {@code Fn::Join [Fn::Select [6, Fn::Split [":", Ref Alias]], ":live"]}), {@code BatchSize}, {@code MaximumBatchingWindowInSeconds},
 * {@code FunctionResponseTypes}, {@code ScalingConfig.MaximumConcurrency} and {@code Enabled}. Mappings
 * from other sources (streams, Kafka, ...) and disabled ones are logged and skipped.
 */
public final class SqsEventSourceReader {
    /** Concurrent batches per mapping without a ScalingConfig: Lambda starts with five pollers for a standard queue. */
    public static final int DEFAULT_CONCURRENCY = 5;
    static final String TYPE = "AWS::Lambda::EventSourceMapping";
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourceReader.class);

    private SqsEventSourceReader() {
    }

    public static List<SqsEventSource> read(CloudTemplate template, IntrinsicResolver resolver, PhysicalIds ids) {
        List<SqsEventSource> sources = new ArrayList<>();
        template.resourcesOfType(TYPE).forEach((logicalId, mapping) -> {
            JsonNode properties = mapping.properties();
            Optional<String> queue = CloudTemplate.references(properties.path("EventSourceArn")).stream()
                    .filter(id -> template.resource(id).map(r -> r.type().equals("AWS::SQS::Queue")).orElse(false))
                    .findFirst();
            if (queue.isEmpty()) {
                LOG.info("event source mapping not emulated: only SQS queues of the template are mapping={}", logicalId);
                return;
            }
            if (!properties.path("Enabled").asBoolean(true)) {
                LOG.info("event source mapping disabled in the template mapping={}", logicalId);
                return;
            }
            FunctionDefinition function = ApiDefinitionReader.functionBehind(template, resolver, properties.path("FunctionName"), logicalId);
            boolean report = false;
            for (JsonNode type : properties.path("FunctionResponseTypes")) {
                report |= "ReportBatchItemFailures".equals(resolver.resolve(type));
            }
            int timeoutSeconds = template.resource(function.logicalId()).map(f -> f.properties().path("Timeout").asInt(3)).orElse(3);
            sources.add(new SqsEventSource(logicalId, resolver.resolve(properties.path("EventSourceArn")),
                    ids.ref(queue.get()).orElseThrow(() -> new IllegalStateException("queue " + queue.get() + " was not provisioned")),
                    function, integer(properties.path("BatchSize"), resolver, 10),
                    Duration.ofSeconds(integer(properties.path("MaximumBatchingWindowInSeconds"), resolver, 0)), report,
                    integer(properties.path("ScalingConfig").path("MaximumConcurrency"), resolver, DEFAULT_CONCURRENCY),
                    Duration.ofSeconds(timeoutSeconds)));
        });
        return sources;
    }

    private static int integer(JsonNode value, IntrinsicResolver resolver, int fallback) {
        return value.isMissingNode() || value.isNull() ? fallback : Integer.parseInt(resolver.resolve(value));
    }
}
