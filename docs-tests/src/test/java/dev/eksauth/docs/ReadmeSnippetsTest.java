package dev.eksauth.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README compiles against the modules. A block is the body of a
 * method; its {@code import} lines go to the top of the file, and an HTML comment
 * {@code <!-- given: Type name, Type name -->} right before the block declares what the block uses
 * without defining. The packages of eksauth and a few of the JDK's are imported already.
 */
class ReadmeSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!--\\s*given:\\s*(?<given>[^\\n]*?)\\s*-->\\s*\\n)?```java\\n(?<code>.*?)```", Pattern.DOTALL);
    private static final List<String> IMPORTS = List.of(
            "dev.eksauth.core.*", "dev.eksauth.token.*", "dev.eksauth.mapping.*", "dev.eksauth.oidc.*",
            "dev.eksauth.webidentity.*", "dev.eksauth.authz.*", "dev.eksauth.eks.*", "dev.eksauth.testkit.*", "dev.eksauth.fabric8.*", "dev.eksauth.kubernetesclient.*",
            "java.util.*", "java.nio.file.*", "java.time.*", "java.net.URI");

    record Snippet(int index, int line, String given, String code) {
    }

    static List<Snippet> snippets() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("readme", "../README.md")));
        List<Snippet> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            int line = (int) readme.substring(0, m.start("code")).chars().filter(c -> c == '\n').count() + 1;
            out.add(new Snippet(out.size() + 1, line, m.group("given") == null ? "" : m.group("given"), m.group("code")));
        }
        return out;
    }

    @Test
    void theReadmeHasJavaSnippets() throws IOException {
        assertThat(snippets()).hasSizeGreaterThanOrEqualTo(5);
    }

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetCompiles(@TempDir Path out) throws IOException {
        return snippets().stream().map(s -> DynamicTest.dynamicTest("README line " + s.line(), () -> compile(s, out)));
    }

    private static void compile(Snippet snippet, Path out) throws IOException {
        StringBuilder imports = new StringBuilder();
        IMPORTS.forEach(i -> imports.append("import ").append(i).append(";\n"));
        StringBuilder body = new StringBuilder();
        for (String line : snippet.code().split("\n", -1)) {
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else {
                body.append(line).append('\n');
            }
        }
        String name = "Snippet" + snippet.index();
        String source = imports + "\nclass " + name + " {\n  @SuppressWarnings(\"unused\")\n  void run("
                + snippet.given() + ") throws Exception {\n" + body + "  }\n}\n";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        Path classes = Files.createDirectories(out.resolve(name));
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            boolean ok = compiler.getTask(diagnostics, files, null,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "-proc:none"),
                    null, List.of(file)).call();
            assertThat(ok).as("README snippet at line %d does not compile:%n%s%n%s", snippet.line(), diagnostics, source)
                    .isTrue();
        }
    }
}
