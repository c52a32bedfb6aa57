package dev.parley.localenv.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQS event Lambda hands a function for a batch of received messages:
 * <pre>{"Records":[{"messageId","receiptHandle","body",
 *   "attributes":{"ApproximateReceiveCount","SentTimestamp","SenderId","ApproximateFirstReceiveTimestamp"},
 *   "messageAttributes":{"name":{"stringValue","stringListValues":[],"binaryListValues":[],"dataType"}},
 *   "md5OfMessageAttributes" (only when the message has attributes), "md5OfBody",
 *   "eventSource":"aws:sqs","eventSourceARN","awsRegion"}]}</pre>
 * System attributes are the ones Lambda passes (plus the FIFO and tracing ones when SQS returns them);
 * values are strings, binary attribute values base64, exactly as in Lambda's events.
 */
public final class SqsEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The system attributes Lambda copies into a record, in its order. */
    private static final List<String> LAMBDA_ATTRIBUTES = List.of("ApproximateReceiveCount", "SentTimestamp", "SenderId",
            "ApproximateFirstReceiveTimestamp", "SequenceNumber", "MessageGroupId", "MessageDeduplicationId", "AWSTraceHeader",
            "DeadLetterQueueSourceArn");

    private SqsEvents() {
    }

    public static ObjectNode event(List<Message> messages, String queueArn, String region) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        messages.forEach(message -> records.add(record(message, queueArn, region)));
        return event;
    }

    /** The message ids of a batch, as the function must name them in {@code batchItemFailures}. */
    public static Set<String> messageIds(List<Message> messages) {
        Set<String> ids = new TreeSet<>();
        messages.forEach(m -> ids.add(m.messageId()));
        return ids;
    }

    private static ObjectNode record(Message message, String queueArn, String region) {
        ObjectNode record = JSON.createObjectNode();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        Map<String, String> system = message.attributesAsStrings();
        LAMBDA_ATTRIBUTES.stream().filter(system::containsKey).forEach(name -> attributes.put(name, system.get(name)));
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
        if (!message.messageAttributes().isEmpty() && message.md5OfMessageAttributes() != null) {
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        }
        record.put("md5OfBody", message.md5OfBody());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", region);
        return record;
    }

    private static JsonNode attribute(MessageAttributeValue value) {
        ObjectNode attribute = JSON.createObjectNode();
        if (value.stringValue() != null) {
            attribute.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            attribute.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        attribute.putArray("stringListValues");
        attribute.putArray("binaryListValues");
        attribute.put("dataType", value.dataType());
        return attribute;
    }
}
