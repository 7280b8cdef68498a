package moa.streams.lessram;

import com.github.javacliparser.FileOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.MultiChoiceOption;
import com.github.javacliparser.StringOption;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SparseInstance;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import moa.core.InstanceExample;
import moa.core.ObjectRepository;
import moa.tasks.TaskMonitor;

/**
 * Streams a LIBSVM/svmlight file as sparse MOA instances, one line at a time, without loading
 * the file into memory. This is the format of the public data sets used by Golovin, Sculley,
 * McMahan and Young, "Large-Scale Learning with Less RAM via Randomization" (ICML 2013), e.g.
 * RCV1 in its LIBSVM version.
 *
 * <h2>Format</h2>
 * Each line is {@code <label> [qid:<q>] <index>:<value> ... [# comment]} with 1-based,
 * strictly increasing feature indices. The file may be plain text or gzip-compressed (detected
 * from its first two bytes, not from its name). Blank and comment-only lines are skipped; see
 * {@link LibSvmLineParser} for the exact rules.
 *
 * <h2>Instances and header</h2>
 * Feature {@code j} (1-based) becomes attribute {@code j - 1}; the class is the last attribute,
 * index {@code d} (the number of features). Instances are {@link SparseInstance}s built with
 * the sparse constructor: they store the non-zero features plus the class value, so
 * {@code numValues()} is the number of non-zero features plus one (the class entry is always
 * stored, even for class {@code 0}, so that {@code setClassValue} works). Weights are 1.
 * The header's size does not depend on {@code d} (see {@link SparseHeaders}): all feature
 * attributes are one shared numeric attribute.
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@code -f} the file;</li>
 *   <li>{@code -d} number of features {@code d}: an index above {@code d} is a malformed line;
 *       {@code 0} = the largest index in the file, found by a pre-scan;</li>
 *   <li>{@code -b} hashing bits {@code b} (0 = off): index {@code j} goes to attribute
 *       {@code hash(j) mod 2^b}, values of features that collide on one line are summed
 *       (a sum of exactly zero is dropped); excludes {@code -d};</li>
 *   <li>{@code -t} label type: {@code binary} maps labels {@code +1}/{@code 1} to class
 *       {@code "1"} and {@code -1}/{@code 0} to class {@code "0"}, other labels are malformed;
 *       {@code multiclass} uses the labels listed with {@code -c} (in that order) or, if none are
 *       listed, the distinct labels found by a pre-scan, sorted by value;</li>
 *   <li>{@code -m} malformed lines: {@code fail} throws a {@link LibSvmFormatException} naming
 *       the file and the 1-based line number; {@code skip} drops the line and counts it
 *       ({@link #getSkippedLineCount()}, also shown by {@link #getDescription}).</li>
 * </ul>
 * A pre-scan (only when {@code -d 0} without hashing, or multiclass labels without {@code -c})
 * reads the whole file once in {@link #prepareForUse()}; in {@code fail} mode it reports a
 * malformed line before any instance is produced. After a pre-scan the number of instances is
 * known exactly; otherwise {@link #estimatedRemainingInstances()} extrapolates from the bytes
 * read.
 *
 * <p>Parsing is lazy: {@link #hasMoreInstances()} reads ahead to the next valid line, so in
 * {@code fail} mode the exception comes from whichever of {@code hasMoreInstances()} and
 * {@code nextInstance()} first reaches the bad line; a further call carries on with the next
 * line. A truncated or corrupt gzip file is a {@link LibSvmFormatException} in both modes, and the
 * stream ends there. A copy made with {@link #copy()} starts again from the beginning of the file.
 */
public class LibSvmFileStream extends FileStream {

    private static final long serialVersionUID = 1L;

    /** Most distinct labels a multiclass pre-scan accepts before suspecting a regression file. */
    static final int MAX_INFERRED_CLASSES = 10_000;

    /**
     * Most features without hashing, 2<sup>31</sup> - 2: MOA counts attributes in an {@code int}
     * and the class takes the attribute after the last feature.
     */
    static final int MAX_FEATURES = Integer.MAX_VALUE - 1;

    private static final long HASH_SALT = 0x5DEECE66DL;

    private static final String[] LABEL_TYPES = {"binary", "multiclass"};
    private static final String[] MALFORMED_POLICIES = {"fail", "skip"};

