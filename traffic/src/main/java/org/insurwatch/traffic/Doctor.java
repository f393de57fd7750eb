package org.insurwatch.traffic;

import java.util.List;

/**
 * A registered insurance doctor with Internet+ qualification.
 *
 * @param serial position in the world's list of doctors
 * @param certificateSerial serial of the certificate the doctor signs e-prescriptions with
 * @param internetHospitals the one or two internet hospitals the doctor practises at
 */
public record Doctor(int serial, String id, String insuranceDoctorCode, String name, String certificateSerial,
                     List<InternetHospital> internetHospitals) {
}
