package org.insurwatch.jobs.rules.traceability;

import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.PharmacistReview;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.Settlement;

import java.io.Serializable;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads the chain step out of each live stream's record, pseudonymising the patient on the way. */
public final class ChainEvents implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Pseudonymiser pseudonymiser;

    public ChainEvents(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    public ChainEvent of(Consultation c) {
        ChainEvent e = base(ChainStage.CONSULTED, c.getEventId(), c.getEventTime().toEpochMilli(), c.getStartedAt().toEpochMilli());
        e.consultationId = c.getConsultationId();
        e.doctorId = c.getDoctorId();
        e.institutionId = c.getInstitutionId();
        e.internetHospitalId = c.getInternetHospitalId();
        e.poolingRegion = c.getPoolingRegion();
        e.patientPseudonym = pseudonymiser.pseudonym(c.getInsuredPersonId());
        e.guardianPseudonyms = c.getGuardianInsuredPersonIds().stream().map(pseudonymiser::pseudonym).collect(Collectors.joining(","));
        return e;
    }

    public ChainEvent of(Prescription p) {
        ChainEvent e = base(ChainStage.PRESCRIBED, p.getEventId(), p.getUploadedAt().toEpochMilli(), p.getSignedAt().toEpochMilli());
        e.consultationId = p.getConsultationId();
        e.prescriptionId = p.getPrescriptionId();
        e.doctorId = p.getDoctorId();
        e.institutionId = p.getInstitutionId();
        e.internetHospitalId = p.getInternetHospitalId();
        e.poolingRegion = p.getPoolingRegion();
        e.patientPseudonym = pseudonymiser.pseudonym(p.getInsuredPersonId());
        PharmacistReview review = p.getPharmacistReview();
        e.reviewedAt = review != null && review.getApproved() ? review.getReviewedAt().toEpochMilli() : 0;
        return e;
    }

    public ChainEvent of(Settlement s) {
        long settledAt = s.getSettledAt().toEpochMilli();
        ChainEvent e = base(ChainStage.SETTLED, s.getEventId(), settledAt, settledAt);
        e.consultationId = s.getConsultationId();
        e.prescriptionId = s.getPrescriptionId();
        e.settlementId = s.getSettlementId();
        e.institutionId = s.getSettlingInstitutionId();
        e.internetHospitalId = s.getInternetHospitalId();
        e.pharmacyId = s.getPharmacyId();
        e.poolingRegion = s.getPoolingRegion();
        e.patientPseudonym = pseudonymiser.pseudonym(s.getInsuredPersonId());
        e.payerPseudonym = pseudonymiser.pseudonym(s.getPayingGuardianId());
        e.fundFen = s.getFundFen();
        e.handOverExpected = s.getPrescriptionId() != null && s.getFulfilment() != Fulfilment.NONE;
        return e;
    }

    /** Only dispatch and hand-over are chain steps; in-transit scans are not. */
    public Optional<ChainEvent> of(Logistics l) {
        ChainStage stage = switch (l.getStatus()) {
            case DISPATCHED -> ChainStage.DISPATCHED;
            case DELIVERED -> ChainStage.DELIVERED;
            case PICKED_UP -> ChainStage.PICKED_UP;
            case IN_TRANSIT, OTHER -> null;
        };
        if (stage == null) {
            return Optional.empty();
        }
        long at = l.getEventTime().toEpochMilli();
        ChainEvent e = base(stage, l.getEventId(), at, at);
        e.prescriptionId = l.getPrescriptionId();
        e.settlementId = l.getSettlementId();
        e.shipmentId = l.getShipmentId();
        e.pharmacyId = l.getPharmacyId();
        e.poolingRegion = l.getDestinationRegion();
        e.patientPseudonym = pseudonymiser.pseudonym(l.getRecipientInsuredPersonId());
        return Optional.of(e);
    }

    private static ChainEvent base(ChainStage stage, String eventId, long eventTime, long occurredAt) {
        ChainEvent e = new ChainEvent();
        e.stage = stage;
        e.eventId = eventId;
        e.eventTime = eventTime;
        e.occurredAt = occurredAt;
        return e;
    }
}
