/*
 * ranvier.h — the plain-C interface of the Ranvier engine.
 *
 * Every function returns an rv_status; RV_OK (0) is success. On failure the calling thread's
 * message is available from rv_last_error() until the next failing call on that thread.
 * Handles are opaque, reference-counted engine objects: each handle returned through an out
 * parameter is owned by the caller and must be given back with rv_release().
 * Strings returned through `const char **` out parameters belong to the engine and stay valid
 * until the next call on the same thread that returns a string.
 */
#ifndef RANVIER_H
#define RANVIER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RV_API_VERSION_MAJOR 0
#define RV_API_VERSION_MINOR 4
#define RV_API_VERSION_PATCH 0

typedef int32_t rv_status;
#define RV_OK 0
#define RV_ERR_SYNTAX 1          /* Python: SyntaxError */
#define RV_ERR_DIMENSION 2       /* Python: DimensionMismatchError */
#define RV_ERR_UNKNOWN_NAME 3    /* Python: KeyError */
#define RV_ERR_VALUE 4           /* Python: ValueError */
#define RV_ERR_INDEX 5           /* Python: IndexError */
#define RV_ERR_TYPE 6            /* Python: TypeError */
#define RV_ERR_NOT_IMPLEMENTED 7 /* Python: NotImplementedError */
#define RV_ERR_UNSUPPORTED_EQUATIONS 8 /* Python: UnsupportedEquationsException (an integration method cannot apply) */
#define RV_ERR_INTERRUPTED 9     /* Python: KeyboardInterrupt */
#define RV_ERR_IO 10             /* Python: OSError (a file that cannot be opened, read or written) */
#define RV_ERR_MEMORY 11         /* Python: MemoryError (refused before allocating) */
#define RV_ERR_CALLBACK 12       /* a caller's callback (network operation) failed; Python: its own exception */

/* Element types of engine arrays. */
#define RV_DTYPE_FLOAT64 0
#define RV_DTYPE_INT32 1
#define RV_DTYPE_BOOL 2          /* one byte per element, 0 or 1 */
#define RV_DTYPE_FLOAT32 3

/* The seven SI base dimensions, in this order, as exponents: m, kg, s, A, K, mol, cd. */
#define RV_DIMENSIONS 7

typedef void *rv_handle;

/* A view of one engine array. `owner` is a handle, owned by the caller, that keeps `data` alive:
 * release it with rv_release() when the view is no longer used (a monitor that grows in a later run
 * moves to new memory, but memory already handed out stays valid while its owner is held).
 * The array is `rows` x `cols`, row-major; a 1-d array has cols == 1 and `is_2d` == 0. */
typedef struct rv_array {
    void *data;
    rv_handle owner;
    int64_t rows;
    int64_t cols;
    int32_t is_2d;
    int32_t dtype;
    int32_t read_only;
    int32_t is_shared;      /* one value for the whole group (flag `shared`) */
    double dimensions[RV_DIMENSIONS];
} rv_array;

/* Called after every time step of a run (and after each source neuron of a polled connect), so it
 * must be cheap; return non-zero to stop the run, which then fails with RV_ERR_INTERRUPTED. During a
 * run it may call rv_network_stop() to end the run normally after that step instead. */
typedef int32_t (*rv_poll_callback)(void *context);

/* Called at the steps of a network operation's clock with that clock's time in seconds; return 0
 * to continue, non-zero when it failed (the run then ends with RV_ERR_CALLBACK at that step's time).
 * It may call other entry points (read and write variables, rv_network_stop) but not run a network. */
typedef int32_t (*rv_operation_callback)(void *context, double t);
/* Called once with the context when the object holding it is freed. */
typedef void (*rv_release_callback)(void *context);

/* -- errors and lifetime ------------------------------------------------------------------------- */
const char *rv_last_error(void);
rv_status rv_release(rv_handle handle);
rv_status rv_api_version(int32_t *major, int32_t *minor, int32_t *patch);

/* -- random numbers ------------------------------------------------------------------------------ */
/* Seeds the engine's generator; seed < 0 seeds from the operating system's entropy. */
rv_status rv_seed(int64_t seed);

