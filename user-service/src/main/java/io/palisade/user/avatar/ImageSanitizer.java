package io.palisade.user.avatar;

import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns uploaded bytes into an image we are willing to serve: the magic bytes must match the declared type,
 * the pixel dimensions (read from the header, before any pixel is decoded) must be bounded, so a
 * decompression bomb is refused for the cost of reading a header; then the pixels are decoded and
 * re-encoded, so metadata and anything appended after the image (a script, a zip) are gone.
 * CPU-bound: callers run it on a worker thread.
 */
@ApplicationScoped
public class ImageSanitizer {

    static final int MAX_SIDE = 4096;
    static final long MAX_PIXELS = 16L * 1024 * 1024;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    /** The two types we take, with their ImageIO format names and file extensions. */
    public enum ImageType {
        PNG("image/png", "png", PNG_MAGIC),
        JPEG("image/jpeg", "jpg", JPEG_MAGIC);

        final String mediaType;
        final String extension;
        private final byte[] magic;

        ImageType(String mediaType, String extension, byte[] magic) {
            this.mediaType = mediaType;
            this.extension = extension;
            this.magic = magic;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }

        static ImageType of(String mediaType) {
            for (ImageType type : values()) {
                if (type.mediaType.equalsIgnoreCase(mediaType)) {
                    return type;
                }
            }
            throw new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, "Avatars must be image/png or image/jpeg.");
        }

        boolean starts(byte[] bytes) {
            if (bytes.length < magic.length) {
                return false;
            }
            for (int i = 0; i < magic.length; i++) {
                if (bytes[i] != magic[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    public byte[] sanitize(byte[] upload, ImageType declared) {
        if (!declared.starts(upload)) {
            throw undecodable(declared);
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(declared.extension.equals("jpg") ? "jpeg" : "png");
            if (!readers.hasNext() || input == null) {
                throw undecodable(declared);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE
                        || (long) width * height > MAX_PIXELS) {
                    throw ProblemException.invalid("avatar", "must be at most " + MAX_SIDE + "x" + MAX_SIDE + " pixels");
                }
                BufferedImage image = reader.read(0);
                return encode(flatten(image, declared), declared);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw undecodable(declared);
        }
    }

    /** JPEG has no alpha channel; everything is redrawn into a plain RGB(A) raster, dropping odd colour models. */
    private static BufferedImage flatten(BufferedImage image, ImageType type) {
        int kind = type == ImageType.PNG ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage clean = new BufferedImage(image.getWidth(), image.getHeight(), kind);
        java.awt.Graphics2D graphics = clean.createGraphics();
        try {
            graphics.drawImage(image, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return clean;
    }

    private static byte[] encode(BufferedImage image, ImageType type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, type.extension.equals("jpg") ? "jpeg" : "png", out)) {
            throw new IOException("no writer for " + type);
        }
        return out.toByteArray();
    }

    private static ProblemException undecodable(ImageType declared) {
        return ProblemException.invalid("avatar", "is not a decodable " + declared.mediaType + " image");
    }
}
