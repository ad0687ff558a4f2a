package dev.eksauth.build;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import picocli.CommandLine;

class ClassFileUpgradeTest {

    @TempDir Path dir;

    // --- Generated Java 5 classes ---

    @Test
    void aJava5ClassWithBranchesAndLoopsIsRetargetedToJava8AndVerifiesAndRuns() throws Exception {
        Path jar = writeJar(dir.resolve("shapes.jar"),
                deflated("gen/Shape.class", shape("gen/Shape", "java/lang/Object", 0)),
                deflated("gen/Triangle.class", shape("gen/Triangle", "gen/Shape", 3)),
                deflated("gen/Square.class", shape("gen/Square", "gen/Shape", 4)),
                deflated("gen/Loops.class", loops()));

        Map<String, Integer> counts = ClassFileUpgrade.upgrade(jar, ClassFileUpgrade.JAVA_6);

        assertThat(counts).containsExactly(Map.entry("gen", 4));
        assertThat(majorVersions(jar)).containsOnly(52);
        // Major 52 has no fall back to the old verifier: these load only with correct frames, and the
        // merges of Triangle with Square (read from the jar) and ArrayList with LinkedList (read from
        // the JDK) must give Shape and AbstractList for the calls after them to verify.
        try (URLClassLoader loader = isolatedLoader(jar)) {
            Class<?> loops = Class.forName("gen.Loops", true, loader);
            assertThat(loops.getMethod("sumOfSides", int.class).invoke(null, 5)).isEqualTo(3 + 4 + 3 + 4 + 3);
            assertThat(loops.getMethod("sizeAfterAdd", int.class).invoke(null, 1)).isEqualTo(1);
            assertThat(loops.getMethod("sizeAfterAdd", int.class).invoke(null, 0)).isEqualTo(1);
        }
    }

    // --- The real picocli jar ---

