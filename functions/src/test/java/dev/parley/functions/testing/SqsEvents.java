package dev.parley.functions.testing;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;

/**
 * SQS events as Lambda's event source mapping builds them: messages received from a real queue,
 * turned into the event JSON AWS documents (messageId, receiptHandle, body, attributes,
 * messageAttributes, md5OfBody, eventSource, eventSourceARN, awsRegion) and read as the
 * functions' stream entry reads it.
 */
public final class SqsEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsEvents() {
    }

    /** Receives up to 10 messages (waiting up to a second for the first) and returns them as one event. */
    public static SQSEvent receive(SqsClient sqs, String queueUrl) {
        return LambdaJson.fromJson(receiveJson(sqs, queueUrl), SQSEvent.class);
    }

    /** The same as {@link #receive}, as the JSON the event source mapping hands the function. */
    public static String receiveJson(SqsClient sqs, String queueUrl) {
        List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        String arn = sqs.getQueueAttributes(get -> get.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return eventJson(arn, new ArrayList<>(messages));
    }

    /** The event of these messages of the queue {@code queueArn}. */
    public static SQSEvent event(String queueArn, List<Message> messages) {
        return LambdaJson.fromJson(eventJson(queueArn, messages), SQSEvent.class);
    }

    private static String eventJson(String queueArn, List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            record.putObject("messageAttributes");
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", queueArn.split(":")[3]);
        }
        return event.toString();
    }
}
