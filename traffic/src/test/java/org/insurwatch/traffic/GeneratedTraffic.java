package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.Settlement;

/** The events and ground truth of a generated run, indexed so a test can look at one chain at a time. */
record GeneratedTraffic(List<GeneratedEvent> events, List<GroundTruth> truths) {

    /** Small enough to build in milliseconds, large enough that nobody is reused within a few thousand chains. */
    static final WorldSizes TEST_WORLD = new WorldSizes(14, 10, 21, 1_000, 5_000);

    static World world(long seed) {
        return World.create(seed, TEST_WORLD, TrafficOptions.DEFAULT_START);
    }

    static GeneratedTraffic generate(TrafficOptions options, long chains) {
        return generate(world(options.seed()), options, chains);
    }

    static GeneratedTraffic generate(World world, TrafficOptions options, long chains) {
        List<GroundTruth> truths = new ArrayList<>();
        List<GeneratedEvent> events = new ArrayList<>();
        Iterator<GeneratedEvent> iterator = new TrafficGenerator(world, options).events(chains, truths::add);
        iterator.forEachRemaining(events::add);
        return new GeneratedTraffic(events, truths);
    }

    static TrafficOptions options(long seed) {
        return TrafficOptions.defaults().withSeed(seed);
    }

    static String eventId(GeneratedEvent event) {
        return (String) ((GenericRecord) event.record()).get("eventId");
    }

    /**
     * Event time never decreases, but for the late steps of {@link Scenario#LATE_BUT_ALLOWED} chains, which
     * arrive at most 20 s behind the latest event before them.
     */
    void assertInEventTimeOrderButForLateArrivals() {
        Set<String> mayBeLate = chains().stream().filter(c -> c.truth().scenario() == Scenario.LATE_BUT_ALLOWED)
                .flatMap(Chain::eventIds).collect(Collectors.toSet());
        long latest = Long.MIN_VALUE;
        for (GeneratedEvent event : events) {
            if (event.eventTimeMillis() < latest) {
                assertThat(mayBeLate).contains(eventId(event));
                assertThat(latest - event.eventTimeMillis()).isLessThanOrEqualTo(Scenario.LATEST_ARRIVAL_MILLIS);
            }
            latest = Math.max(latest, event.eventTimeMillis());
        }
    }

    /** The ids an alert may cite: the live events' ids and the offline visits' ids. */
    Set<String> citableIds() {
        Set<String> ids = new HashSet<>();
        for (GeneratedEvent event : events) {
            if (event.stream().equals(ReferenceTopic.OFFLINE_VISITS.topicName())) {
                ids.add(event.key());
            } else if (!event.stream().startsWith("ref.")) {
                ids.add(eventId(event));
            }
        }
        return ids;
    }

    /** The bursts of a scenario spanning many chains: its chains by their doctor, each doctor's in chain order. */
    Collection<List<Chain>> bursts(Scenario scenario) {
        return chains().stream().filter(c -> c.truth().scenario() == scenario)
                .collect(Collectors.groupingBy(c -> c.consultation().getDoctorId(), LinkedHashMap::new,
                        Collectors.toList())).values();
    }

    /** How often each scenario was drawn: a burst once for all its chains. */
    Map<Scenario, Long> draws() {
        Map<Scenario, Long> draws = new HashMap<>();
        for (GroundTruth truth : truths) {
            if (!truth.scenario().isBurst()) {
                draws.merge(truth.scenario(), 1L, Long::sum);
            }
        }
        for (Scenario scenario : Scenario.values()) {
            if (scenario.isBurst()) {
                draws.put(scenario, (long) bursts(scenario).size());
            }
        }
        return draws;
    }

