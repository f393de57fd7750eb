package org.insurwatch.traffic;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.VisitType;
import org.insurwatch.schema.reference.OfflineVisit;

/**
 * The follow-up rules of RULES.md §4 as the job judges them, on a consultation and the insured person's history:
 * the offline visits of the patient the insurer knows, dated from a year before the consultation's start up to
 * its start. FU-FIRST-VISIT for a declared first visit or an empty history; else FU-DIAGNOSIS-CHANGED when no
 * visit shares an ICD-10 category with a diagnosis of the consultation, citing the latest visit; else
 * FU-WINDOW-EXPIRED when the consultation starts after the latest such visit plus 3 calendar months (China's
 * calendar), citing that visit. Independent of the generator's {@link FollowUpWindow}, as the job is.
 */
final class FollowUpOracle {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Comparator<OfflineVisit> LATEST_LAST = Comparator.comparing(OfflineVisit::getVisitedAt)
            .thenComparing(OfflineVisit::getOfflineVisitId);

    private FollowUpOracle() {
    }

    /**
     * Judges each consultation on the visits before it in the traffic, adding its alert to the consultation's.
     * Each is judged again on every visit of the run, and must come out the same: no visit it depends on comes
     * after it, so the job judges it the same however late its watermark passes it.
     */
    static void judge(List<GeneratedEvent> traffic, Map<String, List<RuleOracle.Alert>> alerts) {
        Map<String, List<OfflineVisit>> visitsByPerson = new HashMap<>();
        Map<Consultation, Optional<RuleOracle.Alert>> judged = new IdentityHashMap<>();
        for (GeneratedEvent event : traffic) {
            if (event.record() instanceof OfflineVisit visit) {
                visitsByPerson.computeIfAbsent(visit.getInsuredPersonId(), p -> new ArrayList<>()).add(visit);
            } else if (event.record() instanceof Consultation c) {
                Optional<RuleOracle.Alert> alert = judge(c,
                        visitsByPerson.getOrDefault(c.getInsuredPersonId(), List.of()));
                alert.ifPresent(alerts.get(c.getEventId())::add);
                judged.put(c, alert);
            }
        }
        judged.forEach((c, alert) -> {
            Optional<RuleOracle.Alert> later = judge(c, visitsByPerson.getOrDefault(c.getInsuredPersonId(), List.of()));
            if (!later.equals(alert)) {
                throw new AssertionError(c.getEventId() + " is judged " + alert + " as it comes, " + later
                        + " with the offline visits published after it");
            }
        });
    }

    static Optional<RuleOracle.Alert> judge(Consultation c, List<OfflineVisit> visits) {
        Instant start = c.getStartedAt();
        Instant yearBefore = start.atZone(CHINA).minusYears(1).toInstant();
        List<OfflineVisit> history = visits.stream()
                .filter(v -> !v.getVisitedAt().isAfter(start) && !v.getVisitedAt().isBefore(yearBefore)).toList();
        if (c.getVisitType() == VisitType.FIRST_VISIT || history.isEmpty()) {
            return Optional.of(new RuleOracle.Alert("FU-FIRST-VISIT", c.getEventId()));
        }
        Set<String> categories = categories(c.getDiagnoses());
        List<OfflineVisit> sameDisease = history.stream()
                .filter(v -> categories(v.getDiagnoses()).stream().anyMatch(categories::contains)).toList();
        if (sameDisease.isEmpty()) {
            return Optional.of(new RuleOracle.Alert("FU-DIAGNOSIS-CHANGED",
                    c.getEventId() + "," + latest(history).getOfflineVisitId()));
        }
        OfflineVisit latest = latest(sameDisease);
        ZonedDateTime windowEnd = latest.getVisitedAt().atZone(CHINA).plusMonths(3);
        if (start.isAfter(windowEnd.toInstant())) {
            return Optional.of(new RuleOracle.Alert("FU-WINDOW-EXPIRED",
                    c.getEventId() + "," + latest.getOfflineVisitId()));
        }
        return Optional.empty();
    }

    private static OfflineVisit latest(List<OfflineVisit> visits) {
        return visits.stream().max(LATEST_LAST).orElseThrow();
    }

    /** ICD-10 categories: the code before the first '.', E11.9 → E11. */
    private static Set<String> categories(List<Diagnosis> diagnoses) {
        return diagnoses.stream().map(Diagnosis::getIcd10Code)
                .map(code -> code.contains(".") ? code.substring(0, code.indexOf('.')) : code)
                .collect(Collectors.toSet());
    }
}
