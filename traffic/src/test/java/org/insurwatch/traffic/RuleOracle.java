package org.insurwatch.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.DeliveredDrug;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.IdentityVerification;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.reference.AgreementStatus;
import org.insurwatch.schema.reference.ChronicDisease;
import org.insurwatch.schema.reference.DrugCatalogueEntry;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.DoctorStatus;
import org.insurwatch.schema.reference.InstitutionAgreement;
import org.insurwatch.schema.reference.InsuredPersonStatus;
import org.insurwatch.schema.reference.InsuredStatus;
import org.insurwatch.schema.reference.PriceCap;

/**
 * The single-event and reference-data rules of RULES.md, judged as the job judges them (jobs/.../rules/identity,
 * prescription, settlement; reference versions as in ReferenceState: every version per entity, one with the
 * same validFrom replacing the older, the version valid at an instant the latest started by then, if not ended);
 * and, through {@link FollowUpOracle}, {@link BulkOracle}, {@link EarlyRefillOracle} and {@link PriceOracle}, the
 * follow-up rules, the bulk rules, RX-EARLY-REFILL and PRICE-ABOVE-MEDIAN. A test's stand-in for the job: it
 * tells which alerts a run of traffic must raise.
 */
final class RuleOracle {

    static final List<String> RULES = List.of("ID-UNVERIFIED", "RX-NO-SIGNATURE", "RX-NO-PHARMACIST",
            "PAY-DELIVERY-FEE", "PAY-AMOUNT-MISMATCH", "ID-DOCTOR-UNREGISTERED", "ID-DOCTOR-SUSPENDED",
            "PAY-NO-AGREEMENT", "PAY-INSURED-SUSPENDED", "PAY-FEE-ABOVE-CAP", "DLV-TRACE-CODE-MISSING",
            "RX-LONG-SUPPLY", "PAY-NOT-COVERED", "ID-DOCTOR-MISMATCH", "DLV-OUT-OF-REGION",
            "ID-PATIENT-MISMATCH", "DLV-TRACE-CODE-REUSED", "RX-DUPLICATE-DISPENSE", "FU-FIRST-VISIT",
            "FU-DIAGNOSIS-CHANGED", "FU-WINDOW-EXPIRED", "BULK-RATE", "BULK-MULTI-SITE", "BULK-MACHINE-CADENCE",
            "RX-EARLY-REFILL", "PRICE-ABOVE-MEDIAN");

    /**
     * An alert: the rule and the id of the one event it cites; for a rule judging several events together, the
     * ids of all, joined by a comma in the order of the ground truth's evidence (an offline visit cited by its
     * offlineVisitId).
     */
    record Alert(String ruleId, String eventId) {
    }

    /**
     * A settlement of a prescription, or a dispensing of its drugs (a dispatch or a pick-up): {@code key} names the
     * prescription and which of the two, {@code id} the settlement or the shipment.
     */
    private record PrescriptionUse(String key, String id, Instant at, String eventId) {
        static final Comparator<PrescriptionUse> ORDER = Comparator.comparing(PrescriptionUse::at)
                .thenComparing(PrescriptionUse::eventId);

        static PrescriptionUse of(SpecificRecord record) {
            if (record instanceof Settlement s && s.getPrescriptionId() != null) {
                return new PrescriptionUse("settled:" + s.getPrescriptionId(), s.getSettlementId(), s.getSettledAt(),
                        s.getEventId());
            } else if (record instanceof Logistics l && (l.getStatus() == DeliveryStatus.DISPATCHED
                    || l.getStatus() == DeliveryStatus.PICKED_UP)) {
                return new PrescriptionUse("dispensed:" + l.getPrescriptionId(), l.getShipmentId(), l.getEventTime(),
                        l.getEventId());
            }
            return null;
        }
    }

    private final Map<String, List<SpecificRecord>> versions = new HashMap<>();

    /** An oracle that knows the world's reference data. */
    static RuleOracle of(World world) {
        RuleOracle oracle = new RuleOracle();
        world.referenceData().forEach(r -> oracle.learn(r.record()));
        return oracle;
    }

