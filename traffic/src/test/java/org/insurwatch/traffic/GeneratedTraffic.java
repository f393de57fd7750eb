package org.insurwatch.traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
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
    }
}
