package dev.eksauth.webidentity.internal;

import static dev.eksauth.webidentity.InvalidWebIdentityException.Reason.INVALID_TOKEN;
import static dev.eksauth.webidentity.InvalidWebIdentityException.Reason.TOKEN_UNREADABLE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

import dev.eksauth.core.UntrustedText;
import dev.eksauth.webidentity.InvalidWebIdentityException;
import dev.eksauth.webidentity.WebIdentityTokenSource;

/**
 * Reads the token from a file on every call: the kubelet replaces projected service-account tokens
 * while the process runs. Thread-safe; errors and {@link #toString()} name the path, never the
 * content. Not public API.
 */
public final class FileTokenSource implements WebIdentityTokenSource {
    private final Path path;

    /** Reads from this file. */
    public FileTokenSource(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public String token() {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_TOKEN_LENGTH + 1);
        } catch (NoSuchFileException e) {
            throw unreadable("does not exist", e);
        } catch (AccessDeniedException e) {
            throw unreadable("cannot be read: permission denied", e);
        } catch (IOException e) {
            throw unreadable("cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        if (bytes.length > MAX_TOKEN_LENGTH) {
            throw new InvalidWebIdentityException(INVALID_TOKEN, describe() + " is larger than " + MAX_TOKEN_LENGTH
                    + " bytes; a web identity token is a JWT of a few kilobytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidWebIdentityException(INVALID_TOKEN, describe()
                    + " is not UTF-8 text; expected an OIDC ID token (a JWT)");
        }
        return TokenText.check(text, describe());
    }

    /** The file. */
    public Path path() {
        return path;
    }

    private InvalidWebIdentityException unreadable(String what, IOException cause) {
        // The cause's message holds the path and the operating system's reason, never content.
        return new InvalidWebIdentityException(TOKEN_UNREADABLE, describe() + " " + what, cause);
    }

    private String describe() {
        return "web identity token file " + UntrustedText.quote(path.toString());
    }

    @Override
    public String toString() {
        return "WebIdentityTokenSource.fromFile(" + UntrustedText.quote(path.toString()) + ")";
    }
}
