package dev.skein.ycrdt.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the CLI's inputs: a plain update file, or a length-prefixed stream ({@code *.lpb}: records
 * of a uint32 big-endian length then the bytes), optionally gzipped ({@code *.lpb.gz}).
 */
final class UpdateInputs {

    /**
     * One update and where it came from, for error messages.
     *
     * @param path  the file
     * @param index the record number in a stream, -1 for a plain update file
     * @param bytes the update
     */
    record Input(String path, int index, byte[] bytes) {
        /** {@code path} or {@code path#record}; built only when an error names it. */
        String source() {
            return index < 0 ? path : path + "#" + index;
        }
    }

    /** Records up to this size are read into an array of their exact size. */
    private static final int SMALL_RECORD = 1 << 16;

    private UpdateInputs() {
    }

    static List<Input> read(String path) throws IOException {
        Path p = Path.of(path);
        String name = p.getFileName().toString();
        if (name.endsWith(".lpb") || name.endsWith(".lpb.gz")) {
            try (InputStream raw = Files.newInputStream(p);
                 InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
                return readRecords(path, in);
            }
        }
        return List.of(new Input(path, -1, Files.readAllBytes(p)));
    }

    private static List<Input> readRecords(String path, InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        List<Input> out = new ArrayList<>();
        long offset = 0;
        while (true) {
            int len;
            try {
                len = data.readInt();
            } catch (EOFException end) {
                return out;
            }
            if (len < 0) {
                throw new MalformedInputException(path + ": record " + out.size() + " at byte " + offset
                        + " has a negative length");
            }
            byte[] b = readFully(data, len, path, out.size(), offset);
            out.add(new Input(path, out.size(), b));
            offset += 4L + len;
        }
    }

    private static byte[] readFully(DataInputStream in, int len, String path, int index, long offset) throws IOException {
        if (len <= SMALL_RECORD) {
            // the common case (one keystroke's update is a few dozen bytes): exactly one array
            byte[] b = new byte[len];
            int n = in.readNBytes(b, 0, len);
            if (n < len) {
                throw truncated(path, index, offset, n, len);
            }
            return b;
        }
        // large records are read in chunks so that a corrupt length cannot allocate gigabytes up front
        ByteArrayOutputStream buf = new ByteArrayOutputStream(SMALL_RECORD);
        byte[] chunk = new byte[SMALL_RECORD];
        int left = len;
        while (left > 0) {
            int n = in.read(chunk, 0, Math.min(chunk.length, left));
            if (n < 0) {
                throw truncated(path, index, offset, len - left, len);
            }
            buf.write(chunk, 0, n);
            left -= n;
        }
        return buf.toByteArray();
    }

    private static MalformedInputException truncated(String path, int index, long offset, int got, int len) {
        return new MalformedInputException(path + ": record " + index + " at byte " + offset
                + " is truncated (" + got + " of " + len + " bytes)");
    }

    /** An input stream that is not a valid record stream. */
    static final class MalformedInputException extends IOException {
        MalformedInputException(String message) {
            super(message);
        }
    }
}
