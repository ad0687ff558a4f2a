package dev.eksauth.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.AwsAuthProblem;
import dev.eksauth.mapping.MappingException;

/** Reading aws-auth files for commands. Not public API. */
final class AwsAuthFiles {
    private AwsAuthFiles() {
    }

    /**
     * Reads an aws-auth ConfigMap file and reports its problems on standard error.
     *
     * @throws CliException with {@link ExitCode#INPUT} when the file cannot be read as a ConfigMap
     */
    static AwsAuth read(Path file, PrintStream err, String command) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.INPUT, "no aws-auth file " + file);
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, "cannot read aws-auth file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        AwsAuth awsAuth;
        try {
            awsAuth = AwsAuth.parseConfigMap(text);
        } catch (MappingException e) {
            throw new CliException(ExitCode.INPUT, "bad aws-auth file " + file + ": " + e.getMessage());
        }
        report(awsAuth, file, err, command);
        return awsAuth;
    }

    /** Writes each problem of an aws-auth as one line on standard error. */
    static void report(AwsAuth awsAuth, Path file, PrintStream err, String command) {
        for (AwsAuthProblem problem : awsAuth.problems()) {
            err.println(command + ": " + file + ": " + problem);
        }
    }
}