    /**
     * Judges a run as a job reading it in order would: reference versions are learnt as they come, each event
     * is judged by what was learnt before it. Every event is judged again once everything is learnt, and must
     * come out the same: no version published later changes the judgment of an event, so the job's timing
     * cannot either.
     *
     * @return the alerts by the id of the event judged, in the order of the traffic
     */
    static Map<String, List<Alert>> judge(World world, List<GeneratedEvent> traffic) {
        RuleOracle oracle = of(world);
        Map<String, List<Alert>> alerts = new LinkedHashMap<>();
        List<SpecificRecord> live = new ArrayList<>();
        for (GeneratedEvent event : traffic) {
            if (event.stream().startsWith("ref.")) {
                oracle.learn(event.record());
            } else {
                alerts.put(GeneratedTraffic.eventId(event), oracle.judge(event.record()));
                live.add(event.record());
            }
        }
        for (SpecificRecord record : live) {
            String eventId = (String) ((org.apache.avro.generic.GenericRecord) record).get("eventId");
            List<Alert> later = oracle.judge(record);
            if (!later.equals(alerts.get(eventId))) {
                throw new AssertionError(eventId + " is judged " + alerts.get(eventId) + " as it comes, "
                        + later + " with the reference versions published after it");
            }
        }
        // the rules that judge two events of a chain together, on the events as they came
        Map<String, Consultation> consultations = new HashMap<>();
        Map<String, Settlement> settlements = new HashMap<>();
        for (SpecificRecord record : live) {
            if (record instanceof Consultation c) {
                consultations.put(c.getConsultationId(), c);
            } else if (record instanceof Settlement s) {
                settlements.put(s.getSettlementId(), s);
            }
        }
        for (SpecificRecord record : live) {
            if (record instanceof Prescription p) {
                Consultation c = consultations.get(p.getConsultationId());
                if (c != null && !c.getDoctorId().equals(p.getDoctorId())) {
                    alerts.get(p.getEventId()).add(new Alert("ID-DOCTOR-MISMATCH",
                            c.getEventId() + "," + p.getEventId()));
                }
            } else if (record instanceof Settlement s) {
                Consultation c = consultations.get(s.getConsultationId());
                if (c != null && (!c.getInsuredPersonId().equals(s.getInsuredPersonId())
                        || s.getPayingGuardianId() != null
                        && !c.getGuardianInsuredPersonIds().contains(s.getPayingGuardianId()))) {
                    alerts.get(s.getEventId()).add(new Alert("ID-PATIENT-MISMATCH",
                            c.getEventId() + "," + s.getEventId()));
                }
            } else if (record instanceof Logistics l && (l.getStatus() == DeliveryStatus.DISPATCHED
                    || l.getStatus() == DeliveryStatus.PICKED_UP) && l.getSettlementId() != null) {
                Settlement s = settlements.get(l.getSettlementId());
                if (s != null && l.getDestinationRegion() != null
                        && !l.getDestinationRegion().equals(s.getPoolingRegion())) {
                    alerts.get(l.getEventId()).add(new Alert("DLV-OUT-OF-REGION",
                            s.getEventId() + "," + l.getEventId()));
                }
            }
        }
        // a code dispensed on a second shipment, judged against its first dispensing: the earlier (by event time,
        // then eventId) cited first, the alert raised on the one arriving later
        Map<String, Logistics> firstDispensing = new HashMap<>();
        Comparator<Logistics> dispensingOrder = Comparator.comparing(Logistics::getEventTime)
                .thenComparing(Logistics::getEventId);
        for (SpecificRecord record : live) {
            if (record instanceof Logistics l && (l.getStatus() == DeliveryStatus.DISPATCHED
                    || l.getStatus() == DeliveryStatus.PICKED_UP)) {
                for (DeliveredDrug item : l.getItems()) {
                    for (String code : item.getTraceabilityCodes()) {
                        Logistics first = firstDispensing.putIfAbsent(code, l);
                        if (first != null && !first.getShipmentId().equals(l.getShipmentId())) {
                            boolean inOrder = dispensingOrder.compare(first, l) <= 0;
                            alerts.get(l.getEventId()).add(new Alert("DLV-TRACE-CODE-REUSED", inOrder
                                    ? first.getEventId() + "," + l.getEventId()
                                    : l.getEventId() + "," + first.getEventId()));
                        }
                    }
                }
            }
        }
        // a prescription settled again under another settlement id, or dispensed again under another shipment id,
        // judged against the earliest settlement or dispensing seen: the earlier (by event time, then eventId) cited
        // first, the alert raised on the one arriving later
        Map<String, PrescriptionUse> earliestUse = new HashMap<>();
        for (SpecificRecord record : live) {
            PrescriptionUse use = PrescriptionUse.of(record);
            if (use != null) {
                PrescriptionUse first = earliestUse.putIfAbsent(use.key(), use);
                if (first != null && !first.id().equals(use.id())) {
                    boolean inOrder = PrescriptionUse.ORDER.compare(first, use) <= 0;
                    if (!inOrder) {
                        earliestUse.put(use.key(), use);
                    }
                    alerts.get(use.eventId()).add(new Alert("RX-DUPLICATE-DISPENSE", inOrder
                            ? first.eventId() + "," + use.eventId()
                            : use.eventId() + "," + first.eventId()));
                }
            }
        }
        FollowUpOracle.judge(traffic, alerts);
        BulkOracle.judge(live, alerts);
        EarlyRefillOracle.judge(live, alerts);
        PriceOracle.judge(live, alerts);
        return alerts;
    }

