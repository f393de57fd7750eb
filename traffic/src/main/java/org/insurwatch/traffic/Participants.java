package org.insurwatch.traffic;

/** Who takes part in one visit chain. */
record Participants(InsuredPerson patient, Doctor doctor, InternetHospital internetHospital, String pharmacistId,
                    RetailPharmacy pharmacy) {
}
