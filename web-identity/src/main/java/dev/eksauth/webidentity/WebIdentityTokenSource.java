package dev.eksauth.webidentity;

import java.nio.file.Path;
import java.util.function.Supplier;

import dev.eksauth.webidentity.internal.FileTokenSource;
import dev.eksauth.webidentity.internal.StaticTokenSource;
import dev.eksauth.webidentity.internal.SupplierTokenSource;

/**
 * Where a web-identity token (an OIDC ID token, e.g. a projected Kubernetes service-account token)
 * comes from. {@link WebIdentityCredentialsProvider} asks for a token every time it calls STS and
 * never keeps one past that call, so a source may hand out a different token each time.
 *
 * <pre>{@code
 * WebIdentityTokenSource kubelet = WebIdentityTokenSource.fromFile(
 *         Path.of("/var/run/secrets/eks.amazonaws.com/serviceaccount/token"));
 * WebIdentityTokenSource ci = WebIdentityTokenSource.from(() -> fetchIdTokenFromMyIssuer());
 * }</pre>
 *
 * <p>Implement it to plug in your own source. Implementations must be thread-safe, and must not show
 * the token in {@code toString()} or in exception messages. When no token can be had they throw an
 * {@link InvalidWebIdentityException} ({@code TOKEN_UNREADABLE}), or a
 * {@link WebIdentityUnavailableException} when whatever holds the token is down for now; the
 * provider passes either on unchanged and reports any other exception as
 * {@code TOKEN_UNREADABLE}. The provider strips surrounding whitespace, and refuses an empty token or
 * one longer than {@link #MAX_TOKEN_LENGTH} characters ({@code INVALID_TOKEN}).
 */
@FunctionalInterface
public interface WebIdentityTokenSource {
    /** The longest token accepted, in bytes for files and characters otherwise: 64 KiB. */
    int MAX_TOKEN_LENGTH = 64 * 1024;

    /**
     * The current token.
     *
     * @return the token
     * @throws WebIdentityException when no token can be had: see the interface's description
     */
    String token();

    /**
     * Reads the token from a file on every call, as the kubelet rotates projected service-account
     * tokens under a running process. The content must be UTF-8 text of at most
     * {@link #MAX_TOKEN_LENGTH} bytes; surrounding whitespace (a trailing newline) is removed.
     * Errors name the path, never the content.
     *
     * @param path the token file; it need not exist yet
     */
    static WebIdentityTokenSource fromFile(Path path) {
        return new FileTokenSource(path);
    }

    /** A fixed token, e.g. an OIDC ID token you already hold; {@code toString()} hides it. */
    static WebIdentityTokenSource of(String token) {
        return new StaticTokenSource(token);
    }

    /**
     * Asks a supplier on every call. A supplier that returns null or a blank token is reported as an
     * {@link InvalidWebIdentityException}, and so is one that throws, unless it throws a
     * {@link WebIdentityException}, which passes unchanged.
     */
    static WebIdentityTokenSource from(Supplier<String> supplier) {
        return new SupplierTokenSource(supplier);
    }
}
