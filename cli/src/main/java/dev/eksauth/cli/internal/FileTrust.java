package dev.eksauth.cli.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.sun.security.auth.module.UnixSystem;

/**
 * Whether a cache file or directory could have been written by someone other than the current
 * user, for every cache eksauth reads, and how such files and directories are written (0600 and 0700). On a file system with POSIX attributes a path is trusted when
 * it is not a symbolic link, is of the expected kind, belongs to the current user (by uid) and is
 * writable by neither group nor others; elsewhere (Windows ACLs) it is trusted as the user's profile
 * directory is. Stateless and thread-safe. Not public API.
 */
final class FileTrust {
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private FileTrust() {
    }

    /** Whether the path's file system has POSIX attributes. */
    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                && Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) != null;
    }

    /**
     * Why a path cannot be trusted, or empty when it can.
     *
     * @param directory whether it must be a directory (else a regular file)
     * @throws IOException when its attributes cannot be read
     */
    static Optional<String> distrust(Path path, boolean directory) throws IOException {
        if (!isPosix(path)) {
            BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return basic.isSymbolicLink() ? Optional.of(path + " is a symbolic link") : Optional.empty();
        }
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return Optional.of(path + " is a symbolic link");
        }
        if (directory ? !attributes.isDirectory() : !attributes.isRegularFile()) {
            return Optional.of(path + " is not a " + (directory ? "directory" : "regular file"));
        }
        if (!ownedByCurrentUser(path)) {
            return Optional.of(path + " belongs to " + attributes.owner().getName() + ", not to the current user");
        }
        if (attributes.permissions().stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
            return Optional.of(path + " is writable by group or others");
        }
        return Optional.empty();
    }

    /** Whether a path (not followed if a link) belongs to the current user; true where there are no uids. */
    static boolean ownedByCurrentUser(Path path) throws IOException {
        if (!isPosix(path)) {
            return true;
        }
        Object uid = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return uid instanceof Integer owner && owner.longValue() == CurrentUser.UID;
    }

    /**
     * Reads a file that {@link #distrust} trusted: opened without following links, then checked
     * again, and required to be the same file (device and inode) as before it was opened.
     *
     * @return the content, or empty when the file was replaced or became untrusted meanwhile
     * @throws IOException when it cannot be read or is larger than {@code max} bytes
     */
    static Optional<byte[]> readTrustedFile(Path file, int max) throws IOException {
        Object before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            Object after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (!Objects.equals(before, after) || distrust(file, false).isPresent()) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.allocate(max + 1);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading
            }
            if (buffer.position() > max) {
                throw new IOException(file + " is larger than " + max + " bytes");
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return Optional.of(bytes);
        }
    }

    /**
     * Creates a directory of mode 0700 (its parents as usual), or tightens an existing one of the
     * current user to 0700.
     *
     * @throws IOException when it cannot be created, is not a directory or a link to one, or belongs to another user
     */
    static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        boolean posix = isPosix(dir.getParent());
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(dir + " exists and is not a directory");
            }
        }
        if (posix) {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!ownedByCurrentUser(dir)) {
                throw new IOException(dir + " belongs to " + attributes.owner().getName() + ", not to the current user");
            }
            if (!attributes.permissions().equals(OWNER_DIRECTORY)) {
                Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
            }
        }
    }

    /**
     * Writes a file of mode 0600 in a directory made by {@link #createPrivateDirectory}: to a
     * temporary file first, then moved into place atomically, replacing whatever was there (a
     * link included, which is replaced, not followed).
     */
    static void writePrivateFile(Path file, byte[] content) throws IOException {
        FileAttribute<?>[] attributes = isPosix(file.getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp", attributes);
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The real uid of the process, looked up once. */
    private static final class CurrentUser {
        static final long UID = new UnixSystem().getUid();
    }
}