    /** Where each live event stands in the output, by event id. */
    Map<String, Integer> positions() {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).stream().startsWith("ref.")) {
                positions.put(eventId(events.get(i)), i);
            }
        }
        return positions;
    }

    /** A reference version published in the traffic, and where it stands in the output. */
    record Published(int position, GeneratedEvent event) {
    }

    /** The reference versions published in the traffic on {@code topic} for entity {@code entityId}, in order. */
    List<Published> published(ReferenceTopic topic, String entityId) {
        List<Published> published = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            GeneratedEvent event = events.get(i);
            if (event.stream().equals(topic.topicName()) && event.key().equals(topic.key(entityId, event.record()))) {
                published.add(new Published(i, event));
            }
        }
        return published;
    }

    Chain chain(GroundTruth truth) {
        return index().get(truth.chainNumber());
    }

    List<Chain> chains() {
        Map<Long, Chain> index = index();
        return truths.stream().map(t -> index.get(t.chainNumber())).toList();
    }

    private Map<Long, Chain> index() {
        Map<String, Consultation> consultations = new HashMap<>();
        Map<String, Prescription> prescriptions = new HashMap<>();
        Map<String, Settlement> settlements = new HashMap<>();
        Map<String, List<Logistics>> logistics = new HashMap<>();
        for (GeneratedEvent event : events) {
            if (event.record() instanceof Consultation c) {
                consultations.put(c.getConsultationId(), c);
            } else if (event.record() instanceof Prescription p) {
                prescriptions.put(p.getPrescriptionId(), p);
            } else if (event.record() instanceof Settlement s) {
                settlements.put(s.getSettlementId(), s);
            } else if (event.record() instanceof Logistics l) {
                logistics.computeIfAbsent(l.getPrescriptionId(), k -> new ArrayList<>()).add(l);
            }
        }
        Map<Long, Chain> chains = new HashMap<>();
        for (GroundTruth truth : truths) {
            chains.put(truth.chainNumber(), new Chain(truth, consultations.get(truth.consultationId()),
                    prescriptions.get(truth.prescriptionId()), settlements.get(truth.settlementId()),
                    logistics.getOrDefault(truth.prescriptionId(), List.of())));
        }
        return chains;
    }

    /** One chain's records as they reached the streams; null where a record was withheld. */
    record Chain(GroundTruth truth, Consultation consultation, Prescription prescription, Settlement settlement,
                 List<Logistics> logistics) {

        /** The ids of the chain's events on the four streams. */
        Stream<String> eventIds() {
            return Stream.concat(Stream.of(consultation == null ? null : consultation.getEventId(),
                            prescription == null ? null : prescription.getEventId(),
                            settlement == null ? null : settlement.getEventId()),
                    logistics.stream().map(Logistics::getEventId)).filter(Objects::nonNull);
        }

        /**
         * Every step is there, linked to the others and in time, as the traceability rules want it: consultation,
         * prescription signed during it and uploaded within a minute, settled after the review, the drugs
         * handed over after the settlement (shipped again or delivered at a second attempt where the scenario
         * says so), by the same participants.
         */
        void assertTraceable() {
            Consultation c = consultation;
            Prescription p = prescription;
            Settlement s = settlement;
            assertThat(c).isNotNull();
            assertThat(p).isNotNull();
            assertThat(s).isNotNull();
            assertThat(p.getConsultationId()).isEqualTo(c.getConsultationId());
            assertThat(s.getPrescriptionId()).isEqualTo(p.getPrescriptionId());
            assertThat(s.getConsultationId()).isEqualTo(c.getConsultationId());
            if (truth.scenario() != Scenario.ID_DOCTOR_MISMATCH) {
                assertThat(p.getDoctorId()).isEqualTo(c.getDoctorId());
            }
            assertThat(List.of(p.getInternetHospitalId(), s.getInternetHospitalId(), s.getSettlingInstitutionId()))
                    .containsOnly(c.getInternetHospitalId());
            assertThat(p.getInsuredPersonId()).isEqualTo(c.getInsuredPersonId());
            if (truth.scenario() != Scenario.ID_PATIENT_MISMATCH) {
                assertThat(s.getInsuredPersonId()).isEqualTo(c.getInsuredPersonId());
            }
            assertThat(p.getSignedAt()).isAfter(c.getStartedAt()).isBefore(c.getEndedAt());
            assertThat(Duration.between(p.getSignedAt(), p.getUploadedAt()))
                    .isBetween(Duration.ofSeconds(5), Duration.ofMinutes(1));
            assertThat(s.getSettledAt()).isAfter(p.getUploadedAt());
            if (p.getPharmacistReview() != null) {
                assertThat(s.getSettledAt()).isAfter(p.getPharmacistReview().getReviewedAt());
            }
            List<DeliveryStatus> handOver = s.getFulfilment() == Fulfilment.HOME_DELIVERY
                    ? List.of(DeliveryStatus.DISPATCHED, DeliveryStatus.DELIVERED) : List.of(DeliveryStatus.PICKED_UP);
            List<List<DeliveryStatus>> shipments = switch (truth.scenario()) {
                case REDELIVERY_ATTEMPT -> List.of(List.of(DeliveryStatus.DISPATCHED, DeliveryStatus.IN_TRANSIT,
                        DeliveryStatus.DELIVERED, DeliveryStatus.IN_TRANSIT, DeliveryStatus.DELIVERED));
                case RX_DISPENSED_TWICE -> List.of(handOver, List.of(DeliveryStatus.DISPATCHED, DeliveryStatus.DELIVERED));
                default -> List.of(handOver);
            };
            assertThat(logistics.stream().collect(Collectors.groupingBy(Logistics::getShipmentId, LinkedHashMap::new,
                    Collectors.mapping(Logistics::getStatus, Collectors.toList()))).values())
                    .as("the scans of each shipment").containsExactlyElementsOf(shipments);
            assertThat(logistics).allSatisfy(l -> {
                assertThat(l.getEventTime()).isAfter(s.getSettledAt());
                assertThat(l.getSettlementId()).isEqualTo(s.getSettlementId());
            });
        }
    }
}
