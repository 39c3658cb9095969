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
#define RV_API_VERSION_MINOR 2
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

/* Called between time steps (about every few milliseconds of wall time); return non-zero to stop the
 * run, which then fails with RV_ERR_INTERRUPTED. */
typedef int32_t (*rv_poll_callback)(void *context);

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
/* Newline-separated external names the arguments of a connect() call use. */
rv_status rv_synapses_connect_external_names(rv_handle synapses, const char *condition, const char *p,
                                             const char *n, const char *j_generator, const char **out);

/* -- monitors ------------------------------------------------------------------------------------ */
/* `variables` is newline-separated; `indices` NULL with n_indices -1 records every element. */
rv_status rv_statemonitor_create(rv_handle group, const char *variables, const int64_t *indices,
                                 int64_t n_indices, rv_handle *out);
rv_status rv_spikemonitor_create(rv_handle group, rv_handle *out);
/* Records the population rate (spikes / (N dt), in Hz) of a group each step; arrays "t" and "rate". */
rv_status rv_ratemonitor_create(rv_handle group, rv_handle *out);

/* -- scheduling and running ---------------------------------------------------------------------- */
/* Slot names: start, groups, thresholds, synapses, resets, end. */
rv_status rv_object_set_schedule(rv_handle object, const char *when, int32_t order);
rv_status rv_network_create(rv_handle *out);
rv_status rv_network_set_dt(rv_handle network, double dt);
/* Threads sharing the per-neuron loops of large groups (1 to 256; default 1). Results do not depend on it. */
rv_status rv_network_set_threads(rv_handle network, int32_t threads);
rv_status rv_network_time(rv_handle network, double *t, double *dt);
rv_status rv_network_set_time(rv_handle network, double t);
/* Wall-clock seconds the last run spent preparing its objects and in its time-step loop. */
rv_status rv_network_last_run_timing(rv_handle network, double *prepare_seconds, double *loop_seconds);
/* Runs `objects` for `duration` seconds. Every external name the objects use must be in `ns`. */
rv_status rv_network_run(rv_handle network, const rv_handle *objects, int64_t n_objects,
                         double duration, rv_handle ns, rv_poll_callback poll, void *poll_context);

#ifdef __cplusplus
}
#endif
#endif /* RANVIER_H */
