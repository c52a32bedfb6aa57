package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.asList;
import static dev.parley.infra.SynthesizedParley.asMap;
import static dev.parley.infra.SynthesizedParley.asStrings;
import static dev.parley.infra.SynthesizedParley.parley;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Media: a private bucket, uploads through SQS to the processor, signed CloudFront delivery, narrow grants. */
class MediaTest {

    /** AWS's managed CachingOptimized policy. */
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";

    private final SynthesizedParley parley = parley();
    private final String bucket = single("AWS::S3::Bucket");
    private final String media = parley.tableKeyedBy("mediaId");

    @Test
    void the_bucket_is_private_encrypted_and_refuses_plain_http() {
        Map<String, Object> properties = parley.properties(bucket);
        assertThat(properties).containsEntry("PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true))
                .containsEntry("BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))));
        assertThat(bucketPolicy()).anySatisfy(statement -> assertThat(statement)
                .containsEntry("Effect", "Deny")
                .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
    }

    @Test
    void browsers_may_post_uploads_and_get_media_from_any_origin_by_default() {
        Map<String, Object> rule = asMap(asList(asMap(parley.properties(bucket).get("CorsConfiguration")).get("CorsRules")).get(0));
        assertThat(asStrings(rule.get("AllowedMethods"))).containsExactlyInAnyOrder("POST", "GET");
        assertThat(asStrings(rule.get("AllowedOrigins"))).containsExactly("*");
    }

    @Test
    void cors_origins_come_from_context() {
        SynthesizedParley restricted = SynthesizedParley.of(SynthesizedParley.templateWith(
                Map.of(MediaConfig.CORS_ORIGINS, "https://chat.example.com")));
        String restrictedBucket = restricted.idsOfType("AWS::S3::Bucket").get(0);
        Map<String, Object> rule = asMap(asList(asMap(restricted.properties(restrictedBucket).get("CorsConfiguration"))
                .get("CorsRules")).get(0));
        assertThat(asStrings(rule.get("AllowedOrigins"))).containsExactly("https://chat.example.com");
        String cors = restricted.idsOfType("AWS::CloudFront::ResponseHeadersPolicy").get(0);
        Map<String, Object> corsConfig = asMap(asMap(restricted.properties(cors).get("ResponseHeadersPolicyConfig")).get("CorsConfig"));
        assertThat(corsConfig).containsEntry("AccessControlAllowOrigins", Map.of("Items", List.of("https://chat.example.com")));
    }

    @Test
    void unprocessed_uploads_and_abandoned_multipart_uploads_go_after_a_day() {
        List<Object> rules = asList(asMap(parley.properties(bucket).get("LifecycleConfiguration")).get("Rules"));
        assertThat(rules).anySatisfy(rule -> assertThat(asMap(rule))
                .containsEntry("Prefix", "uploads/").containsEntry("ExpirationInDays", 1).containsEntry("Status", "Enabled"));
        assertThat(rules).anySatisfy(rule -> assertThat(asMap(rule))
                .containsEntry("AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1)));
        assertThat(rules).noneSatisfy(rule -> assertThat(asMap(rule)).containsEntry("Prefix", "media/"));
    }

    @Test
    void only_new_objects_under_uploads_notify_the_media_queue() {
        Map<String, Object> notifications = parley.properties(single("Custom::S3BucketNotifications"));
        assertThat(notifications).containsEntry("BucketName", Map.of("Ref", bucket));
        List<Object> queues = asList(asMap(notifications.get("NotificationConfiguration")).get("QueueConfigurations"));
        assertThat(queues).hasSize(1);
        Map<String, Object> queue = asMap(queues.get(0));
        assertThat(queue).containsEntry("Events", List.of("s3:ObjectCreated:*"))
                .containsEntry("Filter", Map.of("Key", Map.of("FilterRules", List.of(Map.of("Name", "prefix", "Value", "uploads/")))));
        String target = parley.referencedResourceOfType(queue.get("QueueArn"), "AWS::SQS::Queue");
        assertThat(target).startsWith("MediaQueue").doesNotContain("DeadLetters");
    }

    @Test
    void the_media_table_is_on_demand_keyed_by_media_id_and_expires_pending_items() {
        assertThat(parley.properties(media)).containsEntry("BillingMode", "PAY_PER_REQUEST")
                .containsEntry("KeySchema", List.of(Map.of("AttributeName", "mediaId", "KeyType", "HASH")))
                .containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true));
    }

    @Test
    void the_media_table_finds_a_users_uploads_by_an_index_that_only_requestUpload_writes() {
        assertThat(parley.properties(media)).containsEntry("GlobalSecondaryIndexes", List.of(Map.of(
                "IndexName", "byUploader",
                "KeySchema", List.of(Map.of("AttributeName", "uploaderId", "KeyType", "HASH"),
                        Map.of("AttributeName", "mediaId", "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "INCLUDE", "NonKeyAttributes", List.of("conversationId")))));
    }

    @Test
    void the_processor_deploys_the_media_jar_with_more_memory_and_the_others_the_functions_jar() {
        Map<String, Object> processor = parley.properties(parley.functionWithHandler("MediaProcessorHandler"));
        Object mediaJar = asMap(processor.get("Code")).get("S3Key");
        Object functionsJar = asMap(parley.properties(parley.functionWithHandler("MediaHandler")).get("Code")).get("S3Key");

        assertThat(mediaJar).isNotEqualTo(functionsJar);
        assertThat(processor).containsEntry("MemorySize", 1536).containsEntry("Timeout", 60);
        assertThat(parley.javaFunctions()).filteredOn(id -> !id.equals(parley.functionWithHandler("MediaProcessorHandler")))
                .allSatisfy(id -> assertThat(asMap(parley.properties(id).get("Code")).get("S3Key")).isEqualTo(functionsJar));
    }

    @Test
    void functions_are_told_the_bucket_and_table_and_only_the_media_route_the_cdn() {
        Map<String, String> bucketRef = Map.of("Ref", bucket);
        Map<String, String> tableRef = Map.of("Ref", media);
        assertThat(parley.environmentOf("MediaHandler")).containsEntry("MEDIA_BUCKET", bucketRef)
                .containsEntry("MEDIA_TABLE", tableRef)
                .containsKeys("MEDIA_CDN_DOMAIN", "MEDIA_CDN_KEY_PAIR_ID", "MEDIA_CDN_PRIVATE_KEY_SECRET");
        assertThat(parley.environmentOf("MediaProcessorHandler")).containsEntry("MEDIA_BUCKET", bucketRef)
                .containsEntry("MEDIA_TABLE", tableRef)
                .containsKeys("CONNECTIONS_TABLE", "APIGW_MANAGEMENT_ENDPOINT")
                .doesNotContainKeys("MEDIA_CDN_DOMAIN", "MEDIA_CDN_PRIVATE_KEY_SECRET");
        assertThat(parley.environmentOf("SendMessageHandler")).containsEntry("MEDIA_TABLE", tableRef)
                .doesNotContainKey("MEDIA_BUCKET");
    }

    @Test
    void the_media_route_may_sign_uploads_under_uploads_and_read_only_verified_media() {
        String handler = parley.functionWithHandler("MediaHandler");
        assertThat(s3Grants(handler)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/uploads/*", List.of("s3:PutObject"),
                "/media/*", List.of("s3:GetObject")));
        assertThat(parley.actionsAllowedOn(handler, media)).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem");
        assertThat(parley.actionsAllowedOn(handler, single("AWS::SecretsManager::Secret"))).contains("secretsmanager:GetSecretValue");
    }

    @Test
    void the_processor_reads_and_deletes_uploads_writes_media_and_tells_the_uploader() {
        String processor = parley.functionWithHandler("MediaProcessorHandler");
        assertThat(s3Grants(processor)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/uploads/*", List.of("s3:DeleteObject", "s3:GetObject"),
                "/media/*", List.of("s3:GetObject", "s3:PutObject")));
        assertThat(parley.statementsOf(processor)).filteredOn(statement -> asStrings(statement.get("Action")).contains("s3:ListBucket"))
                .as("listing uploads/ only, so a missing upload reads as 404 rather than 403").singleElement()
                .satisfies(statement -> {
                    assertThat(parley.referencedIds(statement.get("Resource"))).containsExactly(bucket);
                    assertThat(statement.get("Condition")).isEqualTo(Map.of("StringLike", Map.of("s3:prefix", List.of("uploads/*"))));
                });
        assertThat(parley.actionsAllowedOn(processor, media)).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem");
        assertThat(parley.actionsAllowedOn(processor, parley.tableKeyedBy("userId"))).doesNotContain("dynamodb:PutItem");
        assertThat(parley.actionsAllowedOn(processor, parley.idsOfType("AWS::ApiGatewayV2::Api").get(0)))
                .containsExactly("execute-api:ManageConnections");
        assertThat(parley.actionsAllowedOn(processor, single("AWS::SecretsManager::Secret"))).isEmpty();
    }

    @Test
    void a_send_may_only_batch_read_media_items() {
        assertThat(parley.actionsAllowedOn(parley.functionWithHandler("SendMessageHandler"), media))
                .containsExactly("dynamodb:BatchGetItem");
    }

    @Test
    void no_policy_allows_every_s3_action_or_object_actions_on_every_resource() {
        for (Map<String, Object> statement : parley.everyPolicyStatement()) {
            List<String> actions = asStrings(statement.get("Action"));
            assertThat(actions).as("%s", statement).doesNotContain("s3:*");
            if (actions.stream().anyMatch(action -> action.endsWith("Object"))) {
                assertThat(asList(statement.get("Resource"))).as("%s", statement).doesNotContain("*");
            }
        }
    }

    @Test
    void cloudfront_reads_the_bucket_through_origin_access_control_and_only_media() {
        String distribution = single("AWS::CloudFront::Distribution");
        Map<String, Object> config = asMap(parley.properties(distribution).get("DistributionConfig"));
        Map<String, Object> origin = asMap(asList(config.get("Origins")).get(0));
        assertThat(parley.referencedResourceOfType(origin.get("OriginAccessControlId"), "AWS::CloudFront::OriginAccessControl"))
                .isNotNull();
        assertThat(parley.referencedIds(origin.get("DomainName"))).containsExactly(bucket);

        List<Map<String, Object>> cloudFrontGrants = bucketPolicy().stream()
                .filter(statement -> Map.of("Service", "cloudfront.amazonaws.com").equals(statement.get("Principal")))
                .toList();
        assertThat(cloudFrontGrants).hasSize(1);
        assertThat(cloudFrontGrants.get(0)).containsEntry("Action", "s3:GetObject");
        assertThat(SynthesizedParley.joinedText(cloudFrontGrants.get(0).get("Resource"))).isEqualTo("{}/media/*");
        assertThat(parley.referencedIds(cloudFrontGrants.get(0).get("Condition"))).contains(distribution);
    }

    @Test
    void every_download_needs_a_url_signed_with_the_stacks_key_over_https() {
        Map<String, Object> config = asMap(parley.properties(single("AWS::CloudFront::Distribution")).get("DistributionConfig"));
        Map<String, Object> behaviour = asMap(config.get("DefaultCacheBehavior"));
        assertThat(behaviour).containsEntry("ViewerProtocolPolicy", "https-only")
                .containsEntry("CachePolicyId", CACHING_OPTIMIZED)
                .containsEntry("TrustedKeyGroups", List.of(Map.of("Ref", single("AWS::CloudFront::KeyGroup"))));
        assertThat(asStrings(behaviour.get("AllowedMethods"))).containsExactlyInAnyOrder("GET", "HEAD");
        assertThat(config).doesNotContainKey("CacheBehaviors");

        String publicKey = single("AWS::CloudFront::PublicKey");
        assertThat(parley.properties(single("AWS::CloudFront::KeyGroup")).toString()).contains(publicKey);
        Object encodedKey = asMap(parley.properties(publicKey).get("PublicKeyConfig")).get("EncodedKey");
        assertThat(encodedKey).isEqualTo(Map.of("Fn::GetAtt", List.of(single("Custom::MediaSigningKey"), "PublicKeyPem")));
        assertThat(parley.environmentOf("MediaHandler")).containsEntry("MEDIA_CDN_KEY_PAIR_ID", Map.of("Ref", publicKey))
                .containsEntry("MEDIA_CDN_PRIVATE_KEY_SECRET", Map.of("Ref", single("AWS::SecretsManager::Secret")));
    }

    @Test
    void the_signing_key_is_generated_at_deploy_time_into_the_stacks_own_secret() {
        String keyPair = single("Custom::MediaSigningKey");
        String secret = single("AWS::SecretsManager::Secret");
        assertThat(parley.referencedIds(parley.properties(keyPair).get("SecretId"))).containsExactly(secret);
        String provider = parley.referencedResourceOfType(parley.properties(keyPair).get("ServiceToken"), "AWS::Lambda::Function");
        assertThat(parley.actionsAllowedOn(provider, secret))
                .containsExactlyInAnyOrder("secretsmanager:PutSecretValue", "secretsmanager:GetSecretValue");
        String code = (String) asMap(parley.properties(provider).get("Code")).get("ZipFile");
        assertThat(code).contains("generateKeyPairSync('rsa'", "modulusLength: 2048", "PutSecretValueCommand")
                .doesNotContain("console.log(JSON.stringify(event");
        assertThat(parley.statementsOf(provider)).allSatisfy(statement ->
                assertThat(asList(statement.get("Resource"))).doesNotContain("*"));
    }

    /** Resource suffix ("/uploads/*") -> the S3 actions a function's role allows there. */
    private Map<String, List<String>> s3Grants(String function) {
        return parley.statementsOf(function).stream()
                .filter(statement -> asStrings(statement.get("Action")).stream().anyMatch(a -> a.startsWith("s3:") && a.endsWith("Object")))
                .peek(statement -> assertThat(parley.referencedIds(statement.get("Resource"))).containsExactly(bucket))
                .collect(java.util.stream.Collectors.toMap(
                        statement -> SynthesizedParley.joinedText(statement.get("Resource")).substring(2),
                        statement -> asStrings(statement.get("Action")).stream().sorted().toList()));
    }

    private List<Map<String, Object>> bucketPolicy() {
        Map<String, Object> policy = parley.properties(single("AWS::S3::BucketPolicy"));
        assertThat(policy).containsEntry("Bucket", Map.of("Ref", bucket));
        return asList(asMap(policy.get("PolicyDocument")).get("Statement")).stream().map(SynthesizedParley::asMap).toList();
    }

    private String single(String type) {
        List<String> ids = parley.idsOfType(type);
        assertThat(ids).as(type).hasSize(1);
        return ids.get(0);
    }
}