/* -- namespaces: values of external names (tau, v0_max, mV...) resolved by the caller ------------- */
rv_status rv_namespace_create(rv_handle *out);
rv_status rv_namespace_set(rv_handle ns, const char *name, double value, const double *dimensions);
/* Sets `name` to a TimedArray: `rows` samples `dt` seconds apart, row-major in `values`, with the
 * given dimensions. `cols` == 0 makes it one-dimensional (called as name(t), `rows` values), else it
 * has `cols` columns (called as name(t, i), rows*cols values). The engine copies the values. */
rv_status rv_namespace_set_timed_array(rv_handle ns, const char *name, const double *values, int64_t rows,
                                       int64_t cols, double dt, const double *dimensions);

/* -- neuron groups ------------------------------------------------------------------------------- */
/* `method` may be "" for Brian2's default choice; `threshold`, `reset` and `refractory` may be "".
 * `refractory` is a code string (a time expression or a boolean condition); a refractory period
 * given as a number of seconds is passed as `refractory_seconds` (use 0 and "" for none).
 * `float_dtype` (RV_DTYPE_FLOAT64 or RV_DTYPE_FLOAT32) is how the model's variables are stored
 * (Brian2's default_float_dtype); boolean variables take one byte and `lastspike` is a double. */
rv_status rv_neurongroup_create(int64_t n, const char *model, const char *method,
                                const char *threshold, const char *reset,
                                const char *refractory, double refractory_seconds, int32_t float_dtype,
                                rv_handle *out);
/* Makes the group emit the given spikes (neuron index, time in seconds), repeating every `period`
 * seconds if it is positive: a SpikeGeneratorGroup. Replaces any earlier schedule. */
rv_status rv_neurongroup_set_spike_schedule(rv_handle group, const int64_t *indices, const double *times,
                                            int64_t count, double period);
/* The spikes of a group's schedule, sorted by time then neuron: `count` (and `period`, 0 for none)
 * receive its size, and `indices`/`times` (seconds) its first min(count, capacity) spikes (capacity 0:
 * only the size; NULL arrays are allowed then). RV_ERR_VALUE if the group has no schedule. */
rv_status rv_neurongroup_spike_schedule(rv_handle group, int64_t *indices, double *times, int64_t capacity,
                                        int64_t *count, double *period);
/* The subgroup `start` <= i < `stop` of a neuron group (Python's `G[start:stop]`): shares the parent's
 * variables, spikes with the parent, and indexes its elements from 0. */
rv_status rv_subgroup_create(rv_handle parent, int64_t start, int64_t stop, rv_handle *out);
/* Newline-separated external names the group's model, threshold, reset and refractory use. */
rv_status rv_group_external_names(rv_handle group, const char **out);
/* Newline-separated external names that `code` (statements, or an expression when is_expression)
 * uses beyond the group's own variables. */
rv_status rv_code_external_names(rv_handle group, const char *code, int32_t is_expression,
                                 const char **out);
/* Executes statements (e.g. "v = rand()") for the given indices (NULL and -1 for all). */
rv_status rv_group_execute(rv_handle group, const char *code, const int64_t *indices,
                           int64_t n_indices, rv_handle ns);
/* Evaluates an expression per element into `out` (length n_indices, or the group size for all). */
rv_status rv_group_evaluate(rv_handle group, const char *expression, const int64_t *indices,
                            int64_t n_indices, rv_handle ns, double *out);
/* Newline-separated names of variables readable with rv_object_variable. */
rv_status rv_object_variable_names(rv_handle object, const char **out);
rv_status rv_object_variable(rv_handle object, const char *name, rv_array *out);
/* Newline-separated names of the variables the model declares, as Brian2's equations.names: state
 * variables, parameters, subexpressions (with lastspike and not_refractory given refractoriness;
 * without event-driven synaptic variables). */
rv_status rv_group_model_variable_names(rv_handle group, const char **out);
/* Dimensions and kind of a model variable: kind 0 state/parameter, 1 subexpression, 2 internal. */
rv_status rv_group_variable_dimensions(rv_handle group, const char *name, double *dimensions,
                                       int32_t *kind);
