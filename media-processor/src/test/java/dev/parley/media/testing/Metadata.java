package dev.parley.media.testing;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/** What metadata-extractor finds in a file, and its JPEG marker segments read by hand. */
public final class Metadata {
    private Metadata() {
    }

    public static boolean hasGps(byte[] file) {
        return read(file).getFirstDirectoryOfType(GpsDirectory.class) != null;
    }

    public static boolean hasExif(byte[] file) {
        return read(file).getFirstDirectoryOfType(ExifIFD0Directory.class) != null;
    }

    public static List<String> directoryNames(byte[] file) {
        List<String> names = new ArrayList<>();
        for (Directory directory : read(file).getDirectories()) {
            names.add(directory.getName());
        }
        return names;
    }

    /**
     * The markers of the JPEG's segments before the image data (0xE0..0xEF are APPn: JFIF, EXIF,
     * XMP, ICC; 0xFE is a comment), read from the bytes rather than through a library.
     */
    public static List<Integer> jpegSegmentMarkers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            i += 2 + length;
        }
        return markers;
    }

    private static com.drew.metadata.Metadata read(byte[] file) {
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(file));
        } catch (Exception e) {
            throw new IllegalStateException("metadata-extractor cannot read the file", e);
        }
    }
}
