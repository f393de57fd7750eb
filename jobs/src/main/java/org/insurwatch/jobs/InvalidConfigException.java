package org.insurwatch.jobs;

/** A configuration or command-line value the job cannot run with; its message is one line that says what to fix. */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
