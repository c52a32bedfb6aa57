package dev.parley.functions.testing;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;

/**
 * An embedded S3Proxy with SigV4 authorization on and an in-memory store, on a free port. moto
 * checks no signature at all; S3Proxy checks the signature of a POST policy. It does not evaluate
 * the policy's conditions (see S3UploadFormsTest). Use as
 * {@code @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();}.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {
    public static final String ACCESS_KEY = "parley-test-access-key";
    public static final String SECRET_KEY = "parley-test-secret-key";

    private BlobStoreContext context;
    private S3Proxy proxy;

    public URI endpoint() {
        return URI.create("http://localhost:" + proxy.getPort());
    }

    /** The store behind the proxy, to create buckets and read what was uploaded without going through S3. */
    public BlobStore blobStore() {
        return context.getBlobStore();
    }

    @Override
    public void beforeAll(ExtensionContext extension) throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("unused", "unused").build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void afterAll(ExtensionContext extension) throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (context != null) {
            context.close();
        }
    }
}
