/// The lab guide's exercises, as the console lists them (section 3 of `docs/lab.md`).
///
/// Kept here rather than read from `docs/lab.md` at run time: the fleet binary runs without the
/// repository next to it. A test checks that each fleet-wide query is in the guide, word for word.
public enum LabGuide {
    /// Exercises 1–8, in the guide's order.
    public static let exercises: [LabExercise] = [
        LabExercise(title: "Exercise 1: something is growing", scenario: "scenario1", queries: [
            #"namedprocess_namegroup_memory_bytes{groupname="python", memtype="resident"⟨,i⟩}"#,
            #"deriv(namedprocess_namegroup_memory_bytes{groupname="python", memtype="resident"⟨,i⟩}[2m]) > 100e3"#,
        ]),
        LabExercise(title: "Exercise 2: running out of something", scenario: "scenario2", queries: [
            #"node_filesystem_avail_bytes{mountpoint="/"⟨,i⟩}"#,
            #"predict_linear(node_filesystem_avail_bytes{mountpoint="/"⟨,i⟩}[5m], 3600) < 0"#,
        ]),
        LabExercise(title: "Exercise 3: somebody is being refused", scenario: "scenario3", queries: [
            #"http_server_duration_milliseconds_count{http_status_code="429"⟨,i⟩}"#,
            #"sum by (instance, http_status_code) (rate(http_server_duration_milliseconds_count⟨i⟩[1m]))"#,
        ]),
        LabExercise(title: "Exercise 4: everything takes longer", scenario: "scenario4", queries: [
            #"histogram_quantile(0.99, sum by (le, instance) (rate(http_server_duration_milliseconds_bucket⟨i⟩[1m])))"#,
        ]),
        LabExercise(title: "Exercise 5: some requests fail", scenario: "scenario5", queries: [
            #"sum by (instance, http_status_code) (rate(http_server_duration_milliseconds_count⟨i⟩[1m]))"#,
        ]),
        LabExercise(title: "Exercise 6: a busy process", scenario: "scenario6", queries: [
            #"rate(process_cpu_seconds_total⟨i⟩[1m])"#,
            #"node_load1⟨i⟩"#,
        ]),
        LabExercise(title: "Exercise 7: it keeps coming back", scenario: "scenario7", queries: [
            #"changes(process_start_time_seconds⟨i⟩[5m])"#,
            #"increase(fleet_instance_restarts_total⟨i⟩[5m])"#,
        ]),
        LabExercise(title: "Exercise 8: something is not given back", scenario: "scenario8", queries: [
            #"process_open_fds⟨i⟩"#,
            #"deriv(process_open_fds⟨i⟩[2m])"#,
        ]),
    ]
}
