package dev.skein.localrun;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The end of a log file for error messages, read without loading a log that grew over many runs. */
final class LogFiles {

    private static final int WINDOW_BYTES = 64 * 1024;

    private LogFiles() {
    }

    /** The last {@code maxLines} lines of {@code file}, or a note saying why there are none. */
    static String tail(Path file, int maxLines) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            int length = (int) Math.min(size, WINDOW_BYTES);
            byte[] window = new byte[length];
            in.seek(size - length);
            in.readFully(window);
            List<String> lines = Arrays.asList(new String(window, StandardCharsets.UTF_8).split("\\R"));
            // A window that starts mid-file starts mid-line; that first piece is dropped.
            int first = Math.max(length < size ? 1 : 0, lines.size() - maxLines);
            return String.join(System.lineSeparator(), lines.subList(Math.min(first, lines.size()), lines.size()));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
