package dev.skein.testkit.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a log file without reading the whole file. */
final class LogTail {

    private LogTail() {
    }

    /**
     * The last {@code maxLines} lines among the last {@code windowBytes} bytes of {@code file};
     * a short note instead if the file is missing or unreadable.
     */
    static String read(Path file, int maxLines, int windowBytes) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int length = (int) Math.min(size, windowBytes);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // Keep reading until the window is full or the file ends.
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            List<String> lines = Arrays.asList(text.split("\\R", -1));
            // The first line of a window that starts mid-file is probably cut; drop it.
            int first = length < size ? 1 : 0;
            int from = Math.max(first, lines.size() - maxLines);
            return String.join(System.lineSeparator(), lines.subList(from, lines.size())).strip();
        } catch (NoSuchFileException e) {
            return "(no log file " + file + ")";
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }
}
