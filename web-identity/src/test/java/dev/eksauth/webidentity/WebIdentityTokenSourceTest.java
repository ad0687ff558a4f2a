package dev.eksauth.webidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.webidentity.InvalidWebIdentityException.Reason;

class WebIdentityTokenSourceTest {
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDphcHAifQ.c2lnbmF0dXJl";

    @TempDir
    Path dir;

    @Nested
    class FromAFile {
        @Test
        void readsTheFileAfreshOnEveryCall() throws IOException {
            Path file = Files.writeString(dir.resolve("token"), "first.jwt.token");
            WebIdentityTokenSource source = WebIdentityTokenSource.fromFile(file);
            assertThat(source.token()).isEqualTo("first.jwt.token");

            Files.writeString(file, "second.jwt.token");

            assertThat(source.token()).isEqualTo("second.jwt.token");
        }

        @Test
        void followsTheKubeletsSymlinkSwap() throws IOException {
            Path first = Files.writeString(dir.resolve("..2026_11_23_10_00_00"), "first.jwt.token");
            Path second = Files.writeString(dir.resolve("..2026_11_23_11_00_00"), "second.jwt.token");
            Path link = Files.createSymbolicLink(dir.resolve("token"), first.getFileName());
            WebIdentityTokenSource source = WebIdentityTokenSource.fromFile(link);
            assertThat(source.token()).isEqualTo("first.jwt.token");

            Files.delete(link);
            Files.createSymbolicLink(link, second.getFileName());

            assertThat(source.token()).isEqualTo("second.jwt.token");
        }

        @Test
        void dropsATrailingNewlineAndSurroundingWhitespace() throws IOException {
            Path file = Files.writeString(dir.resolve("token"), "  " + TOKEN + "\r\n");

            assertThat(WebIdentityTokenSource.fromFile(file).token()).isEqualTo(TOKEN);
        }

        @Test
        void aMissingFileIsAnErrorNamingThePath() {
            Path file = dir.resolve("absent");

            assertThatThrownBy(() -> WebIdentityTokenSource.fromFile(file).token())
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_UNREADABLE))
                    .hasMessageContaining(file.toString()).hasMessageContaining("does not exist");
        }

        @Test
        void anEmptyFileIsAnErrorNamingThePath() throws IOException {
            Path file = Files.writeString(dir.resolve("token"), "\n");

            assertThatThrownBy(() -> WebIdentityTokenSource.fromFile(file).token())
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TOKEN))
                    .hasMessageContaining(file.toString()).hasMessageContaining("empty");
        }

        @Test
        void aDirectoryIsUnreadable() {
            assertThatThrownBy(() -> WebIdentityTokenSource.fromFile(dir).token())
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_UNREADABLE))
                    .hasMessageContaining(dir.toString()).hasMessageContaining("cannot be read");
        }

        @Test
        void aFileWithoutReadPermissionIsUnreadableAndItsContentIsNotShown() throws IOException {
            Path file = Files.writeString(dir.resolve("token"), TOKEN);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
            assumeThat(Files.isReadable(file)).as("the tests run as a user that permissions bind").isFalse();

            assertThatThrownBy(() -> WebIdentityTokenSource.fromFile(file).token())
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_UNREADABLE))
                    .hasMessageContaining(file.toString()).hasMessageContaining("permission denied")
                    .hasMessageNotContaining(TOKEN);
        }

        @Test
        void aFileLargerThan64KiBIsRefusedWithoutShowingIt() throws IOException {
            String huge = TOKEN + "x".repeat(WebIdentityTokenSource.MAX_TOKEN_LENGTH);
            Path file = Files.writeString(dir.resolve("token"), huge);

            assertThatThrownBy(() -> WebIdentityTokenSource.fromFile(file).token())
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TOKEN))
                    .hasMessageContaining(file.toString()).hasMessageContaining("65536 bytes")
                    .hasMessageNotContaining(TOKEN);
        }

        @Test
        void a64KiBFileIsAccepted() throws IOException {
            String largest = "y".repeat(WebIdentityTokenSource.MAX_TOKEN_LENGTH);
            Path file = Files.writeString(dir.resolve("token"), largest);

            assertThat(WebIdentityTokenSource.fromFile(file).token()).hasSize(WebIdentityTokenSource.MAX_TOKEN_LENGTH);
        }

        @Test
        void contentThatIsNotUtf8IsRefusedWithoutShowingIt() throws IOException {
            byte[] bytes = (TOKEN + "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
            Path file = Files.write(dir.resolve("token"), bytes);

            assertThatThrownBy(() -> WebIdentityTokenSource.fromFile(file).token())
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TOKEN))
                    .hasMessageContaining("not UTF-8").hasMessageNotContaining(TOKEN);
        }

        @Test
        void toStringNamesThePathOnly() throws IOException {
            Path file = Files.writeString(dir.resolve("token"), TOKEN);

            assertThat(WebIdentityTokenSource.fromFile(file)).hasToString("WebIdentityTokenSource.fromFile(" + file + ")");
        }
    }

    @Nested
    class Fixed {
        @Test
        void givesItsTokenAndHidesIt() {
            WebIdentityTokenSource source = WebIdentityTokenSource.of(TOKEN + "\n");

            assertThat(source.token()).isEqualTo(TOKEN);
            assertThat(source.toString()).doesNotContain(TOKEN).contains("***");
        }

        @Test
        void aBlankTokenIsRefused() {
            assertThatThrownBy(() -> WebIdentityTokenSource.of(" \n"))
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TOKEN));
        }
    }

    @Nested
    class FromASupplier {
        @Test
        void asksTheSupplierOnEveryCall() {
            AtomicInteger calls = new AtomicInteger();
            WebIdentityTokenSource source = WebIdentityTokenSource.from(() -> "token." + calls.incrementAndGet() + ".jwt");

            assertThat(source.token()).isEqualTo("token.1.jwt");
            assertThat(source.token()).isEqualTo("token.2.jwt");
            assertThat(source.toString()).doesNotContain("token.");
        }

        @Test
        void aNullOrBlankAnswerIsAnInvalidToken() {
            assertThatThrownBy(() -> WebIdentityTokenSource.from(() -> null).token())
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TOKEN));
            assertThatThrownBy(() -> WebIdentityTokenSource.from(() -> "\t").token())
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TOKEN));
        }

        @Test
        void aFailingSupplierMakesTheTokenUnreadableAndKeepsTheCause() {
            IllegalStateException failure = new IllegalStateException("issuer down");

            assertThatThrownBy(() -> WebIdentityTokenSource.from(() -> {
                throw failure;
            }).token()).isInstanceOfSatisfying(InvalidWebIdentityException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_UNREADABLE)).hasCause(failure);
        }

        @Test
        void aWebIdentityExceptionOfTheSupplierPassesUnchanged() {
            WebIdentityException failure = new WebIdentityUnavailableException("the vault is sealed", null, null);

            assertThatThrownBy(() -> WebIdentityTokenSource.from(() -> {
                throw failure;
            }).token()).isSameAs(failure);
        }
    }
}
