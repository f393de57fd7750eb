package org.insurwatch.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.DeliveredDrug;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.ESignature;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.PharmacistReview;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.Settlement;

/** Renders the steps of a visit chain as the Avro records of the four streams. */
final class ChainRecords {

    // Units of one chain, of both its shipments if it ships twice, are numbered below this, so chain number and
    // unit index make a unique serial.
    static final long UNITS_PER_CHAIN = 100;

    private ChainRecords() {
    }

    static GeneratedEvent event(VisitChain chain, ChainStep step) {
        String key = switch (step) {
            case CONSULTATION -> chain.consultationId();
            case SETTLEMENT -> chain.settlementId();
            case SECOND_SETTLEMENT -> chain.secondSettlementId();
            case PRESCRIPTION, DISPATCH, IN_TRANSIT, FAILED_DELIVERY, IN_TRANSIT_AGAIN, DELIVERY, PICK_UP,
                 SECOND_DISPATCH, SECOND_DELIVERY -> chain.prescriptionId();
        };
        SpecificRecord record = switch (step) {
            case CONSULTATION -> consultation(chain);
            case PRESCRIPTION -> prescription(chain);
            case SETTLEMENT -> settlement(chain, step, chain.settlementId(), chain.fulfilment());
            case SECOND_SETTLEMENT -> settlement(chain, step, chain.secondSettlementId(), Fulfilment.NONE);
            case DISPATCH, SECOND_DISPATCH -> logistics(chain, step, DeliveryStatus.DISPATCHED);
            case IN_TRANSIT, IN_TRANSIT_AGAIN -> logistics(chain, step, DeliveryStatus.IN_TRANSIT);
            case FAILED_DELIVERY, DELIVERY, SECOND_DELIVERY -> logistics(chain, step, DeliveryStatus.DELIVERED);
            case PICK_UP -> logistics(chain, step, DeliveryStatus.PICKED_UP);
        };
        return new GeneratedEvent(step.stream().streamName(), key, chain.timeline().timeOf(step), record);
    }

    /**
     * An offline visit the insurer learns of from its own settlement: a reference record, carried in the
     * traffic on the {@code ref.offline-visits} stream at the time of the visit and keyed like the topic.
     */
    static GeneratedEvent offlineVisit(InsuredPerson person, OfflineDiagnosis diagnosis) {
        return new GeneratedEvent(ReferenceTopic.OFFLINE_VISITS.topicName(), diagnosis.offlineVisitId(),
                diagnosis.diagnosedAt().toEpochMilli(), diagnosis.visitOf(person));
    }

    private static Consultation consultation(VisitChain chain) {
        Participants who = chain.participants();
        InsuredPerson patient = who.patient();
        OfflineDiagnosis followUpOf = chain.followUpOf();
        Timeline t = chain.timeline();
        return Consultation.newBuilder()
                .setEventId(chain.eventId(ChainStep.CONSULTATION))
                .setEventTime(instant(t.timeOf(ChainStep.CONSULTATION)))
                .setConsultationId(chain.consultationId())
                .setStartedAt(instant(t.startedAt()))
                .setEndedAt(instant(t.endedAt()))
                .setInternetHospitalId(who.internetHospital().id())
                .setInstitutionId(who.internetHospital().owner().id())
                .setDoctorId(chain.consultingDoctor().id())
                .setInsuredPersonId(patient.id())
                .setPatientName(patient.name())
                .setPatientIdNumber(patient.residentIdNumber())
                .setGuardianInsuredPersonIds(chain.guardianIds())
                .setIdentityVerification(chain.identityVerification())
                .setVisitType(chain.visitType())
                .setDiagnoses(List.of(chain.diagnosis().diagnosis()))
                .setFollowUpOf(followUpOf == null ? null : followUpOf.reference())
                .setPoolingRegion(patient.region().code())
                .build();
    }

    private static Prescription prescription(VisitChain chain) {
        Participants who = chain.participants();
        Timeline t = chain.timeline();
        List<PrescriptionLine> lines = chain.drugs().stream()
                .map(line -> new PrescriptionLine(line.drug().code(), line.drug().prescriptionName(), line.boxes(),
                        line.drug().unit(), line.daysOfSupply()))
                .toList();
        return Prescription.newBuilder()
                .setEventId(chain.eventId(ChainStep.PRESCRIPTION))
                .setPrescriptionId(chain.prescriptionId())
                .setConsultationId(chain.consultationId())
                .setInternetHospitalId(who.internetHospital().id())
                .setInstitutionId(who.internetHospital().owner().id())
                .setDoctorId(who.doctor().id())
                .setInsuredPersonId(who.patient().id())
                .setSignedAt(instant(t.signedAt()))
                .setUploadedAt(instant(t.timeOf(ChainStep.PRESCRIPTION)))
                .setESignature(switch (chain.signature()) {
                    case SIGNED -> new ESignature(who.doctor().certificateSerial(), instant(t.signedAt()));
                    case BLANK_CERTIFICATE -> new ESignature("", instant(t.signedAt()));
                    case NONE -> null;
                })
                .setPharmacistReview(switch (chain.review()) {
                    case APPROVED -> new PharmacistReview(who.pharmacistId(), instant(t.reviewedAt()), true);
                    case NOT_APPROVED -> new PharmacistReview(who.pharmacistId(), instant(t.reviewedAt()), false);
                    case NONE -> null;
                })
                .setDiagnoses(List.of(chain.diagnosis().diagnosis()))
                .setLines(lines)
                .setPoolingRegion(who.patient().region().code())
                .build();
    }

