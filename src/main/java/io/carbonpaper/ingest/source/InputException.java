package io.carbonpaper.ingest.source;

import java.io.IOException;

/**
 * An input that cannot be used as a whole, at a line ({@code 0} for the whole file). The caller
 * adds the file name; the message says what was expected.
 */
public final class InputException extends IOException {
    private final long line;

    public InputException(long line, String message) {
        super(message);
        this.line = line;
    }

    public long line() { return line; }
}
