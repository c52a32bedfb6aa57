package dev.parley.localenv.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.localenv.template.PhysicalIds;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::SQS::Queue}: name (generated unless the template names it; {@code .fifo} for a FIFO
 * queue), VisibilityTimeout, MessageRetentionPeriod, DelaySeconds, MaximumMessageSize,
 * ReceiveMessageWaitTimeSeconds, FifoQueue, ContentBasedDeduplication and the RedrivePolicy with its
 * dead-letter queue resolved to that queue's ARN (moto then moves a message received
 * {@code maxReceiveCount} times to it, as SQS does). Encryption settings are ignored: moto does not
 * encrypt. {@code Ref} is the queue URL; {@code Fn::GetAtt} gives Arn, QueueName and QueueUrl.
 */
final class SqsQueueProvisioner implements ResourceProvisioner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, QueueAttributeName> PLAIN_ATTRIBUTES = Map.of(
            "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
            "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
            "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
            "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);

    private final SqsClient sqs;

    SqsQueueProvisioner(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public Set<String> types() {
        return Set.of("AWS::SQS::Queue");
    }

    @Override
    public void provision(String logicalId, TemplateProperties properties, PhysicalIds ids) {
        boolean fifo = properties.bool("FifoQueue", false);
        String name = properties.optionalText("QueueName")
                .orElse(ResourceProvisioner.generatedName(logicalId) + (fifo ? ".fifo" : ""));
        Map<QueueAttributeName, String> attributes = attributes(properties, fifo);
        String url = existing(name).map(found -> {
            // The immutable FIFO attribute cannot be set again; everything else follows the template.
            Map<QueueAttributeName, String> mutable = new LinkedHashMap<>(attributes);
            mutable.remove(QueueAttributeName.FIFO_QUEUE);
            if (!mutable.isEmpty()) {
                sqs.setQueueAttributes(r -> r.queueUrl(found).attributes(mutable));
            }
            return found;
        }).orElseGet(() -> sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl());
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        ids.putRef(logicalId, url)
                .putAttribute(logicalId, "Arn", arn)
                .putAttribute(logicalId, "QueueName", name)
                .putAttribute(logicalId, "QueueUrl", url);
    }

    private static Map<QueueAttributeName, String> attributes(TemplateProperties properties, boolean fifo) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        PLAIN_ATTRIBUTES.forEach((property, attribute) -> properties.optionalText(property).ifPresent(v -> attributes.put(attribute, v)));
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            properties.optionalText("ContentBasedDeduplication")
                    .ifPresent(v -> attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, v));
        }
        properties.ifObject("RedrivePolicy", redrive -> {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("deadLetterTargetArn", redrive.text("deadLetterTargetArn"));
            policy.put("maxReceiveCount", redrive.integer("maxReceiveCount").orElse(10));
            attributes.put(QueueAttributeName.REDRIVE_POLICY, JSON.valueToTree(policy).toString());
        });
        return attributes;
    }

    private Optional<String> existing(String name) {
        try {
            return Optional.of(sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
        } catch (QueueDoesNotExistException absent) {
            return Optional.empty();
        }
    }
}
