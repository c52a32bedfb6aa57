package dev.parley.client.live;

import dev.parley.client.ParleyClient;
import dev.parley.client.store.SqliteStore;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.awaitility.Awaitility.await;

/**
 * The app process of {@link KilledProcessTest}: opens the SQLite store, connects, and exits 0
 * once its outbox is empty, saying how many uploads it asked for. The test kills it with SIGKILL
 * midway and starts it again. Arguments: endpoints file, user, device id, store path, and
 * optionally {@value #HOLD_UPLOAD}: every upload's POST, once on its way to the storage, is held
 * there (as on a slow network) after the line {@value #UPLOAD_IN_FLIGHT}, so that the kill lands
 * mid-upload.
 */
public final class OutboxChild {
    static final String HOLD_UPLOAD = "hold-upload";
    static final String UPLOAD_IN_FLIGHT = "UPLOAD IN FLIGHT";
    static final String UPLOADS_REQUESTED = "requestUpload sent: ";

    private OutboxChild() {
    }

    public static void main(String[] args) {
        System.setProperty("parley.endpoints", args[0]);
        TestCloud cloud = TestCloud.get();
        boolean holdUpload = args.length > 4 && HOLD_UPLOAD.equals(args[4]);
        try (SqliteStore store = SqliteStore.open(args[3]);
             ParleyClient client = cloud.client(cloud.session(args[1]), args[2], store,
                     options -> options.http(holdUpload ? holdingUploads() : TestCloud.HTTP))) {
            client.start();
            System.out.println("started with " + store.outbox().size() + " queued");
            await().atMost(Duration.ofMinutes(2)).until(() -> store.outbox().isEmpty());
            System.out.println("DRAINED");
            System.out.println(UPLOADS_REQUESTED + client.requestsSent("requestUpload"));
        }
        System.exit(0);
    }

    /** The upload's form POST (multipart, to the storage) stops on the network and never answers. */
    private static OkHttpClient holdingUploads() {
        return TestCloud.HTTP.newBuilder().addNetworkInterceptor(chain -> {
            if (chain.request().body() instanceof MultipartBody) {
                System.out.println(UPLOAD_IN_FLIGHT);
                System.out.flush();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the held upload was interrupted");
            }
            return chain.proceed(chain.request());
        }).build();
    }
}