rv_status rv_object_size(rv_handle object, int64_t *out);

/* -- synapses ---------------------------------------------------------------------------------- */
/* `source` must be a spiking group (a neuron group); `target` any group. `delay_seconds` is the initial
 * per-synapse delay of pre-type pathways. Pathways are added with rv_synapses_add_pathway. */
rv_status rv_synapses_create(rv_handle source, rv_handle target, const char *model, const char *method,
                             double delay_seconds, int32_t float_dtype, rv_handle *out);
/* Adds a pathway: `is_pre` 1 for code triggered by presynaptic spikes (on_pre), 0 for on_post;
 * `delay_seconds` applies to on_post pathways (on_pre pathways use the per-synapse `delay`). */
rv_status rv_synapses_add_pathway(rv_handle synapses, const char *name, int32_t is_pre, const char *code,
                                  double delay_seconds);
/* connect(i=..., j=...): explicit pairs. */
rv_status rv_synapses_connect_indices(rv_handle synapses, const int64_t *i, const int64_t *j, int64_t n);
/* connect(condition, p, n, j=generator): code strings, "" where not given. */
rv_status rv_synapses_connect(rv_handle synapses, const char *condition, const char *p, const char *n,
                              const char *j_generator, int32_t skip_if_invalid, rv_handle ns);
/* The same, calling `poll` after each source neuron (keep it cheap); when it returns non-zero the call
 * fails with RV_ERR_INTERRUPTED and no synapse is created. */
rv_status rv_synapses_connect_polled(rv_handle synapses, const char *condition, const char *p, const char *n,
                                     const char *j_generator, int32_t skip_if_invalid, rv_handle ns,
                                     rv_poll_callback poll, void *poll_context);
/* Newline-separated external names the arguments of a connect() call use. */
rv_status rv_synapses_connect_external_names(rv_handle synapses, const char *condition, const char *p,
                                             const char *n, const char *j_generator, const char **out);

/* -- monitors ------------------------------------------------------------------------------------ */
/* `variables` is newline-separated; `indices` NULL with n_indices -1 records every element. */
rv_status rv_statemonitor_create(rv_handle group, const char *variables, const int64_t *indices,
                                 int64_t n_indices, rv_handle *out);
/* After a run, adds one sample of the current values at the time the run reached (Brian2's
 * record_single_timestep); RV_ERR_TYPE before any run. */
rv_status rv_statemonitor_record_single_timestep(rv_handle monitor);
/* Records each spike's "i" and "t" (unless `record` is 0), the newline-separated `variables` at each
 * spike (values before the reset), and "count" per neuron. */
rv_status rv_spikemonitor_create(rv_handle group, const char *variables, int32_t record, rv_handle *out);
/* Records the population rate (spikes / (N dt), in Hz) of a group each step; arrays "t" and "rate". */
rv_status rv_ratemonitor_create(rv_handle group, rv_handle *out);

/* -- clocks and operations run at their steps --------------------------------------------------- */
/* A clock with its own time step; objects without one run on the network's default clock (its dt is
 * rv_network_set_dt's). Several clocks in one run advance as Brian2's do. */
rv_status rv_clock_create(double dt, rv_handle *out);
rv_status rv_clock_set_dt(rv_handle clock, double dt);
/* The clock's time step and step counter (its time is timestep * dt). */
rv_status rv_clock_state(rv_handle clock, double *dt, int64_t *timestep);
/* The network's default clock (a new handle; Brian2's defaultclock.t is its time, which may lie a
 * fraction of a step after the network's t when a run's end is not a whole number of steps). */
rv_status rv_network_default_clock(rv_handle network, rv_handle *out);
/* Runs an object (a state monitor, run_regularly code, a network operation) on `clock`; NULL for
 * the network's default clock. */
rv_status rv_object_set_clock(rv_handle object, rv_handle clock);
/* Statements executed for every element of `group` at every step of the object's clock, in the
 * `start` slot unless scheduled otherwise (Brian2's run_regularly). */
