package moa.streams.lessram;

/**
 * A malformed line in a LIBSVM/svmlight file, thrown by {@link LibSvmFileStream} when its
 * malformed-line policy is {@code fail}, or a damaged (truncated or corrupt) gzip file, whatever
 * the policy. The message names the file and the 1-based line number (for a damaged file, the
 * line being read when the damage was found).
 */
public class LibSvmFormatException extends FileFormatException {

    private static final long serialVersionUID = 1L;

    /**
     * @param fileName the file's name (not its full path)
     * @param lineNumber 1-based line number
     * @param problem what is wrong with the line
     */
    public LibSvmFormatException(String fileName, long lineNumber, String problem) {
        this(fileName, lineNumber, problem, null);
    }

    /**
     * @param fileName the file's name (not its full path)
     * @param lineNumber 1-based line number (for a damaged file, the line being read)
     * @param problem what is wrong with the line or the file
     * @param cause the underlying failure, or {@code null}
     */
    public LibSvmFormatException(String fileName, long lineNumber, String problem, Throwable cause) {
        super("LIBSVM", fileName, lineNumber, problem, cause);
    }
}
