package io.palisade.user.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes PNGs byte by byte, for attacks ImageIO would never produce: a huge all-zero image compresses to a
 * small upload that decodes to a huge raster. Rows are streamed into the compressor, so the test itself never
 * holds the raster it asks the service to decode.
 */
public final class Pngs {

    /** Colour type 6: red, green, blue and alpha samples. */
    public static final int RGBA = 6;

    private Pngs() {
    }

    public static byte[] blank(int width, int height, int bitDepth, int colourType) {
        int channels = colourType == RGBA ? 4 : 3;
        byte[] row = new byte[1 + width * channels * bitDepth / 8];
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(pixels)) {
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", pixels.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** {@code png} followed by zero bytes up to {@code size}: trailing data a decoder ignores, read all the same. */
    public static byte[] padded(byte[] png, int size) {
        return Arrays.copyOf(png, size);
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
