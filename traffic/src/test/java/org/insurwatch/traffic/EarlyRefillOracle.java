package org.insurwatch.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.insurwatch.schema.Prescription;

/**
 * RX-EARLY-REFILL of RULES.md §5 as the job judges it (jobs/.../prescription/EarlyRefillRule): each insured
 * person's prescriptions in event-time order (uploadedAt, ties by eventId), remembering for each drug the last
 * line of it, until its supply runs out (signedAt + daysOfSupply, forgotten once event time passes that). A
 * prescription refills an earlier one early when, for one of its drugs, the line remembered is the earlier one's
 * and it is signed before half that line's days have passed since the earlier one was signed. One alert per
 * earlier prescription, citing it and the refill, raised on the refill. Only a few fields of each prescription
 * are kept, so that a run of months fits.
 */
final class EarlyRefillOracle {

    private static final double USED_BEFORE_REFILL = 0.5;
    private static final Comparator<Rx> EVENT_TIME_ORDER = Comparator.comparing(Rx::uploadedAt)
            .thenComparing(Rx::eventId);

    /** A prescription as the rule reads it. */
    private record Rx(String prescriptionId, String eventId, Instant signedAt, Instant uploadedAt,
                      List<Line> lines) {
    }

    private record Line(String drugCode, int daysOfSupply) {
    }

    /** A drug's last line: the supply a later prescription of the drug is judged against. */
    private record Supply(Rx prescription, int daysOfSupply) {

        Instant refilledEarlyUntil() {
            return prescription.signedAt().plusMillis(
                    Math.round(daysOfSupply * USED_BEFORE_REFILL * Duration.ofDays(1).toMillis()));
        }

        Instant runsOut() {
            return prescription.signedAt().plus(Duration.ofDays(daysOfSupply));
        }
    }

    private final Map<String, List<Rx>> byPerson = new HashMap<>();

    /** Judges the prescriptions of a run, adding each alert to the refill's. */
    static void judge(List<SpecificRecord> live, Map<String, List<RuleOracle.Alert>> alerts) {
        EarlyRefillOracle oracle = new EarlyRefillOracle();
        live.forEach(oracle::add);
        oracle.raiseInto(alerts);
    }

    /** Takes in a prescription; any other record is no concern of the rule. */
    void add(SpecificRecord record) {
        if (record instanceof Prescription p) {
            List<Line> lines = p.getLines().stream()
                    .map(l -> new Line(l.getDrugCode(), l.getDaysOfSupply())).toList();
            byPerson.computeIfAbsent(p.getInsuredPersonId(), person -> new ArrayList<>()).add(new Rx(
                    p.getPrescriptionId(), p.getEventId(), p.getSignedAt(), p.getUploadedAt(), lines));
        }
    }

    /** Adds the alert of each early refill taken in so far to the alerts of the refill's event. */
    void raiseInto(Map<String, List<RuleOracle.Alert>> alerts) {
        for (List<Rx> prescriptions : byPerson.values()) {
            prescriptions.sort(EVENT_TIME_ORDER);
            Map<String, Supply> lastByDrug = new HashMap<>();
            for (Rx p : prescriptions) {
                // by the earlier prescription's event id, as the job groups them
                Map<String, Rx> refilledEarly = new TreeMap<>();
                for (Line line : p.lines()) {
                    Supply last = lastByDrug.get(line.drugCode());
                    if (last != null && !last.prescription().prescriptionId().equals(p.prescriptionId())
                            && !p.uploadedAt().isAfter(last.runsOut())
                            && p.signedAt().isBefore(last.refilledEarlyUntil())) {
                        refilledEarly.put(last.prescription().eventId(), last.prescription());
                    }
                }
                for (Line line : p.lines()) {
                    lastByDrug.put(line.drugCode(), new Supply(p, line.daysOfSupply()));
                }
                refilledEarly.values().forEach(earlier -> alerts.computeIfAbsent(p.eventId(), id -> new ArrayList<>())
                        .add(new RuleOracle.Alert("RX-EARLY-REFILL", earlier.eventId() + "," + p.eventId())));
            }
        }
    }
}
