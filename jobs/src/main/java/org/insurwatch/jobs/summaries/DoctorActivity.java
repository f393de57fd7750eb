package org.insurwatch.jobs.summaries;

/** What one doctor did in one hour across all internet hospitals: the measure of what a person can do. A Flink POJO. */
public class DoctorActivity {
    public long windowStart;
    public long windowEnd;
    public String doctorId;
    public long consultations;
    public long prescriptions;
    public long internetHospitals;

    public DoctorActivity() {
    }

    public DoctorActivity(long windowStart, long windowEnd, String doctorId, long consultations, long prescriptions,
                          long internetHospitals) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.doctorId = doctorId;
        this.consultations = consultations;
        this.prescriptions = prescriptions;
        this.internetHospitals = internetHospitals;
    }
}
