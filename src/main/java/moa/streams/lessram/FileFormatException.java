package moa.streams.lessram;

/**
 * A malformed line, or a damaged (truncated or corrupt) gzip file, met by one of the file streams.
 * The message, {@code Malformed <format> line <n> of <file>: <problem>}, names the file (without its
 * directory) and the 1-based line number; for a damaged file, the line being read when the damage
 * showed.
 */
public abstract class FileFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final long lineNumber;
    private final String problem;

    /**
     * @param format the file format, for the message ({@code "LIBSVM"}, {@code "ARFF"})
     * @param fileName the file's name (not its full path)
     * @param lineNumber 1-based line number
     * @param problem what is wrong with the line or the file
     * @param cause the underlying failure, or {@code null}
     */
    protected FileFormatException(String format, String fileName, long lineNumber, String problem, Throwable cause) {
        super("Malformed " + format + " line " + lineNumber + " of " + fileName + ": " + problem, cause);
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
