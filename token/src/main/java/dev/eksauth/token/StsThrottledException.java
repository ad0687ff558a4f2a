package dev.eksauth.token;

/**
 * STS kept throttling the verifier until the retry deadline passed: a kind of
 * {@link StsUnavailableException}. A webhook answers HTTP 429.
 */
public final class StsThrottledException extends StsUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public StsThrottledException(String message) {
        super(message, null);
    }
}
