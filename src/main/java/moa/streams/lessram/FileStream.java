package moa.streams.lessram;

import java.io.IOException;
import java.io.UncheckedIOException;
import moa.capabilities.Capability;
import moa.capabilities.ImmutableCapabilities;
import moa.core.InstanceExample;
import moa.options.AbstractOptionHandler;
import moa.streams.InstanceStream;

/**
 * What the file streams share: one instance of lookahead, so that {@link #hasMoreInstances()} can
 * answer before the caller asks for the instance; the counts of instances read and malformed
 * lines skipped; how a read failure becomes an exception; the progress estimate from the bytes
 * read.
 *
 * <p>Parsing is lazy: {@link #hasMoreInstances()} reads ahead to the next valid line, so a
 * malformed line throws from whichever of {@code hasMoreInstances()} and {@code nextInstance()}
 * first reaches it; a further call carries on with the next line. After a damaged file (or the
 * end) the stream stays at its end until {@link #restart()}.
 */
abstract class FileStream extends AbstractOptionHandler implements InstanceStream {

    private static final long serialVersionUID = 1L;

    private long instancesRead;
    private long skippedLines;
    private transient InstanceExample lookahead;
    private transient boolean lookaheadValid;
    private transient boolean endOfFile;

    /**
     * Reads the next valid instance, skipping (and counting, {@link #skipped()}) malformed lines
     * if the policy says so.
     *
     * @return the instance, or {@code null} at the end of the file
     * @throws IOException if reading the file fails
     */
    abstract InstanceExample readInstance() throws IOException;

    /** @return whether the file is open for {@link #readInstance()} */
    abstract boolean isOpen();

    /** Closes the file, if open; the stream's header stays valid. */
    abstract void close();

    /** @return the name of the file (without its directory), for messages */
    abstract String fileName();

    /** @return the line being read, for the message of a read failure */
    abstract long lineReached();

    /** The format exception of this stream's format. */
    abstract FileFormatException formatException(long line, String problem, Throwable cause);

    @Override
    public ImmutableCapabilities defineImmutableCapabilities() {
        return new ImmutableCapabilities(Capability.VIEW_STANDARD, Capability.VIEW_LITE);
    }

    @Override
    public boolean hasMoreInstances() {
        ensureLookahead();
        return lookahead != null;
    }

    @Override
    public InstanceExample nextInstance() {
        ensureLookahead();
        InstanceExample result = lookahead;
        lookahead = null;
        lookaheadValid = false;
        if (result != null) {
            instancesRead++;
        }
        return result;
    }

    @Override
    public boolean isRestartable() {
        return true;
    }

    /** Forgets what was read: call from {@link #restart()} before opening the file again. */
    void resetReading() {
        instancesRead = 0;
        skippedLines = 0;
        endOfFile = false;
        lookahead = null;
        lookaheadValid = false;
    }

    /** Counts a skipped malformed line. */
    void skipped() {
        skippedLines++;
    }

    /** @return whether the end of the file (or a damage that ends it) was reached */
    boolean atEnd() {
        return endOfFile;
    }

    private void ensureLookahead() {
        if (lookaheadValid) {
            return;
        }
        if (!isOpen() && !endOfFile) {
            restart(); // first use after deserialization or copy()
        }
        lookahead = endOfFile ? null : readOrEnd();
        lookaheadValid = true;
    }

    private InstanceExample readOrEnd() {
        InstanceExample next;
        try {
            next = readInstance();
        } catch (IOException e) {
            RuntimeException failure = readFailure(e, lineReached());
            endOfFile = true; // nothing after the failure can be read
            close();
            throw failure;
        }
        if (next == null) {
            endOfFile = true;
            close();
        }
        return next;
    }

    /**
     * A read failure at {@code line}: a damaged gzip file is a {@link FileFormatException}
     * (whatever the malformed-line policy: the rest of the file cannot be read), any other failure
     * an {@link UncheckedIOException}; both name the file and the line.
     */
    RuntimeException readFailure(IOException e, long line) {
        String damage = InputFiles.damage(e);
        if (damage != null) {
            return formatException(line, damage, e);
        }
        return new UncheckedIOException(getClass().getSimpleName() + ": cannot read " + fileName() + " at line "
                + line + ": " + e.getMessage(), e);
    }

    /**
     * Instances left, extrapolated from the bytes read so far.
     *
     * @param bytesRead bytes read from the file (compressed bytes for gzip)
     * @param fileLength the file's length
     * @return the estimate, 0 at the end, or -1 before anything is known
     */
    long extrapolateRemaining(long bytesRead, long fileLength) {
        if (endOfFile) {
            return 0;
        }
        if (instancesRead == 0 || bytesRead <= 0) {
            return -1;
        }
        return (long) (instancesRead * (double) Math.max(0, fileLength - bytesRead) / bytesRead);
    }

    /**
     * Malformed lines skipped since the last (re)start; always 0 with the {@code fail} policy.
     *
     * @return malformed lines skipped since the last (re)start
     */
    public long getSkippedLineCount() {
        return skippedLines;
    }

    /** @return instances returned by {@link #nextInstance()} since the last (re)start */
    public long getInstancesRead() {
        return instancesRead;
    }
}
