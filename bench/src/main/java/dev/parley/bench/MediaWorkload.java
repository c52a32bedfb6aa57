package dev.parley.bench;

import dev.parley.media.domain.ImageVersions;
import dev.parley.media.domain.UploadRejected;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * W6, the media processor's image pipeline: what a 12-megapixel phone photo costs the processor
 * function. The photo is 4000 × 3000, made once per run: gradients, shapes and per-pixel noise,
 * so that it compresses like a real photo (several MB of JPEG, not a few hundred KB of flat colour),
 * with EXIF carrying GPS coordinates and an orientation, as a phone writes it. The real
 * {@link ImageVersions} (decode from a spooled file, header check, orientation, display ≤ 1600 and
 * thumbnail ≤ 320, JPEG without metadata) runs {@value #WARM_UP} times unmeasured, for the JIT,
 * then {@value #MEASURED} times measured, in this thread, one at a time, as one Lambda invocation does.
 *
 * <p>Reported: processing time p50/p95; peak heap in use during a run above the heap in use
 * before it (the JVM's heap pools' peaks, reset after a GC before each run, so garbage of earlier
 * runs does not count); bytes this
 * thread allocated per run (a second figure, independent of when the GC ran); the output sizes.
 * S3 and DynamoDB calls are not included: they cost the same for any photo and are measured by W1–W5.
 */
final class MediaWorkload {
    static final int WARM_UP = 5;
    static final int MEASURED = 10;
    private static final int WIDTH = 4000;
    private static final int HEIGHT = 3000;
    /** The largest image processing accepts ({@code MediaTypes.MAX_IMAGE_PIXELS}, 50 MP), in 3:2: the memory sizing case. */
    private static final int LARGEST_WIDTH = 8660;
    private static final int LARGEST_HEIGHT = 5773;
    /** Phones save at about this quality; with the noise below the photo is some 5 MB, like a real one. */
    private static final float PHONE_QUALITY = 0.95f;

    /** What the runs measured. */
    record Result(long photoBytes, long p50Millis, long p95Millis, long peakHeapBytes, long allocatedBytes,
                  int displayBytes, int thumbBytes, int displayWidth, int displayHeight, Run largest) {

        String table() {
            return String.format(Locale.ROOT, """

                    W6 media: %s
                      photo                 %d × %d JPEG with GPS EXIF, %.1f MB
                      processing time       p50 %d ms, p95 %d ms (%d measured runs after %d warm-up runs)
                      peak heap in use      %.0f MB above the idle heap (largest of the runs)
                      allocated per run     %.0f MB
                      display               %d × %d, %.0f KB
                      thumb                 %.1f KB
                      largest accepted      %d × %d (50 MP), %.1f MB: one run %d ms, peak heap %.0f MB above idle
                    """, DESCRIPTION, WIDTH, HEIGHT, photoBytes / 1e6, p50Millis, p95Millis, MEASURED, WARM_UP,
                    peakHeapBytes / 1e6, allocatedBytes / 1e6, displayWidth, displayHeight, displayBytes / 1e3,
                    thumbBytes / 1e3, LARGEST_WIDTH, LARGEST_HEIGHT, largest.photoBytes() / 1e6, largest.millis(),
                    largest.peakHeapBytes() / 1e6);
        }
    }

    /** One measured run of one photo. */
    record Run(long photoBytes, long millis, long peakHeapBytes) {
    }

    static final String DESCRIPTION = "a 12-megapixel phone photo through the processor's image pipeline"
            + " (decode, orient, display ≤ 1600, thumb ≤ 320, JPEG without metadata)";

    private final Progress progress;

    MediaWorkload(Progress progress) {
        this.progress = progress;
    }

    Result run() throws IOException, UploadRejected {
        progress.say("W6: making a %d × %d photo with GPS EXIF", WIDTH, HEIGHT);
        Path photo = Files.createTempFile("parley-bench-photo", ".jpg");
        try {
            try (OutputStream out = Files.newOutputStream(photo)) {
                out.write(photoWithGps(WIDTH, HEIGHT));
            }
            ImageVersions images = new ImageVersions();
            for (int i = 0; i < WARM_UP; i++) {
                images.of(photo);
            }
            progress.say("W6: %d measured runs", MEASURED);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            List<Long> millis = new ArrayList<>();
            long peak = 0;
            long allocated = 0;
            ImageVersions.Versions versions = null;
            for (int i = 0; i < MEASURED; i++) {
                System.gc();
                heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
                long baseline = heapUsed();
                long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
                long started = System.nanoTime();
                versions = images.of(photo);
                millis.add((System.nanoTime() - started) / 1_000_000);
                allocated = Math.max(allocated, threads.getCurrentThreadAllocatedBytes() - allocatedBefore);
                peak = Math.max(peak, heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() - baseline);
            }
            millis.sort(null);
            long photoBytes = Files.size(photo);
            Files.deleteIfExists(photo);
            return new Result(photoBytes, percentile(millis, 50), percentile(millis, 95), peak, allocated,
                    versions.display().length, versions.thumb().length, versions.width(), versions.height(),
                    largest(images));
        } finally {
            Files.deleteIfExists(photo);
        }
    }

    /** One run at the largest size accepted: what the function's memory must hold at worst. */
    private Run largest(ImageVersions images) throws IOException, UploadRejected {
        progress.say("W6: one run at %d × %d, the largest accepted", LARGEST_WIDTH, LARGEST_HEIGHT);
        Path photo = Files.createTempFile("parley-bench-largest", ".jpg");
        try {
            try (OutputStream out = Files.newOutputStream(photo)) {
                out.write(photoWithGps(LARGEST_WIDTH, LARGEST_HEIGHT));
            }
            System.gc();
            heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
            long baseline = heapUsed();
            long started = System.nanoTime();
            images.of(photo);
            long millis = (System.nanoTime() - started) / 1_000_000;
            long peak = heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() - baseline;
            return new Run(Files.size(photo), millis, peak);
        } finally {
            Files.deleteIfExists(photo);
        }
    }

    private static long heapUsed() {
        return heapPools().stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** A JPEG as phones write them, then EXIF (GPS, orientation) added losslessly. */
    static byte[] photoWithGps(int width, int height) throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(jpeg)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(PHONE_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(scene(width, height), null, null), param);
        } finally {
            writer.dispose();
        }
        try {
            TiffOutputSet exif = new TiffOutputSet();
            exif.setGpsInDegrees(2.2945, 48.8584);
            exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 1);
            exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MAKE, "Parley bench");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg.toByteArray(), out, exif);
            return out.toByteArray();
        } catch (org.apache.commons.imaging.ImagingException e) {
            throw new IOException("writing EXIF failed", e);
        }
    }

    private static BufferedImage scene(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 110, 190), width, height, new Color(230, 170, 60)));
        g.fillRect(0, 0, width, height);
        Random random = new Random(42);
        for (int i = 0; i < 60; i++) {
            int r = 100 + random.nextInt(500);
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            g.setPaint(new RadialGradientPaint(x, y, r, new float[] {0f, 1f},
                    new Color[] {new Color(random.nextInt(0xFFFFFF)), new Color(0, 0, 0, 0)}));
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
        }
        g.dispose();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(25) - 12;
                int rgb = row[x];
                row[x] = clamp((rgb >> 16 & 0xFF) + noise) << 16 | clamp((rgb >> 8 & 0xFF) + noise) << 8 | clamp((rgb & 0xFF) + noise);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static int clamp(int channel) {
        return Math.max(0, Math.min(255, channel));
    }
}
