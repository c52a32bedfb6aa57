package dev.parley.media;

import dev.parley.functions.domain.Metrics;

import dev.parley.functions.config.Environment;
import dev.parley.functions.lambda.FunctionWiring;
import dev.parley.media.adapter.s3.S3MediaObjects;
import dev.parley.media.config.MediaProcessorConfig;
import dev.parley.media.domain.ImageVersions;
import dev.parley.media.domain.PdfPreview;
import dev.parley.media.domain.ProcessUpload;
import dev.parley.media.domain.UploaderNotices;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the processor's use case meets its adapters: the media table, delivery and the AWS
 * clients through the functions module's declared surface ({@link FunctionWiring}), built and
 * shared the same way as for the other functions, and this module's S3 objects.
 */
public final class MediaProcessorRoot {
    private final MediaProcessorConfig config;
    private final FunctionWiring functions;
    private ProcessUpload processUpload;

    public MediaProcessorRoot(Map<String, String> environment) {
        this.config = MediaProcessorConfig.from(new Environment(environment));
        this.functions = new FunctionWiring(environment);
    }

    /** Where the handler counts the uploads it finished (MediaProcessed). */
    public Metrics metrics() {
        return functions.metrics();
    }

    public synchronized ProcessUpload processUpload() {
        if (processUpload == null) {
            S3MediaObjects objects = new S3MediaObjects(functions.s3(config.s3Endpoint().map(URI::create)), config.bucket());
            processUpload = new ProcessUpload(functions.mediaRepository(), objects, new ImageVersions(), new PdfPreview(),
                    new UploaderNotices(functions.fanOut()), Path.of(System.getProperty("java.io.tmpdir")));
        }
        return processUpload;
    }

    /**
     * Loads the hot path before a SnapStart snapshot with no network call: the SDK clients' own
     * warm-up against canned responses, and ImageIO's plugin registry and JPEG codec on a tiny image.
     */
    public void prime() {
        processUpload();
        functions.warmUpAwsClients();
        ImageVersions.prime();
    }
}
