package moa.streams.lessram;

/**
 * A malformed line in an ARFF file read by {@link SparseArffFileStream}: a header error, a data
 * line the stream cannot read as one instance (with the {@code fail} policy), or a damaged
 * (truncated or corrupt) gzip file. The message names the file and the 1-based line number.
 */
public class ArffFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final long lineNumber;
    private final String problem;

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
        super("Malformed ARFF line " + lineNumber + " of " + fileName + ": " + problem, cause);
        this.fileName = fileName;
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    /** @return the file's name, without its directory */
    public String getFileName() {
        return fileName;
    }

    /** @return the 1-based number of the offending line */
    public long getLineNumber() {
        return lineNumber;
    }

    /** @return what is wrong, without the file and line prefix */
    public String getProblem() {
        return problem;
    }
}
