package org.insurwatch.jobs.replay;

import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.ingest.RawRecord;
import org.insurwatch.schema.Consultation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;

/** An archive day file read back in batches as Kafka's bytes, and resumed where a checkpoint left it. */
class ArchiveFileFormatTest {
    private static final int RECORDS = 2_500;
    @TempDir
    Path dir;

    private final ArchiveFileFormat format = new ArchiveFileFormat(Consultation.class, LiveStream.CONSULTATION, "archive.consultation",
            Duration.ofMinutes(5));

    private List<Consultation> consultations() {
        List<Consultation> all = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            all.add(new ChainFixture("c" + i).consultation(T0.plusSeconds(i)));
        }
        return all;
    }

    private FileSourceSplit dayFile(List<Consultation> consultations) throws IOException {
        Path file = dir.resolve("2026-03-02.avro");
        try (DataFileWriter<Consultation> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Consultation.class))) {
            writer.create(Consultation.getClassSchema(), file.toFile());
            for (Consultation c : consultations) {
                writer.append(c);
            }
        }
        return new FileSourceSplit("0", new org.apache.flink.core.fs.Path(file.toUri()), 0, Files.size(file), 0, Files.size(file));
    }

    private static List<List<RecordAndPosition<RawRecord>>> batches(BulkFormat.Reader<RawRecord> reader) throws IOException {
        List<List<RecordAndPosition<RawRecord>>> batches = new ArrayList<>();
        for (BulkFormat.RecordIterator<RawRecord> it = reader.readBatch(); it != null; it = reader.readBatch()) {
            List<RecordAndPosition<RawRecord>> batch = new ArrayList<>();
            for (RecordAndPosition<RawRecord> r = it.next(); r != null; r = it.next()) {
                batch.add(new RecordAndPosition<>(r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
            }
            it.releaseBatch();
            batches.add(batch);
        }
        reader.close();
        return batches;
    }

    @Test
    void aDayFileIsReadInBatchesAsTheBytesKafkaCarried() throws Exception {
        List<Consultation> written = consultations();
        List<List<RecordAndPosition<RawRecord>>> batches = batches(format.createReader(new Configuration(), dayFile(written)));

        assertThat(batches).as("event time can move on between batches").extracting(List::size)
                .containsExactly(ArchiveFileFormat.BATCH, ArchiveFileFormat.BATCH, RECORDS - 2 * ArchiveFileFormat.BATCH);
        List<RawRecord> read = batches.stream().flatMap(List::stream).map(RecordAndPosition::getRecord).toList();
        for (int i = 0; i < RECORDS; i++) {
            RawRecord record = read.get(i);
            assertThat(record.topic).isEqualTo("archive.consultation");
            assertThat(record.partition).as("the file's day").isEqualTo(20260302);
            assertThat(record.offset).isEqualTo(i);
            assertThat(record.eventTime).isEqualTo(written.get(i).getEventTime().toEpochMilli());
            assertThat(Consultation.getDecoder().decode(record.value)).isEqualTo(written.get(i));
        }
    }

    @Test
    void aRestoreResumesAfterTheLastRecordEmitted() throws Exception {
        List<Consultation> written = consultations();
        FileSourceSplit split = dayFile(written);
        List<RecordAndPosition<RawRecord>> first = batches(format.createReader(new Configuration(), split)).get(0);
        // the position Flink checkpoints after the 600th record
        CheckpointedPosition position = new CheckpointedPosition(first.get(599).getOffset(), first.get(599).getRecordSkipCount());

        List<RawRecord> rest = batches(format.restoreReader(new Configuration(), split.updateWithCheckpointedPosition(position)))
                .stream().flatMap(List::stream).map(RecordAndPosition::getRecord).toList();
        assertThat(rest).hasSize(RECORDS - 600);
        assertThat(rest.get(0).offset).isEqualTo(600);
        assertThat(Consultation.getDecoder().decode(rest.get(0).value)).isEqualTo(written.get(600));
    }
}