    @Test
    void everyPicocliClassIsAtLeastJava6AndLoadsAndInitializesAfterTheUpgrade() throws Exception {
        Path jar = upgradedPicocli();

        assertThat(majorVersions(jar)).allSatisfy(major -> assertThat(major).isGreaterThanOrEqualTo(50));
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        try (URLClassLoader loader = isolatedLoader(jar); ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                // The only entry left out: META-INF/versions/9/module-info.class is a module
                // descriptor, not a class that can be loaded, and was major 53 before the upgrade.
                if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try {
                    Class.forName(className, true, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    failures.add(className + ": " + e);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(loaded).isGreaterThan(200);
    }

    @Test
    void aPicocliCommandParsesThroughTheUpgradedClasses() throws Exception {
        Path jar = upgradedPicocli();

        try (URLClassLoader loader = isolatedLoader(jar)) {
            Class<?> commandLine = Class.forName("picocli.CommandLine", true, loader);
            assertThat(commandLine).isNotSameAs(CommandLine.class);
            Class<?> commandSpec = loader.loadClass("picocli.CommandLine$Model$CommandSpec");
            Class<?> optionSpec = loader.loadClass("picocli.CommandLine$Model$OptionSpec");

            Object option = call(optionSpec, null, "builder", new Class<?>[] {String[].class},
                    (Object) new String[] {"--count", "-c"});
            call(option.getClass(), option, "type", new Class<?>[] {Class.class}, int.class);
            option = call(option.getClass(), option, "build", new Class<?>[0]);
            Object spec = call(commandSpec, null, "create", new Class<?>[0]);
            call(commandSpec, spec, "addOption", new Class<?>[] {optionSpec}, option);
            Object parser = commandLine.getConstructor(Object.class).newInstance(spec);
            Object result = call(commandLine, parser, "parseArgs", new Class<?>[] {String[].class},
                    (Object) new String[] {"-c", "42"});

            assertThat(call(result.getClass(), result, "matchedOptionValue",
                    new Class<?>[] {String.class, Object.class}, "--count", 0)).isEqualTo(42);
        }
    }

    // --- Other entries ---

    @Test
    void entriesOtherThanOldClassFilesAreCopiedByteForByteWithTheirNamesOrderTimesAndMethods()
            throws Exception {
        FileTime longAgo = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
        Entry notes = deflated("gen/notes.txt", "notes\n".repeat(100).getBytes(UTF_8));
        notes.zipEntry().setLastModifiedTime(longAgo);
        notes.zipEntry().setComment("a comment");
        Path jar = writeJar(dir.resolve("mixed.jar"),
                stored("META-INF/", new byte[0]),
                deflated("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n".getBytes(UTF_8)),
                deflated("gen/Old.class", shape("gen/Old", "java/lang/Object", 1)),
                stored("gen/Current.class", shape("gen/Current", "java/lang/Object", 2, Opcodes.V1_8)),
                stored("gen/data.bin", new byte[] {0, 1, 2, (byte) 0xca, (byte) 0xfe}),
                notes,
                stored("META-INF/versions/9/gen/Old.class", shape("gen/Old", "java/lang/Object", 9)));
        Map<String, ZipEntry> before = entries(jar);
        Map<String, byte[]> contentBefore = contents(jar);

        Map<String, Integer> counts = ClassFileUpgrade.upgrade(jar, ClassFileUpgrade.JAVA_6);

        assertThat(counts).containsExactly(Map.entry("gen", 2));
        Map<String, ZipEntry> after = entries(jar);
        Map<String, byte[]> contentAfter = contents(jar);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        for (String name : before.keySet()) {
            ZipEntry was = before.get(name);
            ZipEntry is = after.get(name);
            assertThat(is.getMethod()).as(name).isEqualTo(was.getMethod());
            assertThat(is.getTime()).as(name).isEqualTo(was.getTime());
            assertThat(is.getLastModifiedTime()).as(name).isEqualTo(was.getLastModifiedTime());
            assertThat(is.getComment()).as(name).isEqualTo(was.getComment());
            if (name.endsWith("Old.class")) {
                assertThat(major(contentAfter.get(name))).as(name).isEqualTo(52);
            } else {
                assertThat(contentAfter.get(name)).as(name).isEqualTo(contentBefore.get(name));
            }
        }
        assertThat(after.get("gen/notes.txt").getLastModifiedTime()).isEqualTo(longAgo);
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            assertThat(in.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
        }
    }

    @Test
    void aJarWithoutOldClassFilesIsNotRewritten() throws Exception {
        Path jar = writeJar(dir.resolve("current.jar"),
                deflated("gen/Current.class", shape("gen/Current", "java/lang/Object", 2, Opcodes.V1_8)));
        FileTime modified = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(jar, modified);
        byte[] bytes = Files.readAllBytes(jar);

        Map<String, Integer> counts = ClassFileUpgrade.upgrade(jar, ClassFileUpgrade.JAVA_6);

        assertThat(counts).isEmpty();
        assertThat(ClassFileUpgrade.summary(jar, counts))
                .isEqualTo("current.jar: no class files to re-target; left as it was");
        assertThat(Files.readAllBytes(jar)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(jar)).isEqualTo(modified);
        assertThat(filesIn(dir)).containsExactly("current.jar");
    }

    // --- Summary and arguments ---

    @Test
    void theSummaryCountsClassFilesPerTopLevelPackage() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("picocli", 228);
        counts.put("org.slf4j", 37);
        counts.put("com.nimbusds", 4);

        assertThat(ClassFileUpgrade.summary(Path.of("target", "eksauth.jar"), counts)).isEqualTo(
                "eksauth.jar: re-targeted 269 class files to Java 8 (picocli 228, org.slf4j 37, com.nimbusds 4)");
        assertThat(ClassFileUpgrade.topLevelPackage("picocli/CommandLine$Help.class")).isEqualTo("picocli");
        assertThat(ClassFileUpgrade.topLevelPackage("META-INF/versions/9/org/slf4j/impl/X.class"))
                .isEqualTo("org.slf4j");
        assertThat(ClassFileUpgrade.topLevelPackage("com/nimbusds/jose/shaded/jcip/Immutable.class"))
                .isEqualTo("com.nimbusds");
    }

    @Test
    void mainUpgradesTheJarAndPrintsOneSummaryLine() throws Exception {
        Path jar = writeJar(dir.resolve("one.jar"),
                deflated("org/example/a/Old.class", shape("org/example/a/Old", "java/lang/Object", 1)));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, UTF_8));
        try {
            ClassFileUpgrade.main(new String[] {jar.toString()});
        } finally {
            System.setOut(stdout);
        }

        assertThat(printed.toString(UTF_8))
                .isEqualTo("one.jar: re-targeted 1 class file to Java 8 (org.example 1)" + System.lineSeparator());
        assertThat(majorVersions(jar)).containsOnly(52);
    }

