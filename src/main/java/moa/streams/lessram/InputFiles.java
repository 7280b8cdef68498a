package moa.streams.lessram;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens the streams' input files: plain or gzip (recognised by the magic bytes {@code 1f 8b},
 * whatever the name), counting the bytes read from the file itself for progress estimates.
 */
final class InputFiles {

    static final int BUFFER_SIZE = 1 << 16;

    private InputFiles() {
    }

    /**
     * Opens {@code file}, decompressing it if it starts with the gzip magic bytes.
     *
     * @param file the file
     * @param counter receives the bytes read from the file (compressed bytes for gzip)
     * @return the (decompressed) content
     * @throws IOException if the file cannot be opened, or it is gzip with a damaged header
     */
    static InputStream open(File file, ByteCounter counter) throws IOException {
        InputStream raw = new CountingInputStream(Files.newInputStream(file.toPath()), counter);
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_SIZE);
        try {
            buffered.mark(2);
            int first = buffered.read();
            int second = buffered.read();
            buffered.reset();
            if (first == 0x1f && second == 0x8b) {
                return new GZIPInputStream(buffered, BUFFER_SIZE);
            }
            return buffered;
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    /**
     * What a read failure says about the file, if it is damage rather than an I/O fault.
     *
     * @param e the failure
     * @return a description of a truncated or corrupt gzip file, or {@code null} for other failures
     */
    static String damage(IOException e) {
        if (e instanceof EOFException) {
            return "the file ends inside its gzip data (truncated?): " + e.getMessage();
        }
        if (e instanceof ZipException) {
            return "corrupt gzip data: " + e.getMessage();
        }
        return null;
    }

    /** Receives the number of bytes read from a file. */
    static final class ByteCounter {
        private long count;

        /** @return bytes read so far */
        long count() {
            return count;
        }
    }

    /** Counts the bytes read from the underlying file. */
    private static final class CountingInputStream extends FilterInputStream {
        private final ByteCounter counter;

        CountingInputStream(InputStream in, ByteCounter counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counter.count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counter.count += skipped;
            return skipped;
        }
    }
}
