package moa.streams.lessram;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a text file line by line as bytes, without building a {@code String} per line. Gzip
 * input is recognised by its magic bytes ({@code 1f 8b}), whatever the file name.
 *
 * <p>After {@link #next()} returns {@code true}, the line is {@code array()[start() ..
 * start() + length())}, without its terminator ({@code \n}, {@code \r\n} or a final line without
 * one). The array is reused: its content is valid until the next call.
 */
final class LineReader implements Closeable {

    private final InputFiles.ByteCounter raw = new InputFiles.ByteCounter();
    private final InputStream in;
    private final byte[] buffer = new byte[InputFiles.BUFFER_SIZE];
    private int position;
    private int limit;
    private boolean endOfInput;

    /** Holds a line that crosses a buffer boundary. */
    private byte[] spill = new byte[256];

    private byte[] lineArray;
    private int lineStart;
    private int lineLength;
    private long lineNumber;

    LineReader(File file) throws IOException {
        this.in = InputFiles.open(file, raw);
    }

    /** Advances to the next line; {@code false} at the end of the file. */
    boolean next() throws IOException {
        int spilled = 0;
        while (true) {
            if (position == limit) {
                if (!fill()) {
                    if (spilled == 0) {
                        return false;
                    }
                    return setLine(spill, 0, spilled);
                }
            }
            int newline = indexOfNewline(buffer, position, limit);
            if (newline >= 0) {
                if (spilled == 0) {
                    int start = position;
                    position = newline + 1;
                    return setLine(buffer, start, newline - start);
                }
                spilled = appendToSpill(spilled, newline);
                position = newline + 1;
                return setLine(spill, 0, spilled);
            }
            spilled = appendToSpill(spilled, limit);
            position = limit;
        }
    }

    private boolean setLine(byte[] array, int start, int length) {
        if (length > 0 && array[start + length - 1] == '\r') {
            length--;
        }
        if (lineNumber == 0 && length >= 3 && array[start] == (byte) 0xEF
                && array[start + 1] == (byte) 0xBB && array[start + 2] == (byte) 0xBF) {
            start += 3; // UTF-8 byte order mark
            length -= 3;
        }
        lineArray = array;
        lineStart = start;
        lineLength = length;
        lineNumber++;
        return true;
    }

    private int appendToSpill(int spilled, int end) {
        int chunk = end - position;
        if (spilled + chunk > spill.length) {
            spill = Arrays.copyOf(spill, Math.max(spill.length * 2, spilled + chunk));
        }
        System.arraycopy(buffer, position, spill, spilled, chunk);
        return spilled + chunk;
    }

    private static int indexOfNewline(byte[] array, int from, int to) {
        for (int i = from; i < to; i++) {
            if (array[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            endOfInput = true;
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    byte[] array() {
        return lineArray;
    }

    int start() {
        return lineStart;
    }

    int length() {
        return lineLength;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    /** Bytes read so far from the file itself (compressed bytes for a gzip file). */
    long rawBytesRead() {
        return raw.count();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
