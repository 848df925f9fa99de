package io.carbonpaper.record;

/** A recording that cannot start (the output folder is taken, {@code --gpus} names no GPU, ...). */
public final class RecordException extends RuntimeException {
    public RecordException(String message) { super(message); }
}
