package moa.streams.lessram;

import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.DenseInstance;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SparseInstance;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads an ARFF header and then one instance per call, giving the header and the instances MOA's
 * {@code ArffFileStream} (2024.07.0) gives for a well-formed file, at a cost proportional to the
 * tokens of each line: a sparse line costs its non-zeros, not the number of attributes.
 *
 * <h2>What it shares with MOA's reader</h2>
 * The tokens (see {@link ArffTokenizer}); the header: relation name (default
 * {@code "file stream"}), {@code @attribute name {labels}} nominal, any other type ({@code numeric},
 * {@code real}, {@code integer}, but also {@code string} and {@code date}) numeric; keywords
 * recognised case-insensitively by their prefix; every other header token ignored; the class
 * index ({@code -1} last, {@code 0} none, {@code k} the k-th attribute). The instances: dense
 * lines give dense instances, sparse lines ({@code {index value, ...}}, 0-based indices) sparse
 * instances holding the listed entries in order, explicit zeros included; {@code ?} is missing
 * (NaN); a number is read as {@link Double#parseDouble} reads it ({@code NaN}, {@code Infinity},
 * {@code 1e3}, {@code 0x1p4}, {@code 2f} included); weights are 1; a nominal value the header did
 * not declare, class labels included, is <b>appended</b> to that attribute's labels (through
 * MOA's {@link Attribute#indexOfValue}, on the attribute objects that every copy of the header
 * shares), so the header grows as the file reveals new values, exactly as with MOA's reader.
 *
 * <h2>Where it differs: malformed lines are errors</h2>
 * An {@link ArffFormatException} naming the line replaces MOA's silent or crashing behaviour: a
 * dense line with fewer values than attributes (MOA pads with zeros) or more (MOA throws
 * {@code ArrayIndexOutOfBoundsException}); a brace in a dense line other than a weight (MOA
 * ignores it); a sparse index that is not an attribute index, not increasing or without a value
 * (MOA builds an instance whose lookups are wrong, or throws); a numeric value that is not a
 * number (MOA throws {@code NumberFormatException}); a nominal declaration not closed on its
 * line (MOA adds a label {@code "0.0"}); a file without attributes or without {@code @data}.
 * Three readings follow Weka where MOA has a bug: a single-quoted sparse value is read like a
 * double-quoted one (MOA drops it), {@code ?} in a sparse line is missing (MOA throws for a numeric
 * attribute and adds a label {@code "?"} to a nominal one), and an instance weight
 * {@code {w}} after the values is the instance's weight (MOA throws).
 */
final class ArffReader {

    /** Class index option value: the last attribute. */
    static final int CLASS_LAST = -1;

    private final ArffTokenizer tokens;
    private final String fileName;
    private final InstancesHeader header;
    private final Attribute[] attributes;
    /** Declared types, for messages: "numeric", "string", ..., or "nominal". */
    private final String[] declaredTypes;
    /** Labels declared by the header per attribute (0 for numeric attributes). */
    private final int[] declaredLabels;
    private final int numAttributes;

    private int[] sparseIndices = new int[64];
    private double[] sparseValues = new double[64];

