package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

class TrafficGeneratorTest {

    private static final TrafficOptions OPTIONS = GeneratedTraffic.options(7).withViolationRate(0.3)
            .withHardNegativeRate(0.1);

    @Test
    void theSameSeedGivesTheSameEventsAndGroundTruth() {
        GeneratedTraffic first = GeneratedTraffic.generate(OPTIONS, 500);
        GeneratedTraffic second = GeneratedTraffic.generate(OPTIONS, 500);

        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.truths()).isEqualTo(first.truths());
    }

    @Test
    void anotherSeedGivesOtherTraffic() {
        GeneratedTraffic first = GeneratedTraffic.generate(OPTIONS, 50);
        GeneratedTraffic other = GeneratedTraffic.generate(OPTIONS.withSeed(8), 50);

        assertThat(other.events().get(0).record()).isNotEqualTo(first.events().get(0).record());
        assertThat(other.events().get(0).key()).isNotEqualTo(first.events().get(0).key());
    }

    @Test
    void eventTimeNeverDecreasesAcrossTheFourStreamsButForLateArrivals() {
        GeneratedTraffic traffic = GeneratedTraffic.generate(OPTIONS, 3_000);

        traffic.assertInEventTimeOrderButForLateArrivals();
        assertThat(traffic.events()).extracting(GeneratedEvent::eventTimeMillis).isNotEqualTo(
                traffic.events().stream().map(GeneratedEvent::eventTimeMillis).sorted().toList());
        // 50 simulated minutes: too soon for anybody's next offline visit, yet first diagnoses come with the
        // persons' first chains; scenarios publish reference versions
        assertThat(traffic.events()).extracting(GeneratedEvent::stream)
                .containsOnly("consultation", "prescription", "settlement", "logistics", "ref.offline-visits",
                        "ref.doctors", "ref.institutions", "ref.insured-persons")
                .contains("ref.offline-visits", "ref.doctors", "ref.institutions", "ref.insured-persons");
    }

    @Test
    void offlineVisitsJoinTheTrafficInEventTimeOrderOnceTheyHappen() {
        // two simulated months: diagnoses made before the start get old, and the persons see a doctor again
        GeneratedTraffic traffic = GeneratedTraffic.generate(OPTIONS.withSimulatedGap(Duration.ofMinutes(30)), 3_000);
        List<GeneratedEvent> events = traffic.events();

        traffic.assertInEventTimeOrderButForLateArrivals();
        assertThat(events).extracting(GeneratedEvent::stream)
                .containsOnly("consultation", "prescription", "settlement", "logistics", "ref.offline-visits",
                        "ref.doctors", "ref.institutions", "ref.insured-persons")
                .contains("ref.offline-visits");
        List<GeneratedEvent> visits = events.stream().filter(e -> e.stream().equals("ref.offline-visits")).toList();
        assertThat(visits).anySatisfy(event -> assertThat(event.key()).matches("OV\\d{14}-\\d+"));
        assertThat(visits).allSatisfy(event -> {
            OfflineVisit visit = (OfflineVisit) event.record();
            assertThat(event.key()).isEqualTo(visit.getOfflineVisitId());
            if (event.key().matches("OV\\d{14}-\\d+")) {
                // made while the traffic runs, it joins the traffic when made
                assertThat(event.eventTimeMillis()).isEqualTo(visit.getVisitedAt().toEpochMilli())
                        .isGreaterThanOrEqualTo(TrafficOptions.DEFAULT_START.toEpochMilli());
            } else {
                // a first diagnosis, or a walk-in's, joins it with the chain that first follows it up
                assertThat(event.eventTimeMillis()).isGreaterThan(visit.getVisitedAt().toEpochMilli());
            }
        });
    }

    @Test
    void eventTimeAndKeyAreTheRecordsOwn() {
        List<GeneratedEvent> events = GeneratedTraffic.generate(OPTIONS.withSimulatedGap(Duration.ofHours(2)), 300)
                .events();
        assertThat(events).extracting(GeneratedEvent::stream).contains("ref.doctors", "ref.institutions",
                "ref.insured-persons");
        for (GeneratedEvent event : events) {
            SpecificRecord record = event.record();
            if (record instanceof Consultation c) {
                assertThat(event.eventTimeMillis()).isEqualTo(c.getEventTime().toEpochMilli());
                assertThat(event.key()).isEqualTo(c.getConsultationId());
            } else if (record instanceof Prescription p) {
                assertThat(event.eventTimeMillis()).isEqualTo(p.getUploadedAt().toEpochMilli());
                assertThat(event.key()).isEqualTo(p.getPrescriptionId());
            } else if (record instanceof Settlement s) {
                assertThat(event.eventTimeMillis()).isEqualTo(s.getSettledAt().toEpochMilli());
                assertThat(event.key()).isEqualTo(s.getSettlementId());
            } else if (record instanceof OfflineVisit v) {
                // when made, or when the insurer learns of a diagnosis made before the traffic began
                assertThat(event.eventTimeMillis()).isGreaterThanOrEqualTo(v.getVisitedAt().toEpochMilli());
                assertThat(event.key()).isEqualTo(v.getOfflineVisitId());
                assertThat(event.stream()).isEqualTo(ReferenceTopic.OFFLINE_VISITS.topicName());
            } else if (record instanceof DoctorRegistration d) {
                // published no later than it takes effect
                assertThat(event.eventTimeMillis()).isLessThanOrEqualTo(d.getValidFrom().toEpochMilli());
                assertThat(event.key()).as("a version per key, so compaction keeps them all").isEqualTo(d.getDoctorId() + "@" + d.getValidFrom());
                assertThat(event.stream()).isEqualTo(ReferenceTopic.DOCTORS.topicName());
            } else if (record instanceof InstitutionAgreement a) {
                assertThat(event.eventTimeMillis()).isLessThanOrEqualTo(a.getValidFrom().toEpochMilli());
                assertThat(event.key()).isEqualTo(a.getInstitutionId() + "@" + a.getValidFrom());
                assertThat(event.stream()).isEqualTo(ReferenceTopic.INSTITUTIONS.topicName());
            } else if (record instanceof InsuredPersonStatus s) {
                assertThat(event.eventTimeMillis()).isLessThanOrEqualTo(s.getValidFrom().toEpochMilli());
                assertThat(event.key()).isEqualTo(s.getInsuredPersonId() + "@" + s.getValidFrom());
                assertThat(event.stream()).isEqualTo(ReferenceTopic.INSURED_PERSONS.topicName());
            } else {
                Logistics l = (Logistics) record;
                assertThat(event.eventTimeMillis()).isEqualTo(l.getEventTime().toEpochMilli());
                assertThat(event.key()).isEqualTo(l.getPrescriptionId());
            }
        }
    }

    @Test
    void eventIdsAreUnique() {
        List<GeneratedEvent> events = GeneratedTraffic.generate(OPTIONS, 2_000).events().stream()
                .filter(event -> !event.stream().startsWith("ref.")).toList();
        Set<Object> ids = new HashSet<>();
        for (GeneratedEvent event : events) {
            ids.add(GeneratedTraffic.eventId(event));
        }
        assertThat(ids).hasSize(events.size());
    }

    @Test
    void consultationsStartOneGapApartFromTheStart() {
        GeneratedTraffic traffic = GeneratedTraffic.generate(OPTIONS.withViolationRate(0)
                .withSimulatedGap(Duration.ofSeconds(3)), 20);

        assertThat(traffic.chains()).allSatisfy(chain -> assertThat(chain.consultation().getStartedAt())
                .isEqualTo(TrafficOptions.DEFAULT_START.plusSeconds(3 * chain.truth().chainNumber())));
    }

    @Test
    void theGroundTruthOfAChainComesBeforeItsEvents() {
        List<Long> announced = new java.util.ArrayList<>();
        var events = new TrafficGenerator(GeneratedTraffic.world(7), OPTIONS).events(200,
                truth -> announced.add(truth.chainNumber()));
        while (events.hasNext()) {
            GeneratedEvent event = events.next();
            if (event.stream().startsWith("ref.")) {
                continue;
            }
            long chain = Long.parseLong(event.key().substring(event.key().lastIndexOf('-') + 1));
            assertThat(announced).contains(chain);
        }
        assertThat(announced).hasSize(200);
    }

    @Test
    void refusesAWorldWithTooFewDoctorsForTheGap() {
        World world = World.create(1, new WorldSizes(7, 7, 7, 100, 100), TrafficOptions.DEFAULT_START);

        assertThatThrownBy(() -> new TrafficGenerator(world, OPTIONS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need at least 901 doctors");
        new TrafficGenerator(world, OPTIONS.withSimulatedGap(Duration.ofSeconds(10)));
    }

    @Test
    void skipsAheadInSimulatedTimeWhenNobodyIsDueRatherThanFail() {
        World world = World.create(1, new WorldSizes(7, 7, 7, 1_000, 100), TrafficOptions.DEFAULT_START);
        GeneratedTraffic traffic = GeneratedTraffic.generate(world, OPTIONS.withViolationRate(0)
                .withHardNegativeRate(0), 400);

        List<Instant> starts = traffic.chains().stream().map(chain -> chain.consultation().getStartedAt()).toList();
        assertThat(starts).hasSize(400).isSorted();
        // 100 persons, each away for days after a visit: the clock must have jumped, by days
        assertThat(Duration.between(starts.get(0), starts.get(399))).isGreaterThan(Duration.ofDays(10));
        for (int i = 1; i < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i - 1), starts.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(traffic.events()).extracting(GeneratedEvent::eventTimeMillis).isSorted();
    }

    @Test
    void theDemoWorldIsReadyAtOnce() {
        long started = System.nanoTime();
        var events = new TrafficGenerator(World.create(1, WorldSizes.DEMO, TrafficOptions.DEFAULT_START),
                TrafficOptions.defaults()).events(TrafficGenerator.UNBOUNDED, truth -> { });
        for (int i = 0; i < 1_000; i++) {
            events.next();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