    void learn(SpecificRecord record) {
        String key = key(record);
        if (key == null) {
            return;
        }
        List<SpecificRecord> known = versions.computeIfAbsent(key, k -> new ArrayList<>());
        known.removeIf(v -> validFrom(v).equals(validFrom(record)));
        known.add(record);
        known.sort(Comparator.comparing(RuleOracle::validFrom));
    }

    List<Alert> judge(SpecificRecord event) {
        List<Alert> alerts = new ArrayList<>();
        if (event instanceof Consultation c) {
            IdentityVerification how = c.getIdentityVerification();
            if (how != IdentityVerification.INSURANCE_E_VOUCHER && how != IdentityVerification.FACE_RECOGNITION) {
                alerts.add(new Alert("ID-UNVERIFIED", c.getEventId()));
            }
        } else if (event instanceof Prescription p) {
            if (p.getESignature() == null || p.getESignature().getCertificateSerial().isBlank()) {
                alerts.add(new Alert("RX-NO-SIGNATURE", p.getEventId()));
            }
            if (p.getPharmacistReview() == null || !p.getPharmacistReview().getApproved()) {
                alerts.add(new Alert("RX-NO-PHARMACIST", p.getEventId()));
            }
            Optional<DoctorRegistration> registration = at("doctor:" + p.getDoctorId(), p.getSignedAt());
            if (registration.isEmpty() || registration.get().getStatus() == DoctorStatus.REVOKED
                    || !registration.get().getInternetPlusQualified()) {
                alerts.add(new Alert("ID-DOCTOR-UNREGISTERED", p.getEventId()));
            } else if (registration.get().getStatus() == DoctorStatus.SUSPENDED) {
                alerts.add(new Alert("ID-DOCTOR-SUSPENDED", p.getEventId()));
            }
            int limit = Scenario.GENERAL_MAX_DAYS_OF_SUPPLY;
            for (Diagnosis diagnosis : p.getDiagnoses()) {
                String code = diagnosis.getIcd10Code();
                String category = code.contains(".") ? code.substring(0, code.indexOf('.')) : code;
                Optional<ChronicDisease> chronic = at("chronic:" + category, p.getSignedAt());
                if (chronic.isPresent()) {
                    limit = Math.max(limit, chronic.get().getMaxDaysOfSupply());
                }
            }
            int longest = p.getLines().stream().mapToInt(PrescriptionLine::getDaysOfSupply).max().orElse(0);
            if (longest > limit) {
                alerts.add(new Alert("RX-LONG-SUPPLY", p.getEventId()));
            }
        } else if (event instanceof Settlement s) {
            long deliveryByInsurance = 0;
            boolean mismatch = false;
            long lines = 0;
            for (FeeItem item : s.getFeeItems()) {
                lines += item.getAmountFen();
                if (item.getKind() == FeeKind.DELIVERY_FEE) {
                    deliveryByInsurance += item.getFundFen() + item.getPersonalAccountFen();
                }
                mismatch |= item.getUnitPriceFen() * item.getQuantity() != item.getAmountFen()
                        || item.getFundFen() + item.getPersonalAccountFen() + item.getCashFen() != item.getAmountFen();
            }
            mismatch |= !s.getFeeItems().isEmpty() && lines != s.getTotalFen();
            mismatch |= s.getFundFen() + s.getPersonalAccountFen() + s.getCashFen() != s.getTotalFen();
            if (deliveryByInsurance > 0) {
                alerts.add(new Alert("PAY-DELIVERY-FEE", s.getEventId()));
            }
            if (mismatch) {
                alerts.add(new Alert("PAY-AMOUNT-MISMATCH", s.getEventId()));
            }
            String institution = s.getInternetHospitalId() != null ? s.getInternetHospitalId()
                    : s.getSettlingInstitutionId();
            Optional<InstitutionAgreement> agreement = at("institution:" + institution, s.getSettledAt());
            if (agreement.isEmpty() || agreement.get().getAgreementStatus() != AgreementStatus.VALID) {
                alerts.add(new Alert("PAY-NO-AGREEMENT", s.getEventId()));
            }
            Optional<InsuredPersonStatus> status = at("insured:" + s.getInsuredPersonId(), s.getSettledAt());
            if (status.isPresent() && status.get().getStatus() == InsuredStatus.SUSPENDED_FOR_FRAUD) {
                alerts.add(new Alert("PAY-INSURED-SUSPENDED", s.getEventId()));
            }
            for (FeeItem item : s.getFeeItems()) {
                if (item.getKind() == FeeKind.CONSULTATION_FEE) {
                    Optional<PriceCap> cap = at("price-cap:" + s.getPoolingRegion() + ":" + item.getItemCode(),
                            s.getSettledAt());
                    if (cap.isPresent() && item.getUnitPriceFen() > cap.get().getCapFen()) {
                        alerts.add(new Alert("PAY-FEE-ABOVE-CAP", s.getEventId()));
                        break;
                    }
                }
            }
            for (FeeItem item : s.getFeeItems()) {
                if (item.getKind() == FeeKind.DRUG && item.getFundFen() > 0) {
                    Optional<DrugCatalogueEntry> drug = at("drug:" + item.getItemCode(), s.getSettledAt());
                    if (drug.isEmpty() || !drug.get().getInInsuranceList()) {
                        alerts.add(new Alert("PAY-NOT-COVERED", s.getEventId()));
                        break;
                    }
                }
            }
        } else if (event instanceof Logistics l) {
            if ((l.getStatus() == DeliveryStatus.DISPATCHED || l.getStatus() == DeliveryStatus.PICKED_UP)
                    && l.getItems().stream().map(DeliveredDrug::getTraceabilityCodes).anyMatch(List::isEmpty)) {
                alerts.add(new Alert("DLV-TRACE-CODE-MISSING", l.getEventId()));
            }
        }
        return alerts;
    }