    /** {@code -f}: the LIBSVM/svmlight file, plain or gzip. */
    public FileOption fileOption = new FileOption("file", 'f',
            "LIBSVM/svmlight file to read, plain or gzip-compressed (detected from its first bytes).",
            null, "libsvm", false);

    /** {@code -d}: number of features; 0 = found by a pre-scan. */
    public IntOption numFeaturesOption = new IntOption("numFeatures", 'd',
            "Number of features d: indices 1..d become attributes 0..d-1, a larger index is a"
                    + " malformed line. 0 = the largest index in the file (found by a pre-scan)."
                    + " Must be 0 when hashing.",
            0, 0, MAX_FEATURES);

    /** {@code -b}: hash indices into {@code 2^b} attributes; 0 = no hashing. */
    public IntOption hashBitsOption = new IntOption("hashBits", 'b',
            "Hash feature indices into 2^b attributes (0 = no hashing); values of features that"
                    + " collide on one line are summed.",
            0, 0, 30);

    /** {@code -t}: {@code binary} or {@code multiclass} labels. */
    public MultiChoiceOption labelTypeOption = new MultiChoiceOption("labelType", 't',
            "How labels become classes.", LABEL_TYPES,
            new String[] {
                "Binary: +1/1 -> class \"1\", -1/0 -> class \"0\"; any other label is malformed.",
                "Multiclass: the labels given with -c, or the distinct labels of the file"
                        + " (pre-scan) sorted by value."},
            0);

    /** {@code -c}: multiclass labels in class order; empty = found by a pre-scan. */
    public StringOption classLabelsOption = new StringOption("classLabels", 'c',
            "Multiclass only: comma-separated labels in class order, e.g. 1,2,3. Empty = collect"
                    + " them with a pre-scan of the file.",
            "");

    /** {@code -m}: {@code fail} or {@code skip} malformed lines. */
    public MultiChoiceOption malformedLinesOption = new MultiChoiceOption("malformedLines", 'm',
            "What to do with a malformed line.", MALFORMED_POLICIES,
            new String[] {
                "Fail with an error naming the file and the 1-based line number.",
                "Skip the line and count it (see the stream's description)."},
            0);

    // Configuration, fixed by prepareForUse.
    private File file;
    private String fileName;
    private int numFeatures;
    private int hashBits;
    private boolean multiclass;
    private boolean skipMalformed;
    /** Multiclass labels sorted by value, and the class index of each. */
    private double[] sortedLabels;
    private int[] sortedLabelClasses;
    private List<String> classLabels;
    private String featureSource;
    private long knownInstanceCount = -1;
    private InstancesHeader header;

    // Reading state.
    private long fileLength;
    private transient LineReader reader;
    private transient LibSvmLineParser parser;
    private transient long[] hashKeys;
    private transient int[] mergedIndices;
    private transient double[] mergedValues;

    /** An unconfigured stream; set the options, then call {@link #prepareForUse()}. */
    public LibSvmFileStream() {
    }

    /**
     * A binary-label stream over {@code file}, with the number of features found by a pre-scan,
     * failing on malformed lines; ready to use.
     *
     * @param file the LIBSVM/svmlight file, plain or gzip
     */
    public LibSvmFileStream(File file) {
        fileOption.setValue(file.getPath());
        prepareForUse();
    }

    @Override
    public String getPurposeString() {
        return "Streams a LIBSVM/svmlight file (plain or gzip) as sparse instances, optionally"
                + " hashing the features.";
    }

    @Override
    protected void prepareForUseImpl(TaskMonitor monitor, ObjectRepository repository) {
        close();
        configure();
        if (monitor != null) {
            monitor.setCurrentActivityDescription("Reading " + fileName);
        }
        restart();
    }