    /**
     * Reads the header, up to and including the {@code @data} keyword.
     *
     * @param in the ARFF text (decompressed)
     * @param fileName the file's name, for messages
     * @param classIndex {@code -1} for the last attribute, {@code 0} for none (MOA's default
     *     class index then applies), {@code k > 0} for the k-th attribute
     * @throws ArffFormatException if the header is malformed
     * @throws IOException if reading fails
     */
    ArffReader(InputStream in, String fileName, int classIndex) throws IOException {
        this.tokens = new ArffTokenizer(in);
        this.fileName = fileName;
        String relation = "file stream";
        List<Attribute> list = new ArrayList<>();
        List<String> types = new ArrayList<>();
        boolean data = false;
        int t = tokens.next();
        while (t != ArffTokenizer.EOF) {
            if (t == ArffTokenizer.WORD && tokens.length() > 0 && tokens.bytes()[0] == '@') {
                String keyword = tokens.string().toUpperCase(Locale.ROOT);
                if (keyword.startsWith("@RELATION")) {
                    tokens.next();
                    relation = tokens.isText() ? tokens.string() : null;
                } else if (keyword.startsWith("@ATTRIBUTE")) {
                    readAttribute(list, types);
                } else if (keyword.startsWith("@DATA")) {
                    tokens.next();
                    data = true;
                    break;
                }
            }
            t = tokens.next();
        }
        if (list.isEmpty()) {
            throw error("the header declares no attribute (no @attribute line)");
        }
        if (!data) {
            throw error("the header has no @data line");
        }
        numAttributes = list.size();
        if (classIndex > numAttributes || classIndex < CLASS_LAST) {
            throw new ArffFormatException(fileName, tokens.line(), "class index " + classIndex
                    + " is outside the " + numAttributes + " attributes of the header (-1 = last, 0 = none)");
        }
        attributes = list.toArray(new Attribute[0]);
        declaredTypes = types.toArray(new String[0]);
        declaredLabels = new int[numAttributes];
        for (int i = 0; i < numAttributes; i++) {
            declaredLabels[i] = attributes[i].numValues();
        }
        Instances instances = new Instances(relation, list, 0);
        if (classIndex == CLASS_LAST) {
            instances.setClassIndex(numAttributes - 1);
        } else if (classIndex > 0) {
            instances.setClassIndex(classIndex - 1);
        }
        header = new InstancesHeader(instances);
    }

    /** Reads {@code name type} or {@code name {labels}} after an {@code @attribute} keyword. */
    private void readAttribute(List<Attribute> list, List<String> types) throws IOException {
        tokens.next();
        if (!tokens.isText()) {
            throw error("@attribute without a name");
        }
        String name = tokens.string();
        int t = tokens.next();
        if (t == '{') {
            List<String> labels = new ArrayList<>();
            for (t = tokens.next(); t != '}'; t = tokens.next()) {
                if (!tokens.isText()) {
                    throw error("the labels of nominal attribute '" + name + "' are not closed by '}' on their line");
                }
                labels.add(tokens.string());
            }
            list.add(new Attribute(name, labels));
            types.add("nominal");
        } else {
            list.add(new Attribute(name));
            types.add(t == ArffTokenizer.WORD ? tokens.string().toLowerCase(Locale.ROOT) : "numeric");
        }
    }

    /** @return the header: its attribute objects are the ones the instances' labels grow in */
    InstancesHeader header() {
        return header;
    }

    /**
     * Reads the next instance.
     *
     * @return the next instance (its dataset is {@link #header()}), or {@code null} at the end
     * @throws ArffFormatException if the line is malformed; the reader then stands at the next
     *     line, so a further call carries on
     * @throws IOException if reading fails
     */
    Instance next() throws IOException {
        while (tokens.type() == ArffTokenizer.EOL) {
            tokens.next();
        }
        int t = tokens.type();
        if (t == ArffTokenizer.EOF) {
            return null;
        }
        try {
            Instance instance = t == '{' ? readSparse() : readDense();
            instance.setDataset(header);
            return instance;
        } catch (ArffFormatException e) {
            tokens.skipLine();
            throw e;
        }
    }

    private Instance readDense() throws IOException {
        double[] values = new double[numAttributes];
        int n = 0;
        int t = tokens.type();
        while (tokens.isText()) {
            if (n == numAttributes) {
                throw error("more values than the " + numAttributes + " attributes of the header");
            }
            values[n] = value(n);
            n++;
            t = tokens.next();
        }
        if (t == '{' && n == numAttributes) {
            double weight = weight();
            return new DenseInstance(weight, values);
        }
        if (t != ArffTokenizer.EOL && t != ArffTokenizer.EOF) {
            throw error("unexpected " + tokens.describe() + " after value " + n + " of a dense line");
        }
        if (n < numAttributes) {
            throw error("only " + n + " values for the " + numAttributes + " attributes of the header");
        }
        return new DenseInstance(1.0, values);
    }

