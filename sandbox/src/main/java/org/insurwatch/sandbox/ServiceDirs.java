package org.insurwatch.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Work directories of the embedded servers, wiped on start and deleted on close. */
final class ServiceDirs {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceDirs.class);

    private ServiceDirs() {
    }

    /** {@code dir} made absolute, or a new temporary directory when null. */
    static Path absoluteOrTemp(Path dir, String tempPrefix) {
        try {
            return dir == null ? Files.createTempDirectory(tempPrefix) : dir.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Empties {@code dir} for a new run. A non-empty directory is wiped only when it holds {@code marker}, left by an
     * earlier run of {@code owner}, so a mistyped path cannot cost anyone their files.
     */
    static void wipe(Path dir, String marker, String owner) {
        try {
            if (Files.isDirectory(dir)) {
                boolean empty;
                try (Stream<Path> s = Files.list(dir)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty && !Files.exists(dir.resolve(marker))) {
                    throw new IllegalArgumentException("refusing to wipe non-empty directory " + dir
                            + " that was not created by " + owner);
                }
                delete(dir);
            }
            Files.createDirectories(dir);
            Files.createFile(dir.resolve(marker));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare work dir " + dir, e);
        }
    }

    /** Best effort: what cannot be deleted is logged and left. */
    static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
