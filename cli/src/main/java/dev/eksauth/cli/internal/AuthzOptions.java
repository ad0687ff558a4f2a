package dev.eksauth.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.authz.AuthzException;
import dev.eksauth.authz.AuthzProblem;
import dev.eksauth.authz.Authorizer;
import dev.eksauth.authz.KubernetesDefaults;
import dev.eksauth.authz.PrincipalMapping;
import dev.eksauth.authz.RbacObjects;
import dev.eksauth.core.Principal;
import dev.eksauth.core.UsernameTemplate;
import dev.eksauth.mapping.AwsAuthConfig;
import dev.eksauth.mapping.RoleArnMatching;
import dev.eksauth.mapping.RoleMapping;
import dev.eksauth.mapping.UserMapping;
import picocli.CommandLine.Option;

/** The inputs of can-i, who-can and rbac-audit: RBAC manifests, defaults, aws-auth and access entries. Not public API. */
final class AuthzOptions {
    @Option(names = "--rbac", required = true, arity = "1..*", paramLabel = "PATH",
            description = "RBAC manifests: YAML or JSON files, or directories of them (repeatable).")
    List<Path> rbac = new ArrayList<>();

    @Option(names = "--with-defaults",
            description = "Add the default roles and bindings of Kubernetes " + KubernetesDefaults.VERSION
                    + " (cluster-admin, admin, edit, view, the discovery roles).")
    boolean withDefaults;

    @Option(names = "--aws-auth", paramLabel = "FILE", description = "The aws-auth ConfigMap (YAML or JSON).")
    Path awsAuth;

    @Option(names = "--access-entries", paramLabel = "FILE",
            description = "EKS access entries as JSON ({\"accessEntries\": [...]}); the cluster is taken to be in "
                    + "API_AND_CONFIG_MAP mode: a principal with an entry is mapped by it, never by aws-auth.")
    Path accessEntries;

    @Option(names = "--role-arn-matching", paramLabel = "READING", defaultValue = "strict-as-eks",
            converter = RoleArnMatchingConverter.class,
            description = "How aws-auth rolearn entries written with a path match: strict-as-eks (default: as EKS, they "
                    + "match no session) or lenient (they match the path-less role, as eksauth's mapper does).")
    RoleArnMatching roleArnMatching;

    /** Reads the RBAC objects (and the defaults) and reports their problems. */
    RbacObjects rbac(PrintStream err, String command) {
        RbacObjects objects;
        try {
            objects = RbacObjects.read(rbac);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.INPUT, "no such RBAC file or directory " + e.getFile());
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, "cannot read RBAC manifests (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        report(objects.problems(), err, command, "");
        return withDefaults ? KubernetesDefaults.rbac().plus(objects) : objects;
    }

    /** Reads the access entries, if given, and reports their problems. */
    AccessEntries accessEntries(PrintStream err, String command) {
        if (accessEntries == null) {
            return AccessEntries.empty();
        }
        AccessEntries entries;
        try {
            entries = AccessEntries.fromJson(Files.readString(accessEntries, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.INPUT, "no access-entries file " + accessEntries);
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, "cannot read access-entries file " + accessEntries + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (AuthzException e) {
            throw new CliException(ExitCode.INPUT, "bad access-entries file " + accessEntries + ": " + e.getMessage());
        }
        report(entries.problems(), err, command, accessEntries + ": ");
        return entries;
    }

    /** Reads aws-auth, if given, and reports its problems. */
    Optional<AwsAuthConfig> awsAuth(PrintStream err, String command) {
        return awsAuth == null ? Optional.empty() : Optional.of(AwsAuthFiles.read(awsAuth, err, "eksauth " + command).config());
    }

    /** Everything given, read once. */
    record Inputs(RbacObjects rbac, AccessEntries accessEntries, Optional<AwsAuthConfig> awsAuth) {
    }

    /** Reads every input and reports the problems in them on standard error. */
    Inputs read(PrintStream err, String command) {
        return new Inputs(rbac(err, command), accessEntries(err, command), awsAuth(err, command));
    }

    /** An authorizer of the inputs; aws-auth's entries become principal mappings for who-can. */
    Authorizer authorizer(Inputs inputs) {
        return Authorizer.builder()
                .rbac(inputs.rbac())
                .accessEntries(inputs.accessEntries())
                .principalMappings(inputs.awsAuth().map(c -> principalMappings(c, roleArnMatching)).orElse(List.of()))
                .build();
    }

    /**
     * aws-auth's entries as principal mappings: role and user ARNs as written, SSO permission sets as
     * patterns, mapped accounts as {@code arn:*:iam::ACCOUNT:*} with the principal's ARN as username.
     * A role written with a path is left out under {@link RoleArnMatching#STRICT_AS_EKS}: no session
     * becomes it.
     */
    static List<PrincipalMapping> principalMappings(AwsAuthConfig config, RoleArnMatching matching) {
        List<PrincipalMapping> out = new ArrayList<>();
        for (int i = 0; i < config.roles().size(); i++) {
            RoleMapping role = config.roles().get(i);
            if (matching == RoleArnMatching.STRICT_AS_EKS
                    && role.roleArn().filter(arn -> !Principal.of(arn).path().isEmpty()).isPresent()) {
                continue;
            }
            String principal = role.roleArn().map(Object::toString).orElseGet(() -> {
                var sso = role.sso().orElseThrow();
                return "arn:" + sso.partition().id() + ":iam::" + sso.accountId() + ":role/*AWSReservedSSO_"
                        + sso.permissionSetName() + "_*";
            });
            out.add(mapping(principal, role.username(), role.groups(), "mapRoles[" + i + "]"));
        }
        for (int i = 0; i < config.users().size(); i++) {
            UserMapping user = config.users().get(i);
            out.add(mapping(user.userArn().toString(), user.username(), user.groups(), "mapUsers[" + i + "]"));
        }
        for (String account : config.accounts()) {
            out.add(new PrincipalMapping("arn:*:iam::" + account + ":*", "arn:{{Partition}}:iam::" + account + ":{{Resource}}",
                    List.of(), "mapAccounts"));
        }
        return out;
    }

    private static PrincipalMapping mapping(String principal, UsernameTemplate username, List<UsernameTemplate> groups,
            String source) {
        return new PrincipalMapping(principal, username.text(), groups.stream().map(UsernameTemplate::text).toList(), source);
    }

    private static void report(List<AuthzProblem> problems, PrintStream err, String command, String prefix) {
        for (AuthzProblem problem : problems) {
            err.println("eksauth " + command + ": " + prefix + problem);
        }
    }

    /** Reads strict-as-eks and lenient. */
    static final class RoleArnMatchingConverter implements picocli.CommandLine.ITypeConverter<RoleArnMatching> {
        @Override
        public RoleArnMatching convert(String value) {
            switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "strict-as-eks":
                    return RoleArnMatching.STRICT_AS_EKS;
                case "lenient":
                    return RoleArnMatching.LENIENT;
                default:
                    throw new picocli.CommandLine.TypeConversionException("expected strict-as-eks or lenient, got '" + value + "'");
            }
        }
    }
}
