package dev.eksauth.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Re-targets a jar's class files older than Java 6 to Java 8, so that the JVM's class-data sharing
 * archive and AOT cache can hold them: neither takes class files below major version 50, which
 * are then loaded and verified again by every new JVM.
 *
 * <p>{@code ClassFileUpgrade JAR [MIN_MAJOR]} rewrites JAR in place. Every {@code .class} entry,
 * those under {@code META-INF/versions/N/} included, whose major version is below MIN_MAJOR (50
 * unless given; at most 52) is written again at major version 52 with stack map frames computed
 * by ASM; its bytecode is otherwise the same. Every other entry keeps its content, name, position,
 * time, extra fields, comment and compression method; only compressed bytes may differ, as
 * {@code java.util.zip} deflates them again. The new jar is written to a temporary file beside
 * JAR and moved over it, so JAR is either upgraded whole or left as it was; a jar with nothing to
 * re-target is not written. One summary line, the number of class files re-targeted per top-level
 * package, goes to standard output.
 *
 * <p>Frames need the common super class of two types. It is found by reading class files, never
 * by loading classes: those of the jar itself, and the JDK's from the running JDK. As ASM does, a
 * merge with an interface gives {@code java/lang/Object}. Methods using JSR or RET, which class
 * files from Java 7 on may not contain, are not inlined: such a class is an error.
 *
 * <p>Errors: a JAR that is not a readable zip, a corrupt class file, a signed jar, a class that
 * uses JSR or RET or whose frames need a type found neither in the jar nor in the JDK: an
 * {@link IOException} whose message names the jar and the entry, with the jar left untouched.
 * {@link #main} lets it propagate: a non-zero exit from {@code java}, a failed build from
 * {@code exec:java}. Wrong arguments: {@link IllegalArgumentException}.
 *
 * <p>Thread-safety: no state is shared between runs, so jars may be upgraded concurrently; two
 * runs on the same jar must not overlap.
 */
public final class ClassFileUpgrade {

    /** Java 6: the first class file version the class-data sharing archive and AOT cache take. */
    static final int JAVA_6 = 50;

    private static final int TARGET = Opcodes.V1_8;
    private static final String VERSIONS = "META-INF/versions/";
    private static final Pattern VERSION_PREFIX = Pattern.compile("^META-INF/versions/\\d+/");
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|DSA|RSA|EC)");

    private final Path jar;
    private final ZipFile zip;
    /** Class file entries by internal class name; a base entry wins over versioned ones. */
    private final Map<String, ZipEntry> classes = new HashMap<>();
    private final Map<String, TypeInfo> types = new HashMap<>();

    private ClassFileUpgrade(Path jar, ZipFile zip) {
        this.jar = jar;
        this.zip = zip;
    }

    /**
     * Upgrades {@code args[0]}, a jar, in place: class files below major version {@code args[1]}
     * (default 50) are re-targeted to Java 8.
     *
     * @param args {@code JAR [MIN_MAJOR]}
     * @throws IOException when the jar cannot be read, parsed or written; it is then left as it was
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: ClassFileUpgrade JAR [MIN_MAJOR]");
        }
        Path jar = Path.of(args[0]);
        int minMajor = args.length == 2 ? parseMinMajor(args[1]) : JAVA_6;
        System.out.println(summary(jar, upgrade(jar, minMajor)));
    }

    /**
     * Re-targets the class files of {@code jar} below {@code minMajor} to Java 8, in place.
     *
     * @return the number of class files re-targeted per top-level package, most first
     */
    static Map<String, Integer> upgrade(Path jar, int minMajor) throws IOException {
        if (minMajor > TARGET) {
            throw new IllegalArgumentException("MIN_MAJOR " + minMajor + " is above " + TARGET + ", Java 8");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(jar.toFile());
        } catch (ZipException e) {
            throw new IOException(jar + ": not a zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new IOException(jar + ": cannot be read: " + e, e);
        }
        Path temp = null;
        try (zip) {
            temp = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName() + ".", ".tmp");
            Map<String, Integer> counts = new ClassFileUpgrade(jar, zip).writeTo(temp, minMajor);
            if (counts.isEmpty()) {
                return counts;
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(jar, PosixFileAttributeView.class);
            if (posix != null) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(jar));
            }
            zip.close();
            Files.move(temp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return counts;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** The line {@link #main} prints. */
    static String summary(Path jar, Map<String, Integer> counts) {
        String name = String.valueOf(jar.getFileName());
        if (counts.isEmpty()) {
            return name + ": no class files to re-target; left as it was";
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder line = new StringBuilder(name).append(": re-targeted ").append(total)
                .append(total == 1 ? " class file" : " class files").append(" to Java 8 (");
        counts.forEach((pkg, count) -> line.append(pkg).append(' ').append(count).append(", "));
        line.setLength(line.length() - 2);
        return line.append(')').toString();
    }

    private Map<String, Integer> writeTo(Path temp, int minMajor) throws IOException {
        List<? extends ZipEntry> entries = Collections.list(zip.entries());
        for (ZipEntry entry : entries) {
            String name = entry.getName();
            if (name.endsWith(".class") && !entry.isDirectory()) {
                String type = VERSION_PREFIX.matcher(name).replaceFirst("").replaceFirst("\\.class$", "");
                if (name.startsWith(VERSIONS)) {
                    classes.putIfAbsent(type, entry);
                } else {
                    classes.put(type, entry);
                }
            }
        }
        boolean signed = entries.stream().anyMatch(e -> SIGNATURE.matcher(e.getName()).matches());

        Map<String, Integer> counts = new TreeMap<>();
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temp))) {
            for (ZipEntry entry : entries) {
                try {
                    if (!entry.getName().endsWith(".class") || entry.isDirectory()) {
                        out.putNextEntry(copyOf(entry));
                        try (InputStream in = zip.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                        continue;
                    }
                    byte[] bytes = read(entry);
                    if (majorVersion(entry, bytes) < minMajor) {
                        if (signed) {
                            throw new IOException(jar + ": " + entry.getName()
                                    + ": the jar is signed, and re-targeting its class files would break the signature");
                        }
                        bytes = retarget(entry, bytes);
                        counts.merge(topLevelPackage(entry.getName()), 1, Integer::sum);
                        out.putNextEntry(rewritten(entry, bytes));
                    } else {
                        out.putNextEntry(copyOf(entry));
                    }
                    out.write(bytes);
                } catch (ZipException e) {
                    throw new IOException(jar + ": " + entry.getName() + ": " + e.getMessage(), e);
                }
            }
            if (zip.getComment() != null) {
                out.setComment(zip.getComment());
            }
        }
        Map<String, Integer> mostFirst = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> mostFirst.put(e.getKey(), e.getValue()));
        return mostFirst;
    }

    private byte[] retarget(ZipEntry entry, byte[] bytes) throws IOException {
        try {
            ClassReader reader = new ClassReader(bytes);
            // Not ClassWriter(reader, flags): that copies unchanged methods as they are, without frames.
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
                @Override
                protected String getCommonSuperClass(String type1, String type2) {
                    return commonSuperClass(type1, type2);
                }
            };
            reader.accept(new Retarget(writer), ClassReader.SKIP_FRAMES);
            return writer.toByteArray();
        } catch (UncheckedIOException | Unsupported e) {
            throw new IOException(jar + ": " + entry.getName() + ": cannot re-target to Java 8: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(jar + ": " + entry.getName() + ": not a valid class file (" + e + ")", e);
        }
    }

    /** Sets the version to Java 8 and refuses JSR and RET. */
    private static final class Retarget extends ClassVisitor {
        Retarget(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            super.visit(TARGET, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            String method = name + descriptor;
            return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature,
                    exceptions)) {
                @Override
                public void visitJumpInsn(int opcode, Label label) {
                    if (opcode == Opcodes.JSR) {
                        throw new Unsupported("method " + method + " uses JSR, which Java 8 class files may not");
                    }
                    super.visitJumpInsn(opcode, label);
                }

                @Override
                public void visitVarInsn(int opcode, int varIndex) {
                    if (opcode == Opcodes.RET) {
                        throw new Unsupported("method " + method + " uses RET, which Java 8 class files may not");
                    }
                    super.visitVarInsn(opcode, varIndex);
                }
            };
        }
    }

    /** As ASM's default, but reading class files instead of loading classes. */
    private String commonSuperClass(String type1, String type2) {
        if (supertypes(type2).contains(type1)) {
            return type1;
        }
        if (supertypes(type1).contains(type2)) {
            return type2;
        }
        if (info(type1).isInterface() || info(type2).isInterface()) {
            return "java/lang/Object";
        }
        Set<String> supertypes2 = supertypes(type2);
        String type = type1;
        do {
            type = info(type).superName();
        } while (!supertypes2.contains(type));
        return type;
    }

    /** The type, its super classes and every interface they implement. */
    private Set<String> supertypes(String type) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                TypeInfo info = info(next);
                if (info.superName() != null) {
                    todo.push(info.superName());
                }
                todo.addAll(info.interfaces());
            }
        }
        return seen;
    }

    private TypeInfo info(String type) {
        TypeInfo info = types.get(type);
        if (info == null) {
            byte[] bytes = classBytes(type);
            try {
                // Only the header is read: one newer than this ASM knows is read as if it were Java 8's.
                if (major(bytes) > TARGET) {
                    bytes = bytes.clone();
                    bytes[6] = 0;
                    bytes[7] = (byte) TARGET;
                }
                ClassReader reader = new ClassReader(bytes);
                info = new TypeInfo(reader.getSuperName(), (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0,
                        List.of(reader.getInterfaces()));
            } catch (RuntimeException e) {
                throw new Unsupported("its frames need " + type + ", whose class file is not valid (" + e + ")");
            }
            types.put(type, info);
        }
        return info;
    }

    private byte[] classBytes(String type) {
        try {
            ZipEntry entry = classes.get(type);
            if (entry != null) {
                return read(entry);
            }
            try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(type + ".class")) {
                if (in == null) {
                    throw new Unsupported("its frames need " + type + ", found neither in the jar nor in the JDK");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type + ": " + e.getMessage(), e);
        }
    }

    private record TypeInfo(String superName, boolean isInterface, List<String> interfaces) {}

    /** A class file this tool will not re-target. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    private byte[] read(ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IOException(jar + ": " + entry.getName() + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private int majorVersion(ZipEntry entry, byte[] bytes) throws IOException {
        if (bytes.length < 8 || (bytes[0] & 0xff) != 0xca || (bytes[1] & 0xff) != 0xfe
                || (bytes[2] & 0xff) != 0xba || (bytes[3] & 0xff) != 0xbe) {
            throw new IOException(jar + ": " + entry.getName() + ": not a class file (no 0xCAFEBABE header)");
        }
        return major(bytes);
    }

    private static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** The same entry, to be compressed again if it was. */
    private static ZipEntry copyOf(ZipEntry entry) {
        ZipEntry copy = new ZipEntry(entry);
        if (copy.getMethod() != ZipEntry.STORED) {
            copy.setCompressedSize(-1);
        }
        return copy;
    }

    /** The same entry with new content. */
    private static ZipEntry rewritten(ZipEntry entry, byte[] content) {
        ZipEntry copy = new ZipEntry(entry);
        CRC32 crc = new CRC32();
        crc.update(content);
        copy.setCrc(crc.getValue());
        copy.setSize(content.length);
        copy.setCompressedSize(copy.getMethod() == ZipEntry.STORED ? content.length : -1);
        return copy;
    }

    /** The first two segments of the entry's package, as {@code org.slf4j}, or its only one. */
    static String topLevelPackage(String entryName) {
        String[] parts = VERSION_PREFIX.matcher(entryName).replaceFirst("").split("/");
        if (parts.length == 1) {
            return "(default package)";
        }
        return parts.length == 2 ? parts[0] : parts[0] + "." + parts[1];
    }

    private static int parseMinMajor(String arg) {
        try {
            return Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MIN_MAJOR must be a class file major version, as 50: " + arg, e);
        }
    }
}
