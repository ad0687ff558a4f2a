package dev.eksauth.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Parses the command line and runs one command. Only the command that is asked for is wired into
 * picocli, as the top command (a start-up cost saving for {@code eksauth token}, which kubectl runs
 * often); the usage of {@code eksauth} alone lists them all. Not public API.
 */
public final class Cli {
    /** The commands, in the order the usage lists them. */
    static final List<String> COMMANDS = List.of("token", "verify", "map", "can-i", "who-can", "rbac-audit", "oidc-verify", "serve", "fake-sts", "kubeconfig", "access-entries", "migrate-aws-auth", "demo");

    private Cli() {
    }

    /**
     * Runs a command line.
     *
     * @param args the arguments, the command's name first
     * @param console the environment, streams and clock the command uses
     * @return the exit code, one of {@link ExitCode}
     */
    public static int run(String[] args, Console console) {
        CommandLine top;
        String[] rest;
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            // The command asked for runs as the top command, named "eksauth NAME": picocli then
            // reads the annotations of that one class only.
            top = toCommandLine(command(args[0], console)).setCommandName("eksauth " + args[0]);
            rest = Arrays.copyOfRange(args, 1, args.length);
        } else {
            top = new CommandLine(new Root());
            for (String name : COMMANDS) {
                top.addSubcommand(name, command(name, console));
            }
            rest = args;
        }
        PrintWriter out = new PrintWriter(console.out(), true);
        PrintWriter err = new PrintWriter(console.err(), true);
        top.setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, err))
                .setParameterExceptionHandler(Cli::usageError);
        int code = top.execute(rest);
        out.flush();
        err.flush();
        return code;
    }

    private static CommandLine toCommandLine(Object command) {
        return command instanceof CommandLine commandLine ? commandLine : new CommandLine(command);
    }

    /** A new command object; a switch, so that only the command asked for is loaded. */
    private static Object command(String name, Console console) {
        switch (name) {
            case "token":
                return new TokenCommand(console).spec();
            case "verify":
                return new VerifyCommand(console);
            case "map":
                return new MapCommand(console);
            case "can-i":
                return new CanICommand(console);
            case "who-can":
                return new WhoCanCommand(console);
            case "rbac-audit":
                return new RbacAuditCommand(console);
            case "oidc-verify":
                return new OidcVerifyCommand(console);
            case "serve":
                return new ServeCommand(console);
            case "fake-sts":
                return new FakeStsCommand(console);
            case "kubeconfig":
                return new KubeconfigCommand(console);
            case "access-entries":
                return new CommandLine(new AccessEntriesCommand()).addSubcommand("export", new AccessEntriesExportCommand(console));
            case "migrate-aws-auth":
                return new MigrateAwsAuthCommand(console);
            case "demo":
                return new DemoCommand(console);
            default:
                throw new IllegalArgumentException("no command " + name);
        }
    }

    private static int failure(Exception e, CommandLine command, PrintWriter err) {
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof CliException cli) {
            err.println(name + ": " + Redaction.redact(cli.getMessage()));
            return cli.exitCode();
        }
        err.println(name + ": internal error: " + e.getClass().getName() + ": " + Redaction.redact(String.valueOf(e.getMessage())));
        return ExitCode.INTERNAL;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + Redaction.redact(e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for more information.");
        return ExitCode.USAGE;
    }

    /** The {@code eksauth} command itself: it only lists the others. */
    @Command(name = "eksauth", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Amazon EKS authentication: tokens for kubectl, token verification, aws-auth mapping, "
                    + "offline authorization (can-i, who-can, rbac-audit), OIDC token verification and a TokenReview webhook.",
            footerHeading = "%n", footer = "Run 'eksauth COMMAND --help' for a command's options.")
    static final class Root implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        ExitCodes exitCodes;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
        }
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"eksauth " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
