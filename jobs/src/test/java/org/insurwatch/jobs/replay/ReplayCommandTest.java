package org.insurwatch.jobs.replay;

import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.insurwatch.jobs.CommandLineErrors;
import org.insurwatch.jobs.reference.ReferenceKind;
import org.insurwatch.jobs.rules.settings.RuleSettingsFixture;
import org.insurwatch.schema.control.RuleSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad arguments end in one line that says what to fix, before any job starts. */
class ReplayCommandTest {
    @TempDir
    Path dir;

    private String errorOf(Object command, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--config", CommandLineErrors.unreachableKafka(dir).toString()));
        all.addAll(List.of(args));
        return CommandLineErrors.oneLine(command, all.toArray(String[]::new));
    }

    /** An archive holding the day 2026-03-01 of every stream (empty files). */
    private Path archiveOf20260301() throws Exception {
        Path archive = dir.resolve("archive");
        for (String stream : new String[] {"consultation", "prescription", "settlement", "logistics"}) {
            Files.createDirectories(archive.resolve(stream));
            Files.write(archive.resolve(stream).resolve("2026-03-01.avro"), new byte[0]);
        }
        Files.createDirectories(archive.resolve("reference"));
        for (ReferenceKind kind : ReferenceKind.values()) {
            Files.write(new ArchiveLayout(archive).referenceFile(kind), new byte[0]);
        }
        return archive;
    }

    @Test
    void aRangeThatEndsBeforeItStarts() throws Exception {
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-02T00:00:00Z", "--to", "2026-03-01T00:00:00Z", "--ndjson", "x"))
                .startsWith("error: empty range: --from 2026-03-02T00:00:00Z is not before --to 2026-03-01T00:00:00Z");
    }

    @Test
    void anUnparsableTime() throws Exception {
        assertThat(errorOf(new ReplayCommand(), "--from", "last monday", "--to", "2026-03-01T00:00:00Z", "--ndjson", "x"))
                .startsWith("error: --from 'last monday' is not an ISO-8601 instant");
    }

    @Test
    void noOutputAtAll() throws Exception {
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-01", "--to", "2026-03-02"))
                .startsWith("error: give --alerts-index NAME or --ndjson FILE");
    }

    @Test
    void anIndexNameElasticsearchWouldRefuseOrThatClashesWithTheJobsOwn() throws Exception {
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-01", "--to", "2026-03-02", "--alerts-index", "Replay Alerts"))
                .isEqualTo("error: --alerts-index 'Replay Alerts': must be a lower-case Elasticsearch index name");
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-01", "--to", "2026-03-02", "--alerts-index", "insurwatch-chain-health"))
                .startsWith("error: --alerts-index 'insurwatch-chain-health':").contains("index names must differ");
    }

    @Test
    void aDayMissingFromTheArchive() throws Exception {
        Path archive = archiveOf20260301();
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-01", "--to", "2026-03-02T12:00:00Z",
                "--archive", archive.toString(), "--ndjson", dir.resolve("out.ndjson").toString()))
                .contains("has no consultation file for 2026-03-02");
    }

    @Test
    void aReferenceKindMissingFromTheArchive() throws Exception {
        Path archive = archiveOf20260301();
        Files.delete(new ArchiveLayout(archive).referenceFile(ReferenceKind.DOCTOR));
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-01", "--to", "2026-03-01T12:00:00Z",
                "--archive", archive.toString(), "--ndjson", dir.resolve("out.ndjson").toString()))
                .contains("has no doctor reference data").endsWith("run archive again, which writes every kind");
    }

    @Test
    void aRuleSettingsVersionTheArchiveDoesNotHold() throws Exception {
        Path archive = archiveOf20260301();
        Path reference = archive.resolve("reference");
        try (DataFileWriter<RuleSettings> writer = new DataFileWriter<>(new SpecificDatumWriter<>(RuleSettings.class))) {
            writer.create(RuleSettings.getClassSchema(), reference.resolve("rule-settings.avro").toFile());
            writer.append(RuleSettingsFixture.version("2026-02.1", Instant.parse("2026-02-01T00:00:00Z")).build());
        }
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-01", "--to", "2026-03-01T12:00:00Z", "--settings-version", "2026-03.1",
                "--archive", archive.toString(), "--ndjson", dir.resolve("out.ndjson").toString()))
                .isEqualTo("error: rule settings version '2026-03.1' is not on the archive " + archive + "; known: 2026-02.1");
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-01", "--to", "2026-03-01T12:00:00Z", "--settings-version", "v 1",
                "--ndjson", "x")).contains("rules.settingsVersion");
    }

    @Test
    void aRangeReachingIntoTheFuture() throws Exception {
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-01", "--to", "2999-01-01", "--ndjson", "x"))
                .startsWith("error: --to 2999-01-01T00:00:00Z is in the future (now is ");
    }

    @Test
    void aWarmUpThatIsNoDuration() throws Exception {
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-01", "--to", "2026-03-02", "--warm-up", "72h", "--ndjson", "x"))
                .isEqualTo("error: --warm-up '72h' is not an ISO-8601 duration such as PT72H or P7D (PT0S for none)");
    }

    @Test
    void aWarmUpDayMissingFromTheArchive() throws Exception {
        Path archive = archiveOf20260301();
        assertThat(errorOf(new ReplayCommand(), "--from", "2026-03-01T06:00:00Z", "--to", "2026-03-02", "--warm-up", "PT7H",
                "--archive", archive.toString(), "--ndjson", dir.resolve("out.ndjson").toString()))
                .contains("has no consultation file for 2026-02-28").endsWith("archive that day or shorten --warm-up");
    }

    @Test
    void backtestRefusesTheSameRanges() throws Exception {
        String candidate = dir.resolve("config.yaml").toString();
        String out = dir.resolve("backtest").toString();
        assertThat(errorOf(new BacktestCommand(), "--candidate", candidate, "--out", out, "--from", "2026-03-02", "--to", "2026-03-01"))
                .startsWith("error: empty range: --from 2026-03-02T00:00:00Z is not before --to 2026-03-01T00:00:00Z");
        assertThat(errorOf(new BacktestCommand(), "--candidate", candidate, "--out", out, "--from", "2026-03-01", "--to", "2999-01-01"))
                .startsWith("error: --to 2999-01-01T00:00:00Z is in the future");
        assertThat(errorOf(new BacktestCommand(), "--candidate", candidate, "--out", out, "--from", "2026-03-01", "--to", "2026-03-02",
                "--archive", dir.resolve("nowhere").toString()))
                .startsWith("error: --archive ").endsWith("the archive directory does not exist");
        assertThat(Files.exists(dir.resolve("backtest"))).as("nothing written before the arguments are sound").isFalse();
    }

    @Test
    void archiveRefusesAnEmptyRangeToo() throws Exception {
        assertThat(errorOf(new ArchiveCommand(), "--out", dir.resolve("a").toString(), "--from", "2026-03-02", "--to", "2026-03-01"))
                .startsWith("error: empty range");
    }
}