    @Test
    void mainRefusesMissingArgumentsAndAMinimumAboveJava8() {
        assertThatThrownBy(() -> ClassFileUpgrade.main(new String[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage: ClassFileUpgrade JAR");
        assertThatThrownBy(() -> ClassFileUpgrade.main(new String[] {"x.jar", "fifty"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fifty");
        assertThatThrownBy(() -> ClassFileUpgrade.main(new String[] {"x.jar", "53"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("53");
    }

    // --- Errors ---

    @Test
    void aFileThatIsNotAZipFailsNamingTheJarAndIsLeftUntouched() throws Exception {
        Path jar = dir.resolve("text.jar");
        Files.writeString(jar, "not a zip file");

        assertThatThrownBy(() -> ClassFileUpgrade.upgrade(jar, ClassFileUpgrade.JAVA_6))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(jar + ": not a zip file");
        assertThat(Files.readString(jar)).isEqualTo("not a zip file");
        assertThat(filesIn(dir)).containsExactly("text.jar");
    }

    @Test
    void aCorruptClassFileFailsNamingTheEntryAndLeavesTheJarUntouched() throws Exception {
        byte[] corrupt = Arrays.copyOf(shape("gen/Broken", "java/lang/Object", 1), 40);
        Path jar = writeJar(dir.resolve("corrupt.jar"),
                deflated("gen/Good.class", shape("gen/Good", "java/lang/Object", 1)),
                deflated("gen/Broken.class", corrupt));
        byte[] bytes = Files.readAllBytes(jar);

        assertThatThrownBy(() -> ClassFileUpgrade.upgrade(jar, ClassFileUpgrade.JAVA_6))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(jar + ": gen/Broken.class: not a valid class file");
        assertThat(Files.readAllBytes(jar)).isEqualTo(bytes);
        assertThat(filesIn(dir)).containsExactly("corrupt.jar");
    }

    @Test
    void aClassEntryWithoutTheClassFileHeaderFailsNamingTheEntry() throws Exception {
        Path jar = writeJar(dir.resolve("fake.jar"), deflated("gen/Fake.class", "hello".getBytes(UTF_8)));

        assertThatThrownBy(() -> ClassFileUpgrade.upgrade(jar, ClassFileUpgrade.JAVA_6))
                .isInstanceOf(IOException.class)
                .hasMessage(jar + ": gen/Fake.class: not a class file (no 0xCAFEBABE header)");
        assertThat(filesIn(dir)).containsExactly("fake.jar");
    }

    @Test
    void aMethodUsingJsrFailsNamingTheClassAndMethod() throws Exception {
        Path jar = writeJar(dir.resolve("jsr.jar"), deflated("gen/Jsr.class", withJsr()));

        assertThatThrownBy(() -> ClassFileUpgrade.upgrade(jar, ClassFileUpgrade.JAVA_6))
                .isInstanceOf(IOException.class)
                .hasMessage(jar + ": gen/Jsr.class: cannot re-target to Java 8: method run()V uses JSR,"
                        + " which Java 8 class files may not");
        assertThat(filesIn(dir)).containsExactly("jsr.jar");
    }

    @Test
    void aMergeNeedingATypeInNeitherTheJarNorTheJdkFailsNamingIt() throws Exception {
        Path jar = writeJar(dir.resolve("partial.jar"),
                deflated("gen/Triangle.class", shape("gen/Triangle", "gen/Shape", 3)),
                deflated("gen/Square.class", shape("gen/Square", "gen/Shape", 4)),
                deflated("gen/Loops.class", loops()));

        assertThatThrownBy(() -> ClassFileUpgrade.upgrade(jar, ClassFileUpgrade.JAVA_6))
                .isInstanceOf(IOException.class)
                .hasMessage(jar + ": gen/Loops.class: cannot re-target to Java 8: its frames need gen/Shape,"
                        + " found neither in the jar nor in the JDK");
    }

    @Test
    void aSignedJarWithOldClassFilesIsRefused() throws Exception {
        Path jar = writeJar(dir.resolve("signed.jar"),
                deflated("META-INF/SIGNER.SF", "Signature-Version: 1.0\r\n".getBytes(UTF_8)),
                deflated("gen/Old.class", shape("gen/Old", "java/lang/Object", 1)));

        assertThatThrownBy(() -> ClassFileUpgrade.upgrade(jar, ClassFileUpgrade.JAVA_6))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("gen/Old.class: the jar is signed");
    }

    // --- Helpers ---

    private Path upgradedPicocli() throws Exception {
        Path picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = Files.copy(picocli, dir.resolve("picocli.jar"));
        assertThat(majorVersions(jar)).contains(49);
        Map<String, Integer> counts = ClassFileUpgrade.upgrade(jar, ClassFileUpgrade.JAVA_6);
        assertThat(counts).containsOnlyKeys("picocli");
        assertThat(counts.get("picocli")).isGreaterThan(200);
        return jar;
    }

    /** Loads only from the jar and the JDK, not from the test class path's picocli. */
    private static URLClassLoader isolatedLoader(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static Object call(Class<?> type, Object target, String name, Class<?>[] parameters,
            Object... args) throws Exception {
        Method method = type.getMethod(name, parameters);
        // Some public methods are declared by package-private classes, as ArgSpec.Builder.type.
        method.setAccessible(true);
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    /** A class with a constructor and {@code int sides()} returning {@code sides}, at Java 5. */
    private static byte[] shape(String name, String superName, int sides) {
        return shape(name, superName, sides, Opcodes.V1_5);
    }

    private static byte[] shape(String name, String superName, int sides, int version) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(version, ACC_PUBLIC | ACC_SUPER, name, null, superName, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor sidesMethod = cw.visitMethod(ACC_PUBLIC, "sides", "()I", null, null);
        sidesMethod.visitCode();
        sidesMethod.visitIntInsn(Opcodes.BIPUSH, sides);
        sidesMethod.visitInsn(Opcodes.IRETURN);
        sidesMethod.visitMaxs(0, 0);
        sidesMethod.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code gen.Loops} at Java 5, as javac would compile:
     * <pre>
     * static int sumOfSides(int n) {
     *   int total = 0;
     *   for (int i = 0; i &lt; n; i++) {
     *     Shape s;
     *     if (i % 2 == 0) s = new Triangle(); else s = new Square();
     *     total += s.sides();
     *   }
     *   return total;
     * }
     * static int sizeAfterAdd(int n) {
     *   AbstractCollection c;
     *   if (n &gt; 0) c = new ArrayList(); else c = new LinkedList();
     *   c.add("x");
     *   return c.size();
     * }
     * </pre>
     */
    private static byte[] loops() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_5, ACC_PUBLIC | ACC_SUPER, "gen/Loops", null, "java/lang/Object", null);

        MethodVisitor sum = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "sumOfSides", "(I)I", null, null);
        sum.visitCode();
        Label loop = new Label();
        Label odd = new Label();
        Label join = new Label();
        Label end = new Label();
        sum.visitInsn(Opcodes.ICONST_0);
        sum.visitVarInsn(Opcodes.ISTORE, 1);
        sum.visitInsn(Opcodes.ICONST_0);
        sum.visitVarInsn(Opcodes.ISTORE, 2);
        sum.visitLabel(loop);
        sum.visitVarInsn(Opcodes.ILOAD, 2);
        sum.visitVarInsn(Opcodes.ILOAD, 0);
        sum.visitJumpInsn(Opcodes.IF_ICMPGE, end);
        sum.visitVarInsn(Opcodes.ILOAD, 2);
        sum.visitInsn(Opcodes.ICONST_2);
        sum.visitInsn(Opcodes.IREM);
        sum.visitJumpInsn(Opcodes.IFNE, odd);
        newInstance(sum, "gen/Triangle");
        sum.visitVarInsn(Opcodes.ASTORE, 3);
        sum.visitJumpInsn(Opcodes.GOTO, join);
        sum.visitLabel(odd);
        newInstance(sum, "gen/Square");
        sum.visitVarInsn(Opcodes.ASTORE, 3);
        sum.visitLabel(join);
        sum.visitVarInsn(Opcodes.ILOAD, 1);
        sum.visitVarInsn(Opcodes.ALOAD, 3);
        sum.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "gen/Shape", "sides", "()I", false);
        sum.visitInsn(Opcodes.IADD);
        sum.visitVarInsn(Opcodes.ISTORE, 1);
        sum.visitIincInsn(2, 1);
        sum.visitJumpInsn(Opcodes.GOTO, loop);
        sum.visitLabel(end);
        sum.visitVarInsn(Opcodes.ILOAD, 1);
        sum.visitInsn(Opcodes.IRETURN);
        sum.visitMaxs(0, 0);
        sum.visitEnd();

        MethodVisitor size = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "sizeAfterAdd", "(I)I", null, null);
        size.visitCode();
        Label empty = new Label();
        Label added = new Label();
        size.visitVarInsn(Opcodes.ILOAD, 0);
        size.visitJumpInsn(Opcodes.IFLE, empty);
        newInstance(size, "java/util/ArrayList");
        size.visitVarInsn(Opcodes.ASTORE, 1);
        size.visitJumpInsn(Opcodes.GOTO, added);
        size.visitLabel(empty);
        newInstance(size, "java/util/LinkedList");
        size.visitVarInsn(Opcodes.ASTORE, 1);
        size.visitLabel(added);
        size.visitVarInsn(Opcodes.ALOAD, 1);
        size.visitLdcInsn("x");
        size.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/AbstractCollection", "add",
                "(Ljava/lang/Object;)Z", false);
        size.visitInsn(Opcodes.POP);
        size.visitVarInsn(Opcodes.ALOAD, 1);
        size.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/AbstractCollection", "size", "()I", false);
        size.visitInsn(Opcodes.IRETURN);
        size.visitMaxs(0, 0);
        size.visitEnd();

        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void newInstance(MethodVisitor method, String type) {
        method.visitTypeInsn(Opcodes.NEW, type);
        method.visitInsn(Opcodes.DUP);
        method.visitMethodInsn(Opcodes.INVOKESPECIAL, type, "<init>", "()V", false);
    }

    /** {@code gen.Jsr} at Java 5 with {@code static void run()} calling a subroutine, as old javac's finally. */
    private static byte[] withJsr() {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V1_5, ACC_PUBLIC | ACC_SUPER, "gen/Jsr", null, "java/lang/Object", null);
        MethodVisitor run = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "()V", null, null);
        run.visitCode();
        Label subroutine = new Label();
        run.visitJumpInsn(Opcodes.JSR, subroutine);
        run.visitInsn(Opcodes.RETURN);
        run.visitLabel(subroutine);
        run.visitVarInsn(Opcodes.ASTORE, 0);
        run.visitVarInsn(Opcodes.RET, 0);
        run.visitMaxs(1, 1);
        run.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** A zip entry to write and its content. */
    private record Entry(ZipEntry zipEntry, byte[] content) {}

    private static Entry deflated(String name, byte[] content) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.DEFLATED);
        entry.setTime(Instant.parse("2010-06-07T08:09:10Z").toEpochMilli());
        return new Entry(entry, content);
    }

    private static Entry stored(String name, byte[] content) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setTime(Instant.parse("2012-03-04T05:06:08Z").toEpochMilli());
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        return new Entry(entry, content);
    }

    private static Path writeJar(Path jar, Entry... entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Entry entry : entries) {
                out.putNextEntry(entry.zipEntry());
                out.write(entry.content());
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Map<String, ZipEntry> entries(Path jar) throws IOException {
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Collections.list(zip.entries()).forEach(entry -> entries.put(entry.getName(), entry));
        }
        return entries;
    }

    private static Map<String, byte[]> contents(Path jar) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                contents.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return contents;
    }

    private static List<Integer> majorVersions(Path jar) throws IOException {
        List<Integer> majors = new ArrayList<>();
        contents(jar).forEach((name, bytes) -> {
            if (name.endsWith(".class")) {
                majors.add(major(bytes));
            }
        });
        return majors;
    }

    private static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
