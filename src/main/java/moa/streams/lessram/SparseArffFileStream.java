package moa.streams.lessram;

import com.github.javacliparser.FileOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.MultiChoiceOption;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import moa.core.InstanceExample;
import moa.core.ObjectRepository;
import moa.tasks.TaskMonitor;

/**
 * Streams an ARFF file, sparse or dense, plain or gzip, at a cost proportional to each line's
 * entries: a drop-in for MOA's {@code ArffFileStream} on wide sparse data (text, bag of words),
 * where MOA's reader copies the whole header for every instance.
 *
 * <p>Header and instances are those of MOA's {@code ArffFileStream} (2024.07.0) for a well-formed
 * file, including how the header grows: a nominal value or class label the header did not declare
 * is appended to that attribute's labels when it first appears, visible in every copy of the
 * header (MOA's own behaviour, counted here in {@link #getAddedLabelCount()}). Malformed lines
 * are errors naming the file and the line ({@link ArffFormatException}), or skipped and counted
 * with {@code -m skip}; see {@link ArffReader} for the exact rules and the few places where MOA's
 * reader has a bug and this one follows Weka. Gzip is recognised by its first two bytes; text is
 * read as UTF-8.
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@code -f} the file;</li>
 *   <li>{@code -c} class index: {@code -1} the last attribute (default), {@code 0} none, {@code k}
 *       the k-th attribute (1-based), as MOA's {@code ArffFileStream};</li>
 *   <li>{@code -m} malformed data lines: {@code fail} throws an {@link ArffFormatException};
 *       {@code skip} drops the line and counts it ({@link #getSkippedLineCount()}). A malformed
 *       header or a damaged gzip file always throws.</li>
 * </ul>
 * Parsing is lazy: {@link #hasMoreInstances()} reads ahead to the next valid line, so in
 * {@code fail} mode the exception comes from whichever of {@code hasMoreInstances()} and
 * {@code nextInstance()} first reaches the bad line; a further call carries on with the next line.
 * {@link #restart()} and {@link #copy()} read the file again from the start, header included (so
 * appended labels start afresh, as with MOA's reader).
 */
public class SparseArffFileStream extends FileStream {

    private static final long serialVersionUID = 1L;

    private static final String[] MALFORMED_POLICIES = {"fail", "skip"};

    /** {@code -f}: the ARFF file, plain or gzip. */
    public FileOption arffFileOption = new FileOption("arffFile", 'f',
            "ARFF file to read (sparse or dense), plain or gzip-compressed (detected from its first bytes).",
            null, "arff", false);

    /** {@code -c}: class index, as MOA's {@code ArffFileStream}. */
    public IntOption classIndexOption = new IntOption("classIndex", 'c',
            "Class index of data. 0 for none or -1 for last attribute in file.",
            -1, -1, Integer.MAX_VALUE);

    /** {@code -m}: {@code fail} or {@code skip} malformed data lines. */
    public MultiChoiceOption malformedLinesOption = new MultiChoiceOption("malformedLines", 'm',
            "What to do with a malformed data line.", MALFORMED_POLICIES,
            new String[] {
                "Fail with an error naming the file and the 1-based line number.",
                "Skip the line and count it (see the stream's description)."},
            0);

    private File file;
    private String fileName;
    private long fileLength;
    private boolean skipMalformed;

    private transient InputFiles.ByteCounter bytesRead;
    private transient InputStream input;
    /** The reader; kept after the end of the file, for its header. */
    private transient ArffReader reader;

    /** An unconfigured stream; set the options, then call {@link #prepareForUse()}. */
    public SparseArffFileStream() {
    }

    /**
     * A stream over {@code file} with the class last, failing on malformed lines; ready to use.
     *
     * @param file the ARFF file, plain or gzip
     */
    public SparseArffFileStream(File file) {
        arffFileOption.setValue(file.getPath());
        prepareForUse();
    }

    @Override
    public String getPurposeString() {
        return "Streams an ARFF file (sparse or dense, plain or gzip) at a cost proportional to each"
                + " line's entries; the same instances as ArffFileStream.";
    }

    @Override
    protected void prepareForUseImpl(TaskMonitor monitor, ObjectRepository repository) {
        String path = arffFileOption.getValue();
        if (path == null || path.trim().isEmpty()) {
            throw new IllegalArgumentException("SparseArffFileStream: no file given (option -f)");
        }
        file = new File(path);
        fileName = file.getName();
        if (!file.isFile()) {
            throw new IllegalArgumentException("SparseArffFileStream: file not found: " + fileName);
        }
        if (monitor != null) {
            monitor.setCurrentActivityDescription("Reading " + fileName);
        }
        restart();
    }

    @Override
    public InstancesHeader getHeader() {
        if (reader == null) {
            restart();
        }
        // a copy, as MOA's ArffFileStream gives: its attribute objects are the reader's, so labels
        // appended while reading show in it
        return new InstancesHeader(reader.header());
    }

    @Override
    public long estimatedRemainingInstances() {
        return extrapolateRemaining(bytesRead == null ? 0 : bytesRead.count(), fileLength);
    }

    @Override
    public void restart() {
        if (file == null) {
            prepareForUse();
            return;
        }
        close();
        reader = null;
        resetReading();
        skipMalformed = malformedLinesOption.getChosenIndex() == 1;
        fileLength = file.length();
        bytesRead = new InputFiles.ByteCounter();
        try {
            input = InputFiles.open(file, bytesRead);
            reader = new ArffReader(input, fileName, classIndexOption.getValue());
        } catch (IOException e) {
            close();
            throw readFailure(e, 1);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    boolean isOpen() {
        return input != null;
    }

    @Override
    String fileName() {
        return fileName;
    }

    @Override
    long lineReached() {
        return reader == null ? 1 : reader.lineNumber();
    }

    @Override
    FileFormatException formatException(long line, String problem, Throwable cause) {
        return new ArffFormatException(fileName, line, problem, cause);
    }

    @Override
    InstanceExample readInstance() throws IOException {
        while (true) {
            Instance instance;
            try {
                instance = reader.next();
            } catch (ArffFormatException e) {
                if (skipMalformed) {
                    skipped();
                    continue;
                }
                throw e;
            }
            return instance == null ? null : new InstanceExample(instance);
        }
    }

    @Override
    void close() {
        if (input != null) {
            try {
                input.close();
            } catch (IOException e) {
                // closing a read-only file: nothing to recover
            }
            input = null;
        }
    }

    /**
     * Labels appended to the header's nominal attributes (class included) because the data used a
     * value the header did not declare, since the last (re)start.
     *
     * @return the number of labels appended
     */
    public long getAddedLabelCount() {
        return reader == null ? 0 : reader.addedLabels();
    }

    @Override
    public void getDescription(StringBuilder sb, int indent) {
        if (reader == null) {
            sb.append("ARFF file stream (not prepared)");
            return;
        }
        InstancesHeader header = reader.header();
        sb.append("ARFF file stream over ").append(fileName).append(": ")
                .append(header.numAttributes()).append(" attributes, ")
                .append(getInstancesRead()).append(" instances read, ")
                .append(getSkippedLineCount()).append(" malformed lines skipped, ")
                .append(getAddedLabelCount()).append(" undeclared nominal values added to the header");
    }
}
