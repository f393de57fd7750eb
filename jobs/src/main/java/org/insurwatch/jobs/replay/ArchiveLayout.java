package org.insurwatch.jobs.replay;

import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.reference.ReferenceKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the archive keeps what: {@code <dir>/<stream>/<yyyy-MM-dd>.avro} per live stream and UTC day of event time,
 * {@code <dir>/reference/<kind>.avro} per kind of reference data (all versions). Avro container files holding the
 * records' own schema.
 */
public final class ArchiveLayout {
    public static final List<LiveStream<?>> STREAMS =
            List.of(LiveStream.CONSULTATION, LiveStream.PRESCRIPTION, LiveStream.SETTLEMENT, LiveStream.LOGISTICS);

    private final Path dir;

    public ArchiveLayout(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path dayFile(LiveStream<?> stream, LocalDate day) {
        return dir.resolve(stream.name()).resolve(day + ".avro");
    }

    public Path referenceFile(ReferenceKind kind) {
        return dir.resolve("reference").resolve(kindName(kind) + ".avro");
    }

    static String kindName(ReferenceKind kind) {
        return kind.name().toLowerCase().replace('_', '-');
    }

    /**
     * The day files a replay reads for {@code stream}, in day order: exactly those of the days the range and its
     * warm-up overlap. A missing one is an error naming the day: an archive with a hole would replay silently less.
     */
    public List<Path> dayFiles(LiveStream<?> stream, ReplayRange span) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidConfigException("--archive " + dir + ": the archive directory does not exist");
        }
        List<Path> files = new ArrayList<>();
        for (LocalDate day : span.read().days()) {
            Path file = dayFile(stream, day);
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigException("the archive " + dir + " has no " + stream.name() + " file for " + day
                        + " (" + file + "); archive that day or " + (span.isWarmUpDay(day) ? "shorten --warm-up" : "narrow --from/--to"));
            }
            files.add(file);
        }
        return files;
    }

    /** Checks that the archive holds {@code kind}'s reference data: every archive run writes every kind, if only empty. */
    void requireReferenceFile(ReferenceKind kind) {
        Path file = referenceFile(kind);
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException("the archive " + dir + " has no " + kindName(kind) + " reference data (" + file
                    + "); run archive again, which writes every kind");
        }
    }

    /**
     * The partition a dead letter names for a record read from the archive file {@code fileName} (its offset is the
     * record's number in the file): the day as yyyymmdd for a day file, 0 for a reference file.
     */
    static int partitionOf(String fileName) {
        String stem = fileName.endsWith(".avro") ? fileName.substring(0, fileName.length() - ".avro".length()) : fileName;
        try {
            return Integer.parseInt(LocalDate.parse(stem).format(DateTimeFormatter.BASIC_ISO_DATE));
        } catch (DateTimeParseException referenceFile) {
            return 0;
        }
    }
}