    private Instance readSparse() throws IOException {
        int n = 0;
        int previous = -1;
        int t = tokens.next();
        while (t != '}') {
            if (t != ArffTokenizer.WORD) {
                throw error("expected an attribute index or '}', found " + tokens.describe());
            }
            int index = sparseIndex();
            if (index <= previous) {
                throw error(index == previous ? "attribute index " + index + " appears twice"
                        : "attribute indices must increase: " + index + " after " + previous);
            }
            previous = index;
            tokens.next();
            if (!tokens.isText()) {
                throw error("attribute index " + index + " without a value (found " + tokens.describe() + ")");
            }
            if (n == sparseIndices.length) {
                sparseIndices = Arrays.copyOf(sparseIndices, n * 2);
                sparseValues = Arrays.copyOf(sparseValues, n * 2);
            }
            sparseIndices[n] = index;
            sparseValues[n] = value(index);
            n++;
            t = tokens.next();
        }
        t = tokens.next();
        double weight = 1.0;
        if (t == '{') {
            weight = weight();
        } else if (t != ArffTokenizer.EOL && t != ArffTokenizer.EOF) {
            throw error("unexpected " + tokens.describe() + " after the closing '}' of a sparse line");
        }
        return new SparseInstance(weight, Arrays.copyOf(sparseValues, n), Arrays.copyOf(sparseIndices, n),
                numAttributes);
    }

    /** A 0-based attribute index: ASCII digits, optionally after '+', below the attribute count. */
    private int sparseIndex() {
        byte[] b = tokens.bytes();
        int length = tokens.length();
        int p = length > 1 && b[0] == '+' ? 1 : 0;
        long index = 0;
        for (; p < length; p++) {
            int digit = b[p] - '0';
            if (digit < 0 || digit > 9) {
                throw error("sparse attribute index " + tokens.describe() + " is not a non-negative integer");
            }
            index = index * 10 + digit;
            if (index >= numAttributes) {
                break;
            }
        }
        if (index >= numAttributes) {
            throw error("sparse attribute index " + tokens.describe() + " is not below the "
                    + numAttributes + " attributes of the header (indices are 0-based)");
        }
        return (int) index;
    }

    /** The value of the current token for attribute {@code index}. */
    private double value(int index) {
        if (tokens.isQuestionMark()) {
            return Double.NaN;
        }
        Attribute attribute = attributes[index];
        if (attribute.isNominal()) {
            return attribute.indexOfValue(tokens.string());
        }
        if (tokens.type() == ArffTokenizer.WORD) {
            double value = Decimals.parse(tokens.bytes(), 0, tokens.length());
            if (!Double.isNaN(value)) {
                return value;
            }
        }
        String text = tokens.string();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            String declared = declaredTypes[index];
            throw error("value " + tokens.describe() + " of numeric attribute '" + attribute.name() + "' is not a number"
                    + ("numeric".equals(declared) || "real".equals(declared) || "integer".equals(declared) ? ""
                            : " (declared " + declared + ", which MOA reads as numeric)"));
        }
    }

    /** Reads {@code {w}} after the values (the current token is the '{'), then the line end. */
    private double weight() throws IOException {
        tokens.next();
        double weight = Double.NaN;
        if (tokens.type() == ArffTokenizer.WORD) {
            weight = Decimals.parse(tokens.bytes(), 0, tokens.length());
        }
        if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY)) {
            throw error("instance weight " + tokens.describe() + " is not a finite non-negative number");
        }
        if (tokens.next() != '}') {
            throw error("instance weight not closed by '}' (found " + tokens.describe() + ")");
        }
        int t = tokens.next();
        if (t != ArffTokenizer.EOL && t != ArffTokenizer.EOF) {
            throw error("unexpected " + tokens.describe() + " after the instance weight");
        }
        return weight;
    }

    private ArffFormatException error(String problem) {
        return new ArffFormatException(fileName, tokens.line(), problem);
    }

    /** @return the line of the current token (after {@link #next()}: the first line not yet read) */
    long lineNumber() {
        return tokens.line();
    }

    /** @return labels appended so far to the header's nominal attributes, beyond those it declared */
    long addedLabels() {
        long added = 0;
        for (int i = 0; i < numAttributes; i++) {
            if (attributes[i].isNominal()) {
                added += attributes[i].numValues() - declaredLabels[i];
            }
        }
        return added;
    }

    /** @return number of attributes declared by the header */
    int numAttributes() {
        return numAttributes;
    }
}
