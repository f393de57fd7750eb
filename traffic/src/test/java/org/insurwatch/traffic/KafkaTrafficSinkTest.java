package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.InstitutionAgreement;
import org.insurwatch.schema.reference.InsuredPersonStatus;
import org.insurwatch.schema.reference.OfflineVisit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTrafficSinkTest {

    @TempDir
    Path directory;

    @Test
    void valuesAreTheRecordClassesOwnSingleObjectEncoding() throws Exception {
        World world = GeneratedTraffic.world(3);
        // simulated weeks, so that persons see offline doctors again and the traffic carries their visits; and
        // violations that publish a doctor's and an insured person's status
        List<GeneratedEvent> events = GeneratedTraffic.generate(world, GeneratedTraffic.options(3)
                .withSimulatedGap(Duration.ofHours(3)).withViolationRate(0.5)
                .withScenarios(EnumSet.of(Scenario.ID_DOCTOR_SUSPENDED, Scenario.PAY_INSURED_SUSPENDED)), 200).events();
        assertThat(events).anySatisfy(event -> assertThat(event.record()).isInstanceOf(OfflineVisit.class))
                .anySatisfy(event -> assertThat(event.record()).isInstanceOf(DoctorRegistration.class))
                .anySatisfy(event -> assertThat(event.record()).isInstanceOf(InsuredPersonStatus.class));
        for (GeneratedEvent event : events) {
            SpecificRecord record = event.record();
            ByteBuffer expected = record instanceof Consultation c ? c.toByteBuffer()
                    : record instanceof Prescription p ? p.toByteBuffer()
                    : record instanceof Settlement s ? s.toByteBuffer()
                    : record instanceof OfflineVisit v ? v.toByteBuffer()
                    : record instanceof DoctorRegistration d ? d.toByteBuffer()
                    : record instanceof InstitutionAgreement a ? a.toByteBuffer()
                    : record instanceof InsuredPersonStatus i ? i.toByteBuffer()
                    : ((Logistics) record).toByteBuffer();
            assertThat(ByteBuffer.wrap(SingleObjectEncoding.encode(record))).isEqualTo(expected);
        }
        OfflineVisit visit = (OfflineVisit) events.stream().map(GeneratedEvent::record)
                .filter(OfflineVisit.class::isInstance).findFirst().orElseThrow();
        assertThat(OfflineVisit.fromByteBuffer(ByteBuffer.wrap(SingleObjectEncoding.encode(visit)))).isEqualTo(visit);
    }

    @Test
    void theProducerConfigurationIsAccepted() {
        // no broker needed: the producer checks its configuration when it is created
        try (KafkaTrafficSink sink = new KafkaTrafficSink("127.0.0.1:9", directory.resolve("truth.jsonl"))) {
            sink.write(new GroundTruth(0, Scenario.CLEAN, null, "C", "P", "S", List.of()));
        }
        assertThat(GroundTruthLog.read(directory.resolve("truth.jsonl"))).hasSize(1);
    }
}