    /**
     * The chain's settlement under {@code settlementId}, at the step's time; a second settlement of the
     * prescription (RX-DUPLICATE-DISPENSE) fulfils nothing, so bills no delivery.
     */
    private static Settlement settlement(VisitChain chain, ChainStep step, String settlementId,
                                         Fulfilment fulfilment) {
        Participants who = chain.participants();
        SettlementBill bill = SettlementBill.of(chain, fulfilment);
        return Settlement.newBuilder()
                .setEventId(chain.eventId(step))
                .setSettlementId(settlementId)
                .setSettledAt(instant(chain.timeline().timeOf(step)))
                .setConsultationId(chain.consultationId())
                .setPrescriptionId(chain.prescriptionId())
                .setInsuredPersonId(chain.settledForPersonId())
                .setPayingGuardianId(chain.payingGuardianId())
                .setSettlingInstitutionId(who.internetHospital().id())
                .setInternetHospitalId(who.internetHospital().id())
                .setPharmacyId(who.pharmacy().id())
                .setPoolingRegion(who.patient().region().code())
                .setTotalFen(bill.totalFen())
                .setFundFen(bill.fundFen())
                .setPersonalAccountFen(bill.personalAccountFen())
                .setCashFen(bill.cashFen())
                .setFeeItems(bill.items())
                .setFulfilment(fulfilment)
                .build();
    }

    private static Logistics logistics(VisitChain chain, ChainStep step, DeliveryStatus status) {
        Participants who = chain.participants();
        boolean pickedUp = status == DeliveryStatus.PICKED_UP;
        boolean secondShipment = step == ChainStep.SECOND_DISPATCH || step == ChainStep.SECOND_DELIVERY;
        return Logistics.newBuilder()
                .setEventId(chain.eventId(step))
                .setEventTime(instant(chain.timeline().timeOf(step)))
                .setShipmentId(secondShipment ? chain.secondShipmentId() : chain.shipmentId())
                .setPrescriptionId(chain.prescriptionId())
                .setSettlementId(chain.emits(ChainStep.SETTLEMENT) ? chain.settlementId() : null)
                .setStatus(status)
                .setPharmacyId(who.pharmacy().id())
                .setCarrier(pickedUp ? null : chain.carrier())
                .setDestinationRegion(pickedUp ? who.pharmacy().region().code() : chain.deliveryRegion().code())
                .setRecipientInsuredPersonId(who.patient().id())
                .setItems(deliveredDrugs(chain, secondShipment))
                .build();
    }

    /**
     * One 20-digit traceability code per box: the drug's 7-digit prefix and a 13-digit serial. A second shipment
     * sells packs of its own, numbered after the first's, so that none of its codes was sold before.
     */
    private static List<DeliveredDrug> deliveredDrugs(VisitChain chain, boolean secondShipment) {
        List<DeliveredDrug> items = new ArrayList<>(chain.drugs().size());
        long unit = chain.number() * UNITS_PER_CHAIN
                + (secondShipment ? chain.drugs().stream().mapToInt(PrescribedDrug::boxes).sum() : 0);
        for (int index = 0; index < chain.drugs().size(); index++) {
            PrescribedDrug line = chain.drugs().get(index);
            List<String> codes = new ArrayList<>(line.boxes());
            for (int box = 0; box < line.boxes(); box++) {
                String code = line.drug().traceabilityPrefix() + String.format("%013d", unit++);
                if (index != chain.uncodedLine()) {
                    // an uncoded line leaves its serials unused (DLV-TRACE-CODE-MISSING)
                    codes.add(code);
                }
            }
            items.add(new DeliveredDrug(line.drug().code(), line.boxes(), codes));
        }
        if (chain.reusedCode() != null) {
            // a pack sold before on another shipment (DLV-TRACE-CODE-REUSED)
            String code = chain.reusedCode();
            DeliveredDrug item = items.stream().filter(i -> {
                String prefix = DrugCatalogue.traceabilityPrefixOf(i.getDrugCode());
                return !prefix.isEmpty() && code.startsWith(prefix);
            }).findFirst().orElse(items.get(0));
            item.getTraceabilityCodes().set(0, code);
        }
        return items;
    }

    private static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