rv_status rv_run_regularly_create(rv_handle group, const char *code, rv_handle *out);
/* Calls `callback(context, t)` at every step of the object's clock, in the `start` slot unless
 * scheduled otherwise (Brian2's network_operation); `release` (may be NULL) gets the context back
 * when the object is freed. */
rv_status rv_network_operation_create(rv_operation_callback callback, rv_release_callback release,
                                      void *context, rv_handle *out);
/* Ends the network's current run after the step being run (from a network operation); no effect
 * between runs. */
rv_status rv_network_stop(rv_handle network);

/* -- inputs ------------------------------------------------------------------------------------- */
/* PoissonInput: `n` Poisson inputs of `rate` Hz onto `variable` of each element of `target`, each step
 * adding (binomial draw) x weight. The weight is the expression `weight_code`, or, when it is "",
 * the constant `weight_value` of dimension `weight_dimensions`. Scheduled in 'synapses' by default. */
rv_status rv_poissoninput_create(rv_handle target, const char *variable, int64_t n, double rate,
                                 const char *weight_code, double weight_value, const double *weight_dimensions,
                                 rv_handle *out);

/* -- scheduling and running ---------------------------------------------------------------------- */
/* Slot names: start, groups, thresholds, synapses, resets, end. */
rv_status rv_object_set_schedule(rv_handle object, const char *when, int32_t order);
rv_status rv_network_create(rv_handle *out);
rv_status rv_network_set_dt(rv_handle network, double dt);
/* Threads sharing the per-neuron loops of large groups (1 to 256; default 1). Results do not depend on it. */
rv_status rv_network_set_threads(rv_handle network, int32_t threads);
/* The network's time (during a run, from a callback: the time of the step being run) and default dt.
 * A completed run ends at exactly its start plus its duration, a stopped one at the next step's time. */
rv_status rv_network_time(rv_handle network, double *t, double *dt);
rv_status rv_network_set_time(rv_handle network, double t);
/* Wall-clock seconds the last run spent preparing its objects and in its time-step loop. */
rv_status rv_network_last_run_timing(rv_handle network, double *prepare_seconds, double *loop_seconds);
/* Runs `objects` for `duration` seconds. Every external name the objects use must be in `ns`. */
rv_status rv_network_run(rv_handle network, const rv_handle *objects, int64_t n_objects,
                         double duration, rv_handle ns, rv_poll_callback poll, void *poll_context);

/* -- snapshots: Brian2's store() / restore() ------------------------------------------------------ */
/* A snapshot of the network's time, the random generator's state and the state of `objects` (n
 * handles of groups, synapses or monitors; `names` holds their n names, newline-separated, unique):
 * variables, synapses, spikes in flight, recordings. Release it with rv_release(). */
rv_status rv_snapshot_take(rv_handle network, const rv_handle *objects, int64_t n, const char *names,
                           rv_handle *out);
/* Restores a snapshot into objects matched by name: RV_ERR_UNKNOWN_NAME when an object has no stored
 * state or a stored state has no object; the random generator too if `restore_random_state`.
 * Everything is checked first: on failure nothing has changed. */
rv_status rv_snapshot_restore(rv_handle snapshot, rv_handle network, const rv_handle *objects, int64_t n,
                              const char *names, int32_t restore_random_state);
/* Stores a snapshot under `name` in the file at `path`, keeping the file's other snapshots (format:
 * see SnapshotFile.swift). The file is replaced at once; RV_ERR_IO if it cannot be written. */
rv_status rv_snapshot_write(rv_handle snapshot, const char *path, const char *name);
/* The snapshot `name` of the file at `path`: RV_ERR_UNKNOWN_NAME if the file has none of that name,
 * RV_ERR_VALUE if the file is not a valid snapshot file, RV_ERR_IO if it cannot be read. */
rv_status rv_snapshot_read(const char *path, const char *name, rv_handle *out);
/* Bytes of state a snapshot holds. */
rv_status rv_snapshot_byte_count(rv_handle snapshot, int64_t *out);

#ifdef __cplusplus
}
#endif
#endif /* RANVIER_H */
