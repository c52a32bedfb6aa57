package dev.parley.localenv;

import dev.parley.localenv.events.SqsEventSources;
import dev.parley.localenv.gateway.MessageMeter;
import dev.parley.localenv.gateway.WebSocketGateway;
import dev.parley.localenv.moto.MotoServer;
import dev.parley.localenv.moto.SdkSystemProperties;
import dev.parley.localenv.template.PhysicalIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The started local cloud. {@link #close()} (or the JVM's shutdown, through the one hook registered
 * here) stops the SQS pollers first (their batches in flight still finish), then the gateway, so
 * {@code $disconnect} still reaches moto, then moto, deletes endpoints.json and restores the SDK
 * system properties it had set.
 */
public final class RunningCloud implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningCloud.class);

    private final MotoServer moto;
    private final WebSocketGateway gateway;
    private final SqsEventSources eventSources;
    private final SdkSystemProperties sdkSettings;
    private final Endpoints endpoints;
    private final PhysicalIds physicalIds;
    private final Path endpointsFile;
    private final Duration startup;
    private final AutoCloseable webClient;
    private final AutoCloseable awsEndpoint;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::stop, "local-cloud-shutdown");

    RunningCloud(MotoServer moto, WebSocketGateway gateway, SqsEventSources eventSources, SdkSystemProperties sdkSettings,
                 Endpoints endpoints, PhysicalIds physicalIds, Path endpointsFile, Duration startup, AutoCloseable webClient,
                 AutoCloseable awsEndpoint) {
        this.moto = moto;
        this.gateway = gateway;
        this.eventSources = eventSources;
        this.sdkSettings = sdkSettings;
        this.endpoints = endpoints;
        this.physicalIds = physicalIds;
        this.endpointsFile = endpointsFile;
        this.startup = startup;
        this.webClient = webClient;
        this.awsEndpoint = awsEndpoint;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** Billed API Gateway messages so far, in and out (the cost benchmark reads it). */
    public MessageMeter messageMeter() {
        return gateway.meter();
    }

    /** The physical names and ids behind the template's logical ids (tables, user pool, ...). */
    public PhysicalIds physicalIds() {
        return physicalIds;
    }

    /** How many SQS event source mappings of the template are being polled. */
    public int sqsEventSources() {
        return eventSources.size();
    }

    public Path endpointsFile() {
        return endpointsFile;
    }

    /** How long {@link LocalCloud#start} took: moto, provisioning, gateway, endpoints.json. */
    public Duration startup() {
        return startup;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Already running as the hook.
        }
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        eventSources.close();
        dev.parley.localenv.web.WebClients.closeQuietly(webClient);
        dev.parley.localenv.web.WebClients.closeQuietly(awsEndpoint);
        try {
            gateway.close();
        } catch (Exception e) {
            LOG.warn("gateway did not stop cleanly error={}", e.toString());
        }
        moto.close();
        try {
            Files.deleteIfExists(endpointsFile);
        } catch (IOException e) {
            LOG.warn("cannot delete endpoints file file={} error={}", endpointsFile, e.toString());
        }
        sdkSettings.close();
        LOG.info("local cloud stopped");
    }
}
