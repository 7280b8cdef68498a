package moa.streams.lessram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits ARFF text into tokens exactly as MOA's {@code ArffLoader} does with its
 * {@link java.io.StreamTokenizer} set-up, but from bytes and without a {@code String} per token:
 * <ul>
 *   <li>bytes 0-32 and {@code ','} separate tokens; a line end ({@code \n}, {@code \r\n} or a
 *       lone {@code \r}) is a token, {@link #EOL};</li>
 *   <li>{@code %} starts a comment that runs to the end of the line;</li>
 *   <li>{@code '...'} and {@code "..."} are quoted tokens: they end at the matching quote or,
 *       unterminated, at the end of the line; a backslash escapes the next character
 *       ({@code \n}, {@code \t}, octal {@code \101}, ... as in Java, any other character
 *       stands for itself);</li>
 *   <li>{@code {} and {@code }} are tokens of their own;</li>
 *   <li>any other run of bytes is a {@link #WORD} (bytes 128-255 included, so UTF-8 text is
 *       never split inside a character).</li>
 * </ul>
 * Token text is decoded as UTF-8.
 */
final class ArffTokenizer {

    /** End of input. */
    static final int EOF = -1;
    /** End of a line. */
    static final int EOL = -2;
    /** An unquoted word. */
    static final int WORD = -3;
    /** {@link #next()} returns {@code '\''} or {@code '"'} for a quoted token, {@code '{'} or
     * {@code '}'} for a brace. */
    static final int SINGLE_QUOTE = '\'';
    static final int DOUBLE_QUOTE = '"';

    private static final int NO_BYTE = -2;
    private static final int SKIP_LF = -3;

    /** Bytes that continue a word. */
    private static final boolean[] WORD_BYTE = new boolean[256];

    static {
        for (int b = '!'; b < 256; b++) {
            WORD_BYTE[b] = b != ',' && b != '%' && b != '\'' && b != '"' && b != '{' && b != '}';
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[InputFiles.BUFFER_SIZE];
    private int position;
    private int limit;
    private boolean endOfInput;
    private int peeked = NO_BYTE;

    private byte[] text = new byte[64];
    private int textLength;
    private boolean escapes;
    private int type = EOL;
    /** Line of the next unread byte (1-based). */
    private long line = 1;
    /** Line of the current token. */
    private long tokenLine = 1;

    ArffTokenizer(InputStream in) {
        this.in = in;
    }

    /** @return the next token: {@link #EOF}, {@link #EOL}, {@link #WORD}, a quote or a brace */
    int next() throws IOException {
        int c = peeked;
        peeked = NO_BYTE;
        if (c == SKIP_LF) {
            c = read();
            if (c == '\n') {
                c = NO_BYTE;
            }
        }
        if (c == NO_BYTE) {
            c = read();
        }
        while (true) {
            tokenLine = line;
            if (c < 0) {
                return type = EOF;
            }
            if (c == '\n') {
                line++;
                return type = EOL;
            }
            if (c == '\r') {
                line++;
                peeked = SKIP_LF;
                return type = EOL;
            }
            if (c <= ' ' || c == ',') {
                c = read();
                continue;
            }
            if (c == '%') {
                do {
                    c = read();
                } while (c >= 0 && c != '\n' && c != '\r');
                continue;
            }
            break;
        }
        if (c == '{' || c == '}') {
            return type = c;
        }
        textLength = 0;
        if (c == '\'' || c == '"') {
            return type = quoted(c);
        }
        do {
            append(c);
            c = read();
        } while (c >= 0 && WORD_BYTE[c]);
        peeked = c < 0 ? NO_BYTE : c;
        escapes = false;
        return type = WORD;
    }

    /** Reads a quoted token up to its closing quote (consumed) or the end of the line (not). */
    private int quoted(int quote) throws IOException {
        escapes = false;
        int c = read();
        while (c >= 0 && c != quote && c != '\n' && c != '\r') {
            if (c == '\\') {
                escapes = true;
                append(c);
                c = read();
                if (c < 0) {
                    break; // a backslash at the end of the input stands for U+FFFF, see string()
                }
                if (c == '\n' || c == '\r') {
                    line++;
                }
            }
            append(c);
            c = read();
        }
        if (c != quote) {
            peeked = c < 0 ? NO_BYTE : c;
        }
        return quote;
    }

    private void append(int c) {
        if (textLength == text.length) {
            text = Arrays.copyOf(text, textLength * 2);
        }
        text[textLength++] = (byte) c;
    }

    private int read() throws IOException {
        if (position == limit) {
            if (endOfInput) {
                return -1;
            }
            int n = in.read(buffer, 0, buffer.length);
            while (n == 0) {
                n = in.read(buffer, 0, buffer.length);
            }
            if (n < 0) {
                endOfInput = true;
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xFF;
    }

    /** Skips the rest of the current line: afterwards the current token is {@link #EOL} or {@link #EOF}. */
    void skipLine() throws IOException {
        while (type != EOL && type != EOF) {
            next();
        }
    }

    /** @return the current token's type, as last returned by {@link #next()} */
    int type() {
        return type;
    }

    /** @return whether the current token is a word or a quoted token */
    boolean isText() {
        return type == WORD || type == SINGLE_QUOTE || type == DOUBLE_QUOTE;
    }

    /** @return the 1-based line of the current token */
    long line() {
        return tokenLine;
    }

    /** Raw bytes of the current word or quoted token (escapes not applied); valid until {@link #next()}. */
    byte[] bytes() {
        return text;
    }

    /** @return number of raw bytes of the current token */
    int length() {
        return textLength;
    }

    /** @return whether the current token is the missing-value marker {@code ?} (quoted or not) */
    boolean isQuestionMark() {
        return isText() && textLength == 1 && text[0] == '?';
    }

    /** @return the current word or quoted token as a string, escapes applied */
    String string() {
        String raw = new String(text, 0, textLength, StandardCharsets.UTF_8);
        return escapes ? unescape(raw) : raw;
    }

    /** The escapes of {@link java.io.StreamTokenizer}'s quoted strings. */
    private static String unescape(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i == n) {
                sb.append('\uFFFF');
                break;
            }
            char first = raw.charAt(i);
            if (first >= '0' && first <= '7') {
                int value = first - '0';
                if (i + 1 < n && raw.charAt(i + 1) >= '0' && raw.charAt(i + 1) <= '7') {
                    value = value * 8 + (raw.charAt(++i) - '0');
                    if (first <= '3' && i + 1 < n && raw.charAt(i + 1) >= '0' && raw.charAt(i + 1) <= '7') {
                        value = value * 8 + (raw.charAt(++i) - '0');
                    }
                }
                sb.append((char) value);
                continue;
            }
            switch (first) {
                case 'a':
                    sb.append('\u0007');
                    break;
                case 'b':
                    sb.append('\b');
                    break;
                case 'f':
                    sb.append('\f');
                    break;
                case 'n':
                    sb.append('\n');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 't':
                    sb.append('\t');
                    break;
                case 'v':
                    sb.append('\u000B');
                    break;
                default:
                    sb.append(first);
            }
        }
        return sb.toString();
    }

    /** The current token for an error message: its text (shortened), or a description. */
    String describe() {
        switch (type) {
            case EOF:
                return "the end of the file";
            case EOL:
                return "the end of the line";
            case '{':
            case '}':
                return "'" + (char) type + "'";
            default:
                String s = string();
                return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
    }
}
