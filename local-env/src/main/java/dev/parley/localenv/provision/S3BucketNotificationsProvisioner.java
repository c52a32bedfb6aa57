package dev.parley.localenv.provision;

import dev.parley.localenv.template.PhysicalIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.NotificationConfigurationFilter;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A bucket's event notifications. CDK declares them as one {@code Custom::S3BucketNotifications}
 * resource per bucket, whose Python handler calls PutBucketNotificationConfiguration at deploy time:
 * <pre>{"BucketName": {"Ref": "Bucket"}, "NotificationConfiguration": {"QueueConfigurations": [
 *   {"Events": ["s3:ObjectCreated:*"], "QueueArn": {"Fn::GetAtt": ["Queue", "Arn"]},
 *    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "uploads/"}]}}}]}}</pre>
 * Locally the same call goes to moto, which then sends S3 event messages to the queue like S3 does
 * (after an {@code s3:TestEvent} when the configuration is set), and the SQS event source emulation
 * delivers them to the function the template maps to the queue. Topic and Lambda destinations are
 * logged and skipped: nothing in Parley uses them, and moto needs Docker for Lambda.
 */
final class S3BucketNotificationsProvisioner implements ResourceProvisioner {
    static final String TYPE = "Custom::S3BucketNotifications";
    private static final Logger LOG = LoggerFactory.getLogger(S3BucketNotificationsProvisioner.class);

    private final S3Client s3;

    S3BucketNotificationsProvisioner(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Set<String> types() {
        return Set.of(TYPE);
    }

    @Override
    public void provision(String logicalId, TemplateProperties properties, PhysicalIds ids) {
        String bucket = properties.text("BucketName");
        Optional<TemplateProperties> configuration = properties.object("NotificationConfiguration");
        List<QueueConfiguration> queues = configuration.map(c -> c.objects("QueueConfigurations")).orElse(List.of())
                .stream().map(S3BucketNotificationsProvisioner::queue).toList();
        configuration.ifPresent(c -> List.of("TopicConfigurations", "LambdaFunctionConfigurations").forEach(kind -> {
            if (!c.objects(kind).isEmpty()) {
                LOG.warn("bucket notifications not emulated resource={} kind={}", logicalId, kind);
            }
        }));
        s3.putBucketNotificationConfiguration(r -> r.bucket(bucket)
                .notificationConfiguration(n -> n.queueConfigurations(queues)));
        ids.putRef(logicalId, bucket + "-notifications");
        LOG.info("bucket notifications set resource={} bucket={} queues={}", logicalId, bucket, queues.size());
    }

    private static QueueConfiguration queue(TemplateProperties queue) {
        QueueConfiguration.Builder builder = QueueConfiguration.builder()
                .queueArn(queue.text("QueueArn"))
                .eventsWithStrings(queue.texts("Events"));
        queue.optionalText("Id").ifPresent(builder::id);
        List<FilterRule> rules = queue.object("Filter").flatMap(filter -> filter.object("Key"))
                .map(key -> key.objects("FilterRules")).orElse(List.of()).stream()
                .map(rule -> FilterRule.builder().name(rule.text("Name").toLowerCase(java.util.Locale.ROOT))
                        .value(rule.text("Value")).build())
                .toList();
        if (!rules.isEmpty()) {
            builder.filter(NotificationConfigurationFilter.builder().key(k -> k.filterRules(rules)).build());
        }
        return builder.build();
    }
}