    /** The versions learnt of an entity, e.g. {@code doctor:DR000001}, in order of validFrom. */
    List<SpecificRecord> versions(String key) {
        return versions.getOrDefault(key, List.of());
    }

    @SuppressWarnings("unchecked")
    private <R extends SpecificRecord> Optional<R> at(String key, Instant at) {
        List<SpecificRecord> known = versions.getOrDefault(key, List.of());
        for (int i = known.size() - 1; i >= 0; i--) {
            SpecificRecord version = known.get(i);
            if (!validFrom(version).isAfter(at)) {
                Instant to = validTo(version);
                return to == null || to.isAfter(at) ? Optional.of((R) version) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String key(SpecificRecord record) {
        if (record instanceof DoctorRegistration d) {
            return "doctor:" + d.getDoctorId();
        } else if (record instanceof InstitutionAgreement a) {
            return "institution:" + a.getInstitutionId();
        } else if (record instanceof InsuredPersonStatus s) {
            return "insured:" + s.getInsuredPersonId();
        } else if (record instanceof ChronicDisease d) {
            return "chronic:" + d.getIcd10Prefix();
        } else if (record instanceof DrugCatalogueEntry d) {
            return "drug:" + d.getDrugCode();
        } else if (record instanceof PriceCap c) {
            return "price-cap:" + c.getPoolingRegion() + ":" + c.getItemCode();
        }
        return null;
    }

    private static Instant validFrom(SpecificRecord record) {
        return (Instant) record.get(record.getSchema().getField("validFrom").pos());
    }

    private static Instant validTo(SpecificRecord record) {
        return (Instant) record.get(record.getSchema().getField("validTo").pos());
    }
}
