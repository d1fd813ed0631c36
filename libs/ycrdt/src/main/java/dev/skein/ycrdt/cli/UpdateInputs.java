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

    /** One update and where it came from, for error messages. */
    record Input(String source, byte[] bytes) {
    }

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
        return List.of(new Input(path, Files.readAllBytes(p)));
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
            out.add(new Input(path + "#" + out.size(), b));
            offset += 4L + len;
        }
    }

    private static byte[] readFully(DataInputStream in, int len, String path, int index, long offset) throws IOException {
        // read in chunks so that a corrupt length cannot allocate gigabytes up front
        ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.min(len, 1 << 20));
        byte[] chunk = new byte[1 << 16];
        int left = len;
        while (left > 0) {
            int n = in.read(chunk, 0, Math.min(chunk.length, left));
            if (n < 0) {
                throw new MalformedInputException(path + ": record " + index + " at byte " + offset
                        + " is truncated (" + (len - left) + " of " + len + " bytes)");
            }
            buf.write(chunk, 0, n);
            left -= n;
        }
        return buf.toByteArray();
    }

    /** An input stream that is not a valid record stream. */
    static final class MalformedInputException extends IOException {
        MalformedInputException(String message) {
            super(message);
        }
    }
}
