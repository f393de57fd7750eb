package org.insurwatch.jobs.replay;

import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.reference.ReferenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveLayoutTest {
    @TempDir
    Path dir;

    @Test
    void namesFilesByStreamAndUtcDay() {
        ArchiveLayout layout = new ArchiveLayout(dir);
        assertThat(layout.dayFile(LiveStream.SETTLEMENT, LocalDate.parse("2026-03-01")))
                .isEqualTo(dir.resolve("settlement/2026-03-01.avro"));
        assertThat(layout.referenceFile(ReferenceKind.INSURED_PERSON)).isEqualTo(dir.resolve("reference/insured-person.avro"));
    }

    @Test
    void readsOnlyTheDayFilesTheRangeOverlaps() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(dir);
        for (String day : new String[] {"2026-02-28", "2026-03-01", "2026-03-02", "2026-03-03"}) {
            touch(layout.dayFile(LiveStream.CONSULTATION, LocalDate.parse(day)));
        }
        assertThat(layout.dayFiles(LiveStream.CONSULTATION, span("2026-03-01T06:00:00Z", "2026-03-03T00:00:00Z", "PT0S")))
                .extracting(p -> p.getFileName().toString()).containsExactly("2026-03-01.avro", "2026-03-02.avro");
        assertThat(layout.dayFiles(LiveStream.CONSULTATION, span("2026-03-01T06:00:00Z", "2026-03-03T00:00:00Z", "PT6H")))
                .extracting(p -> p.getFileName().toString()).containsExactly("2026-03-01.avro", "2026-03-02.avro");
        assertThat(layout.dayFiles(LiveStream.CONSULTATION, span("2026-03-01T06:00:00Z", "2026-03-03T00:00:00Z", "PT7H")))
                .extracting(p -> p.getFileName().toString()).containsExactly("2026-02-28.avro", "2026-03-01.avro", "2026-03-02.avro");
    }

    @Test
    void aMissingWarmUpDayNamesTheWarmUpToShorten() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(dir);
        touch(layout.dayFile(LiveStream.SETTLEMENT, LocalDate.parse("2026-03-01")));
        assertThatThrownBy(() -> layout.dayFiles(LiveStream.SETTLEMENT, span("2026-03-01", "2026-03-02", "PT72H")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("has no settlement file for 2026-02-26").hasMessageEndingWith("archive that day or shorten --warm-up");
    }

    @Test
    void aMissingDayInsideTheRangeIsAnErrorNamingTheDay() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(dir);
        touch(layout.dayFile(LiveStream.LOGISTICS, LocalDate.parse("2026-03-01")));
        touch(layout.dayFile(LiveStream.LOGISTICS, LocalDate.parse("2026-03-03")));
        assertThatThrownBy(() -> layout.dayFiles(LiveStream.LOGISTICS, span("2026-03-01", "2026-03-04", "PT0S")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("has no logistics file for 2026-03-02").hasMessageEndingWith("archive that day or narrow --from/--to")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new ArchiveLayout(dir.resolve("nowhere")).dayFiles(LiveStream.LOGISTICS,
                span("2026-03-01", "2026-03-02", "PT0S")))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("--archive ").hasMessageContaining("does not exist");
    }

    private static ReplayRange span(String from, String to, String warmUp) {
        return new ReplayRange(EventTimeRange.parse(from, to), Duration.parse(warmUp));
    }

    private static void touch(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
    }
}