    private void configure() {
        String path = fileOption.getValue();
        if (path == null || path.trim().isEmpty()) {
            throw new IllegalArgumentException("LibSvmFileStream: no file given (option -f)");
        }
        file = new File(path);
        fileName = file.getName();
        if (!file.isFile()) {
            throw new IllegalArgumentException("LibSvmFileStream: file not found: " + fileName);
        }
        fileLength = file.length();
        hashBits = hashBitsOption.getValue();
        int declaredFeatures = numFeaturesOption.getValue();
        if (hashBits > 0 && declaredFeatures > 0) {
            throw new IllegalArgumentException(
                    "LibSvmFileStream: give either the number of features (-d) or hashing bits (-b), not both");
        }
        multiclass = labelTypeOption.getChosenIndex() == 1;
        skipMalformed = malformedLinesOption.getChosenIndex() == 1;
        String declaredLabels = classLabelsOption.getValue() == null ? "" : classLabelsOption.getValue().trim();
        if (!multiclass && !declaredLabels.isEmpty()) {
            throw new IllegalArgumentException(
                    "LibSvmFileStream: class labels (-c) apply to multiclass labels only (-t multiclass)");
        }
        numFeatures = hashBits > 0 ? 1 << hashBits : declaredFeatures;
        if (multiclass && !declaredLabels.isEmpty()) {
            setMulticlassLabels(parseDeclaredLabels(declaredLabels), false);
        } else if (multiclass) {
            sortedLabels = null;
        } else {
            classLabels = Collections.unmodifiableList(Arrays.asList("0", "1"));
        }
        boolean scanFeatures = numFeatures == 0;
        boolean scanLabels = multiclass && sortedLabels == null;
        knownInstanceCount = -1;
        if (scanFeatures || scanLabels) {
            preScan(scanFeatures, scanLabels);
        }
        if (hashBits > 0) {
            featureSource = "hashed into 2^" + hashBits;
        } else if (scanFeatures) {
            featureSource = "largest index in the file";
        } else {
            featureSource = "declared";
        }
        header = SparseHeaders.create(fileName, numFeatures, "class", classLabels);
    }

