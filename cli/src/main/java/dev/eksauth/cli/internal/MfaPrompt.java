package dev.eksauth.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.eksauth.token.ExecCredential;
import dev.eksauth.token.MfaCodeSource;

/**
 * Asks the user for an MFA code as the AWS CLI does ({@code Enter MFA code for SERIAL: } on
 * standard error), and reads one line: from standard input when kubectl says it passed on its
 * terminal ({@code spec.interactive} of {@code KUBERNETES_EXEC_INFO}, which kubectl sets with
 * {@code interactiveMode: IfAvailable} or {@code Always}), from the terminal when eksauth runs
 * outside kubectl. Without either it fails with a message that says how to get a terminal; so does
 * an empty answer. Not thread-safe (one command asks once). Not public API.
 */
final class MfaPrompt implements MfaCodeSource {
    private static final int MAX_ANSWER = 64;

    private final Console console;
    private final ExecCredential.Request request;

    MfaPrompt(Console console, ExecCredential.Request request) {
        this.console = console;
        this.request = request;
    }

    @Override
    public String mfaCode(String serialNumber) {
        Optional<InputStream> answers;
        if (console.env(ExecCredential.EXEC_INFO_VARIABLE) != null) {
            answers = request.interactive() ? Optional.of(console.in()) : Optional.empty();
        } else {
            answers = console.terminal();
        }
        if (answers.isEmpty()) {
            throw new CliException(ExitCode.NO_CREDENTIALS, "the role needs an MFA code for " + serialNumber
                    + ", and there is no terminal to ask for it: set 'interactiveMode: IfAvailable' in the"
                    + " kubeconfig's exec stanza, or run 'eksauth token' once in a terminal (the credential"
                    + " cache keeps the session for later runs)");
        }
        console.err().print("Enter MFA code for " + serialNumber + ": ");
        console.err().flush();
        String answer = line(answers.get()).strip();
        if (answer.isEmpty()) {
            throw new CliException(ExitCode.NO_CREDENTIALS, "no MFA code was entered for " + serialNumber);
        }
        return answer;
    }

    /** One line, without its end, read a byte at a time so that nothing after it is consumed. */
    private static String line(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0 && b != '\n' && line.size() <= MAX_ANSWER; b = in.read()) {
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MFA code", e);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
