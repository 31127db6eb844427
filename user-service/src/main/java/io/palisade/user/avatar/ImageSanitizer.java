package io.palisade.user.avatar;

import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.palisade.common.requestid.RequestContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns uploaded bytes into an image we are willing to serve: the magic bytes must match the declared type,
 * the pixel dimensions and the decoded raster's size (read from the header, before any pixel is decoded)
 * must be bounded, so a decompression bomb is refused for the cost of reading a header; then the pixels are
 * decoded and re-encoded, so metadata and anything appended after the image (a script, a zip) are gone.
 *
 * <p>Memory is what an attacker with one account aims at: a 130 KB PNG can declare 4096 x 4096 16-bit RGBA,
 * 128 MiB of raster, and a few at once exhaust any pod. So a raster over {@link #MAX_RASTER_BYTES} is refused,
 * a large image is decoded straight into a subsampled raster of at most {@link #STORED_SIDE} pixels a side
 * (an avatar needs no more, and the full-size raster is never allocated), and at most
 * {@code max-concurrent-decodes} decodes run at once: beyond that an upload is a 503 at once, not a queue.
 */
@ApplicationScoped
class ImageSanitizer {

    static final int MAX_SIDE = 4096;
    static final long MAX_PIXELS = 16L * 1024 * 1024;
    static final long MAX_RASTER_BYTES = 64L * 1024 * 1024;
    static final int STORED_SIDE = 1024;

    private final ThreadPoolExecutor decoders;
    private final int slots;

    ImageSanitizer(AvatarConfig config) {
        this.slots = config.maxConcurrentDecodes();
        this.decoders = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "avatar-decoder");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Whether a decode could start now; an upload is not read while none could. */
    boolean hasFreeSlot() {
        return decoders.getActiveCount() < slots;
    }

    /** {@link #sanitize} on a decode slot, off the event loop; a 503 with Retry-After when every slot is busy. */
    Uni<byte[]> sanitizeOffLoop(byte[] upload, ImageType declared) {
        return RequestContext.offload(() -> sanitize(upload, declared), decoders)
                .onFailure(CompletionException.class).transform(Throwable::getCause)
                .onFailure(RejectedExecutionException.class).transform(busy -> ProblemException.retryAfter(
                        ProblemKind.SERVICE_UNAVAILABLE, "Too many avatars are being processed; try again shortly.",
                        Duration.ofSeconds(2)));
    }

    @PreDestroy
    void stop() {
        decoders.shutdownNow();
    }

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

    byte[] sanitize(byte[] upload, ImageType declared) {
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
                if (rasterBytes(reader, width, height) > MAX_RASTER_BYTES) {
                    throw ProblemException.invalid("avatar", "must decode to at most 64 MiB of pixels");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (Math.max(width, height) + STORED_SIDE - 1) / STORED_SIDE;
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
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

    /** Width x height x bands x bytes per sample of the raster the reader would decode into. */
    private static long rasterBytes(ImageReader reader, int width, int height) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            throw new IOException("no image type");
        }
        SampleModel samples = type.getSampleModel();
        long bytesPerSample = Math.max(1, DataBuffer.getDataTypeSize(samples.getDataType()) / 8);
        return (long) width * height * samples.getNumBands() * bytesPerSample;
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
