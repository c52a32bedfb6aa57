package dev.parley.client.signal.live;

import dev.parley.client.auth.Session;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After an E2EE direct chat and group, every DynamoDB table (Scan through the AWS SDK against the
 * local cloud's moto) and every S3 object is searched byte for byte for the plaintexts: none may
 * be there. The same scan finds a plaintext-conversation message, so a scan that reads nothing
 * cannot pass.
 */
@Tag("live")
class E2eeDumpLiveTest extends LiveDevices {
    @Test
    void noTableAndNoObjectHoldsAPlaintextOrAFileOfAnE2eeConversation() throws Exception {
        Trio trio = trio();
        LivePhone alice1 = trio.alice1();
        LivePhone alice2 = trio.alice2();
        LivePhone bob1 = trio.bob1();
        String direct = trio.direct();
        String group = create(alice1, "group", List.of(bob1.userId()));
        String plain = LivePhone.get(alice1.client.api().createConversation(
                new dev.parley.model.v1.CreateConversationRequest("group", List.of(bob1.userId()), "plain", null)))
                .conversation().conversationId();
        known(group, alice1, alice2, bob1);
        known(plain, alice1, bob1);
        String marker = UUID.randomUUID().toString();
        List<String> secrets = List.of("direct secret " + marker, "direct answer " + marker, "group secret " + marker,
                "group answer " + marker);
        alice1.client.send(direct, secrets.get(0));
        bob1.client.send(direct, secrets.get(1));
        alice2.client.send(group, secrets.get(2));
        bob1.client.send(group, secrets.get(3));
        byte[] photo = new byte[50_000];
        new java.util.Random().nextBytes(photo);
        java.io.File file = java.nio.file.Files.write(java.nio.file.Files.createTempFile("photo", ".jpg"), photo).toFile();
        alice1.client.sendFile(direct, "photo " + marker, file, "image/jpeg");
        String visible = "plaintext control " + marker;
        alice1.client.send(plain, visible);
        shown(direct, secrets.get(1), alice1, alice2);
        shown(direct, secrets.get(0), alice2, bob1);
        shown(group, secrets.get(2), alice1, bob1);
        shown(group, secrets.get(3), alice1, alice2);
        shown(plain, visible, bob1);
        shown(direct, "photo " + marker, bob1);
        String mediaId = bob1.client.store().messages(direct, 0, 10).stream().filter(m -> m.media() != null).findFirst()
                .orElseThrow().media().get(0).mediaId();
        assertThat(LivePhone.get(bob1.e2ee.downloadMedia(direct, mediaId)).bytes()).isEqualTo(photo);
        file.delete();

        byte[] everything = dump(cloud);

        assertThat(contains(everything, visible.getBytes(StandardCharsets.UTF_8))).as("the control plaintext").isTrue();
        assertThat(contains(everything, java.util.Arrays.copyOf(photo, 64))).as("the photo's first 64 bytes").isFalse();
        assertThat(contains(everything, "photo ".concat(marker).getBytes(StandardCharsets.UTF_8))).as("its caption").isFalse();
        for (String secret : secrets) {
            assertThat(contains(everything, secret.getBytes(StandardCharsets.UTF_8))).as(secret).isFalse();
        }
    }

    /** Every item of every table (as the SDK's text form of its attributes, binary as raw bytes) and every object's bytes. */
    static byte[] dump(SignalCloud cloud) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(tableText(cloud, "").getBytes(StandardCharsets.UTF_8));
        all.write(tableBytes(cloud, ""));
        for (var bucket : cloud.s3.listBuckets().buckets()) {
            for (S3Object object : cloud.s3.listObjectsV2Paginator(r -> r.bucket(bucket.name())).contents()) {
                ResponseBytes<GetObjectResponse> bytes = cloud.s3.getObjectAsBytes(r -> r.bucket(bucket.name()).key(object.key()));
                all.write(bytes.asByteArray());
            }
        }
        return all.toByteArray();
    }

    /** Every binary attribute, nested ones included, of the tables whose name contains {@code nameContains}. */
    static byte[] tableBytes(SignalCloud cloud, String nameContains) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String table : cloud.dynamoDb.listTables().tableNames()) {
            if (table.contains(nameContains)) {
                scan(cloud, table).forEach(item -> item.values().forEach(value -> binaries(value, bytes)));
            }
        }
        return bytes.toByteArray();
    }

    private static void binaries(AttributeValue value, ByteArrayOutputStream out) {
        if (value.b() != null) {
            out.writeBytes(value.b().asByteArray());
        }
        if (value.hasBs()) {
            value.bs().forEach(b -> out.writeBytes(b.asByteArray()));
        }
        if (value.hasL()) {
            value.l().forEach(v -> binaries(v, out));
        }
        if (value.hasM()) {
            value.m().values().forEach(v -> binaries(v, out));
        }
    }

    /** Every item of the tables whose name contains {@code nameContains}, as text. */
    static String tableText(SignalCloud cloud, String nameContains) {
        StringBuilder text = new StringBuilder();
        for (String table : cloud.dynamoDb.listTables().tableNames()) {
            if (table.contains(nameContains)) {
                scan(cloud, table).forEach(item -> text.append(item).append('\n'));
            }
        }
        return text.toString();
    }

    private static List<Map<String, AttributeValue>> scan(SignalCloud cloud, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = cloud.dynamoDb.scan(ScanRequest.builder().tableName(table).exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