    private static double[] parseDeclaredLabels(String text) {
        String[] parts = text.split(",");
        double[] labels = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            try {
                labels[i] = Double.parseDouble(part);
            } catch (NumberFormatException e) {
                labels[i] = Double.NaN;
            }
            if (part.isEmpty() || Double.isNaN(labels[i]) || Double.isInfinite(labels[i])) {
                throw new IllegalArgumentException(
                        "LibSvmFileStream: class label '" + part + "' in -c is not a finite number");
            }
            for (int j = 0; j < i; j++) {
                if (labels[j] == labels[i]) {
                    throw new IllegalArgumentException(
                            "LibSvmFileStream: class label '" + part + "' appears twice in -c");
                }
            }
        }
        return labels;
    }

    /**
     * Sets the multiclass labels; {@code labelsInClassOrder} are distinct. With {@code sort} the
     * classes are numbered in increasing label order, otherwise in the given order.
     */
    private void setMulticlassLabels(double[] labelsInClassOrder, boolean sort) {
        double[] ordered = labelsInClassOrder.clone();
        if (sort) {
            Arrays.sort(ordered);
        }
        List<String> names = new ArrayList<>(ordered.length);
        for (double label : ordered) {
            names.add(labelName(label));
        }
        Integer[] order = new Integer[ordered.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(ordered[a], ordered[b]));
        sortedLabels = new double[ordered.length];
        sortedLabelClasses = new int[ordered.length];
        for (int i = 0; i < order.length; i++) {
            sortedLabels[i] = ordered[order[i]];
            sortedLabelClasses[i] = order[i];
        }
        classLabels = Collections.unmodifiableList(names);
    }

    /** {@code 3.0 -> "3"}, {@code 2.5 -> "2.5"}. */
    static String labelName(double label) {
        if (label == Math.rint(label) && Math.abs(label) < 1e15) {
            return Long.toString((long) label);
        }
        return Double.toString(label);
    }

    private void preScan(boolean scanFeatures, boolean scanLabels) {
        LibSvmLineParser scanParser = new LibSvmLineParser();
        long maxIndex = 0;
        long instances = 0;
        double[] labels = new double[16];
        int labelCount = 0;
        LineReader scan = open();
        try {
            while (scan.next()) {
                int result = scanParser.parse(scan.array(), scan.start(), scan.length());
                if (result == LibSvmLineParser.BLANK) {
                    continue;
                }
                String problem = result == LibSvmLineParser.MALFORMED
                        ? scanParser.error()
                        : checkLine(scanParser, !scanFeatures, !scanLabels);
                if (problem != null) {
                    if (skipMalformed) {
                        continue;
                    }
                    throw new LibSvmFormatException(fileName, scan.lineNumber(), problem);
                }
                instances++;
                int n = scanParser.count();
                if (n > 0) {
                    maxIndex = Math.max(maxIndex, scanParser.indices()[n - 1]);
                }
                if (scanLabels) {
                    double label = scanParser.label();
                    int at = Arrays.binarySearch(labels, 0, labelCount, label);
                    if (at < 0) {
                        if (labelCount == MAX_INFERRED_CLASSES) {
                            throw new IllegalArgumentException("LibSvmFileStream: " + fileName
                                    + " has more than " + MAX_INFERRED_CLASSES
                                    + " distinct labels (a regression file?); list the classes with -c");
                        }
                        int insert = -at - 1;
                        if (labelCount == labels.length) {
                            labels = Arrays.copyOf(labels, labelCount * 2);
                        }
                        System.arraycopy(labels, insert, labels, insert + 1, labelCount - insert);
                        labels[insert] = label;
                        labelCount++;
                    }
                }
            }
        } catch (IOException e) {
            throw readFailure(e, scan.lineNumber() + 1);
        } finally {
            close(scan);
        }
        if (scanFeatures) {
            numFeatures = (int) Math.max(1, maxIndex);
        }
        if (scanLabels) {
            if (labelCount == 0) {
                throw new IllegalArgumentException("LibSvmFileStream: " + fileName
                        + " has no valid line to collect class labels from; list them with -c");
            }
            setMulticlassLabels(Arrays.copyOf(labels, labelCount), true);
        }
        knownInstanceCount = instances;
    }

    /**
     * Checks what the parser cannot: the label against the label type and the indices against
     * the declared number of features.
     *
     * @return the problem, or {@code null}
     */
    private String checkLine(LibSvmLineParser lineParser, boolean checkIndices, boolean checkLabel) {
        int n = lineParser.count();
        if (hashBits == 0 && n > 0) {
            int largest = lineParser.indices()[n - 1];
            if (largest > MAX_FEATURES) {
                return "feature index " + largest + " exceeds " + MAX_FEATURES
                        + ", the most features a MOA header can hold next to the class; hash the indices (-b)";
            }
            if (checkIndices && largest > numFeatures) {
                return "feature index " + largest + " exceeds the number of features " + numFeatures;
            }
        }
        if (checkLabel && classOf(lineParser.label()) < 0) {
            double label = lineParser.label();
            return multiclass
                    ? "label " + labelName(label) + " is not one of the classes " + classLabels
                    : "label " + labelName(label) + " is not binary (+1/1 or -1/0); use -t multiclass";
        }
        return null;
    }

    /** The class index of a label, or -1. */
    private int classOf(double label) {
        if (!multiclass) {
            if (label == 1.0) {
                return 1;
            }
            return label == -1.0 || label == 0.0 ? 0 : -1;
        }
        int at = Arrays.binarySearch(sortedLabels, label);
        return at >= 0 ? sortedLabelClasses[at] : -1;
    }

    @Override
    public InstancesHeader getHeader() {
        return header;
    }

    @Override
    public long estimatedRemainingInstances() {
        if (knownInstanceCount >= 0) {
            return Math.max(0, knownInstanceCount - getInstancesRead());
        }
        return extrapolateRemaining(reader == null ? 0 : reader.rawBytesRead(), fileLength);
    }

    @Override
    public void restart() {
        if (header == null) {
            configure();
        }
        close();
        resetReading();
        reader = open();
    }

    private LineReader open() {
        try {
            return new LineReader(file);
        } catch (IOException e) {
            throw readFailure(e, 1);
        }
    }

    @Override
    boolean isOpen() {
        return reader != null;
    }

    @Override
    String fileName() {
        return fileName;
    }

    @Override
    long lineReached() {
        return reader == null ? 1 : reader.lineNumber() + 1;
    }

    @Override
    FileFormatException formatException(long line, String problem, Throwable cause) {
        return new LibSvmFormatException(fileName, line, problem, cause);
    }

    @Override
    InstanceExample readInstance() throws IOException {
        if (parser == null) {
            parser = new LibSvmLineParser();
        }
        while (reader.next()) {
            int result = parser.parse(reader.array(), reader.start(), reader.length());
            if (result == LibSvmLineParser.BLANK) {
                continue;
            }
            String problem = result == LibSvmLineParser.MALFORMED ? parser.error() : checkLine(parser, true, true);
            if (problem != null) {
                if (skipMalformed) {
                    skipped();
                    continue;
                }
                throw new LibSvmFormatException(fileName, reader.lineNumber(), problem);
            }
            return new InstanceExample(buildInstance(classOf(parser.label())));
        }
        return null;
    }

    private SparseInstance buildInstance(int classValue) {
        int n = parser.count();
        int[] lineIndices = parser.indices();
        double[] lineValues = parser.values();
        int[] indices;
        double[] values;
        if (hashBits == 0) {
            indices = new int[n + 1];
            values = new double[n + 1];
            for (int i = 0; i < n; i++) {
                indices[i] = lineIndices[i] - 1;
                values[i] = lineValues[i];
            }
        } else {
            int m = hashAndMerge(n, lineIndices, lineValues);
            indices = Arrays.copyOf(mergedIndices, m + 1);
            values = Arrays.copyOf(mergedValues, m + 1);
            n = m;
        }
        indices[n] = numFeatures;
        values[n] = classValue;
        SparseInstance instance = new SparseInstance(1.0, values, indices, numFeatures + 1);
        instance.setDataset(header);
        return instance;
    }

    /**
     * Maps the line's features to hashed attributes in {@link #mergedIndices} (sorted, distinct)
     * and {@link #mergedValues} (summed per attribute, zeros dropped).
     *
     * @return the number of merged non-zeros
     */
    private int hashAndMerge(int n, int[] lineIndices, double[] lineValues) {
        if (hashKeys == null || hashKeys.length < n) {
            int size = Math.max(64, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
            hashKeys = new long[size];
            mergedIndices = new int[size + 1];
            mergedValues = new double[size + 1];
        }
        for (int i = 0; i < n; i++) {
            hashKeys[i] = ((long) hashedIndex(lineIndices[i], hashBits) << 32) | i;
        }
        Arrays.sort(hashKeys, 0, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            int slot = (int) (hashKeys[i] >>> 32);
            double value = lineValues[(int) hashKeys[i]];
            if (m > 0 && mergedIndices[m - 1] == slot) {
                mergedValues[m - 1] += value;
            } else {
                mergedIndices[m] = slot;
                mergedValues[m] = value;
                m++;
            }
        }
        int kept = 0;
        for (int i = 0; i < m; i++) {
            if (mergedValues[i] != 0.0) {
                mergedIndices[kept] = mergedIndices[i];
                mergedValues[kept] = mergedValues[i];
                kept++;
            }
        }
        return kept;
    }

    /** The attribute a 1-based file index is hashed to, in {@code [0, 2^bits)}. */
    static int hashedIndex(int fileIndex, int bits) {
        return (int) (Hashing.mix64(fileIndex ^ HASH_SALT) >>> (64 - bits));
    }

    @Override
    void close() {
        if (reader != null) {
            close(reader);
            reader = null;
        }
    }

    private static void close(LineReader lineReader) {
        try {
            lineReader.close();
        } catch (IOException e) {
            // closing a read-only file: nothing to recover
        }
    }

    /** @return number of feature attributes {@code d}; the class attribute has index {@code d} */
    public int getNumFeatures() {
        return numFeatures;
    }

    /** @return the class labels in class-index order */
    public List<String> getClassLabels() {
        return classLabels;
    }

    /** @return number of valid instances in the file if a pre-scan counted them, else -1 */
    public long getKnownInstanceCount() {
        return knownInstanceCount;
    }

    @Override
    public void getDescription(StringBuilder sb, int indent) {
        if (header == null) {
            sb.append("LIBSVM file stream (not prepared)");
            return;
        }
        sb.append("LIBSVM file stream over ").append(fileName).append(": ")
                .append(numFeatures).append(" features (").append(featureSource).append("), ")
                .append(classLabels.size()).append(" classes ").append(classLabels).append(", ")
                .append(getInstancesRead()).append(" instances read, ")
                .append(getSkippedLineCount()).append(" malformed lines skipped");
    }
}
