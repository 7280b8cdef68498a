package moa.streams.lessram;

/**
 * A malformed line in an ARFF file read by {@link SparseArffFileStream}: a header error, a data
 * line the stream cannot read as one instance (with the {@code fail} policy), or a damaged
 * (truncated or corrupt) gzip file. The message names the file and the 1-based line number.
 */
public class ArffFormatException extends FileFormatException {

    private static final long serialVersionUID = 1L;

    /**
     * @param fileName the file's name (not its full path)
     * @param lineNumber 1-based line number
     * @param problem what is wrong with the line
     */
    public ArffFormatException(String fileName, long lineNumber, String problem) {
        this(fileName, lineNumber, problem, null);
    }

    /**
     * @param fileName the file's name (not its full path)
     * @param lineNumber 1-based line number (for a damaged file, the line being read)
     * @param problem what is wrong with the line or the file
     * @param cause the underlying failure, or {@code null}
     */
    public ArffFormatException(String fileName, long lineNumber, String problem, Throwable cause) {
        super("ARFF", fileName, lineNumber, problem, cause);
    }
}
