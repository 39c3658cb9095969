/*
 * Hand-written reference for the "parameters per neuron" LIF benchmark (see benchmarks/README.md).
 *
 * Model, written out by hand so the simulators have a lower bound to be measured against:
 *   dv/dt = (v0 - v)/tau : 1 (unless refractory),  v0 = i*3/(N-1),  tau = 10 ms
 *   threshold v > 1, reset v = 0, refractory 5 ms, exact integration, dt = 0.1 ms.
 *
 * Refractoriness follows Brian2's rule: a neuron is refractory while
 * timestep(t - lastspike) < timestep(5 ms), with timestep(x) = (int64)((x + 1e-3*dt)/dt) and
 * lastspike starting at -1e4 s. A refractory neuron neither integrates nor spikes.
 *
 * One fused loop per time step does what a simulator spreads over its update, threshold and reset
 * stages; that is the fastest plain single-threaded form, which is what the comparison needs.
 *
 * Usage: per_neuron_lif [N] [duration_seconds] [--record] [--brian2-arithmetic]
 *   --record             also store (index, time) of every spike in growable arrays, as a SpikeMonitor does
 *   --brian2-arithmetic  update with v*f + v0 - v0*f (Brian2's generated expression) instead of
 *                        v0 + (v - v0)*f; both are exact integration, they differ only in rounding
 * Output: key=value lines (loop_seconds, loop_cpu_seconds, total_spikes, count_checksum, ...), parsed by benchmarks/run.py.
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "spike_record.h"

static const double tau = 10e-3;
static const double dt = 1e-4;
static const double refractory = 5e-3;
static const double v0_max = 3.0;

/* Brian2's conversion of a time to a whole number of steps (tolerant to rounding just below a step). */
static inline int64_t timestep(double t) { return (int64_t)((t + 1e-3 * dt) / dt); }


/* Seconds on `clock` (wall time: CLOCK_MONOTONIC, CPU time: CLOCK_PROCESS_CPUTIME_ID). */
static double seconds_now(clockid_t clock) {
    struct timespec now;
    clock_gettime(clock, &now);
    return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

static void *checked_calloc(size_t count, size_t size) {
    void *memory = calloc(count, size);
    if (!memory) {
        fprintf(stderr, "per_neuron_lif: cannot allocate %zu elements\n", count);
        exit(1);
    }
    return memory;
}

int main(int argc, char **argv) {
    long n = 1000000;
    double duration = 1.0;
    int record = 0, brian2_arithmetic = 0, positional = 0;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--record") == 0) record = 1;
        else if (strcmp(argv[a], "--brian2-arithmetic") == 0) brian2_arithmetic = 1;
        else if (positional == 0) { n = atol(argv[a]); positional++; }
        else if (positional == 1) { duration = atof(argv[a]); positional++; }
        else { fprintf(stderr, "per_neuron_lif: unexpected argument '%s'\n", argv[a]); return 2; }
    }
    if (n < 2 || duration <= 0) {
        fprintf(stderr, "per_neuron_lif: need N >= 2 and a positive duration (got N=%ld, duration=%g)\n", n, duration);
        return 2;
    }

    double *v = checked_calloc((size_t)n, sizeof *v);
    double *v0 = checked_calloc((size_t)n, sizeof *v0);
    double *lastspike = checked_calloc((size_t)n, sizeof *lastspike);
    int32_t *count = checked_calloc((size_t)n, sizeof *count);
    for (long i = 0; i < n; i++) {
        v0[i] = (double)i * v0_max / (double)(n - 1);
        lastspike[i] = -1e4;
    }
    SpikeRecord spikes = {0};

    const double factor = exp(-dt / tau);
    const int64_t refractory_steps = timestep(refractory);
    const int64_t steps = timestep(duration);

    double start = seconds_now(CLOCK_MONOTONIC), cpu_start = seconds_now(CLOCK_PROCESS_CPUTIME_ID);
    for (int64_t step = 0; step < steps; step++) {
        const double t = (double)step * dt;
        for (long i = 0; i < n; i++) {
            if (timestep(t - lastspike[i]) < refractory_steps) continue;
            double vi = brian2_arithmetic ? v[i] * factor + v0[i] - v0[i] * factor
                                          : v0[i] + (v[i] - v0[i]) * factor;
            if (vi > 1.0) {
                vi = 0.0;
                lastspike[i] = t;
                count[i]++;
                if (record) record_spike(&spikes, (int32_t)i, t);
            }
            v[i] = vi;
        }
    }
    double loop_seconds = seconds_now(CLOCK_MONOTONIC) - start;
    double loop_cpu_seconds = seconds_now(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;

    uint64_t total = 0, checksum = 0;
    for (long i = 0; i < n; i++) {
        total += (uint64_t)count[i];
        checksum += (uint64_t)(i + 1) * (uint64_t)count[i];
    }
    printf("n=%ld\nduration=%g\nsteps=%lld\nrecord=%d\nbrian2_arithmetic=%d\n", n, duration, (long long)steps,
           record, brian2_arithmetic);
    printf("loop_seconds=%.6f\nloop_cpu_seconds=%.6f\ntotal_spikes=%llu\ncount_checksum=%llu\nrecorded_spikes=%zu\n", loop_seconds,
           loop_cpu_seconds, (unsigned long long)total, (unsigned long long)checksum, spikes.length);
    free(v); free(v0); free(lastspike); free(count); free(spikes.index); free(spikes.time);
    return 0;
}
