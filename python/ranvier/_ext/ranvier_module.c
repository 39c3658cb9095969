/*
 * ranvier._ranvier — the CPython binding of the Ranvier engine's C API (ranvier.h).
 * Low level on purpose: the `ranvier` package builds Brian2's user API on top of it.
 */
#include "extension.h"

static PyMethodDef module_methods[] = {
    {"set_exception_types", rvx_set_exception_types, METH_O,
     PyDoc_STR("set_exception_types(mapping: dict[int, type] | None) -> dict | None\n\n"
               "Registers the exception class raised for each engine status code (RuntimeError otherwise)\n"
               "and returns the previous mapping (None if there was none), so it can be restored.")},
    {"api_version", rvx_api_version, METH_NOARGS,
     PyDoc_STR("api_version() -> (major, minor, patch) of the engine's C API.")},
    {"seed", rvx_seed, METH_VARARGS,
     PyDoc_STR("seed(seed: int) -> None\n\nSeeds the engine's random numbers; a negative seed uses OS entropy.")},
    {"namespace_create", rvx_namespace_create, METH_NOARGS,
     PyDoc_STR("namespace_create() -> Handle\n\nA new, empty namespace of external values.")},
    {"namespace_set", rvx_namespace_set, METH_VARARGS,
     PyDoc_STR("namespace_set(ns, name: str, value: float, dims: tuple of 7 floats) -> None")},
    {"namespace_set_timed_array", rvx_namespace_set_timed_array, METH_VARARGS,
     PyDoc_STR("namespace_set_timed_array(ns, name: str, values: bytes (float64, row-major), rows: int, cols: int "
               "(0 for one-dimensional), dt: float, dims: tuple of 7 floats) -> None")},
    {"neurongroup_create", rvx_neurongroup_create, METH_VARARGS,
     PyDoc_STR("neurongroup_create(n, model, method, threshold, reset, refractory_code, refractory_seconds)"
               " -> Handle")},
    {"subgroup_create", rvx_subgroup_create, METH_VARARGS,
     PyDoc_STR("subgroup_create(parent, start: int, stop: int) -> Handle\n\n"
               "The neurons start <= i < stop of a neuron group, sharing its variables and spikes.")},
    {"neurongroup_set_spike_schedule", rvx_neurongroup_set_spike_schedule, METH_VARARGS,
     PyDoc_STR("neurongroup_set_spike_schedule(group, indices, times: bytes of float64, period: float) -> None")},
    {"neurongroup_spike_schedule", rvx_neurongroup_spike_schedule, METH_VARARGS,
     PyDoc_STR("neurongroup_spike_schedule(group) -> (indices: bytes of int64, times: bytes of float64, period)\n\n"
               "The group's scheduled spikes, sorted by time then neuron.")},
    {"group_external_names", rvx_group_external_names, METH_VARARGS,
     PyDoc_STR("group_external_names(group) -> list[str]\n\nNames the group's code takes from a namespace.")},
    {"code_external_names", rvx_code_external_names, METH_VARARGS,
     PyDoc_STR("code_external_names(group, code: str, is_expression: bool) -> list[str]")},
    {"group_execute", rvx_group_execute, METH_VARARGS,
     PyDoc_STR("group_execute(group, code: str, indices: None | sequence of int, ns) -> None")},
    {"group_evaluate", rvx_group_evaluate, METH_VARARGS,
     PyDoc_STR("group_evaluate(group, expression: str, indices: None | sequence of int, ns) -> ArrayBuffer\n\n"
               "One float64 value per index (or per element for None).")},
    {"object_variable_names", rvx_object_variable_names, METH_VARARGS,
     PyDoc_STR("object_variable_names(object) -> list[str]")},
    {"object_variable", rvx_object_variable, METH_VARARGS,
     PyDoc_STR("object_variable(object, name: str) -> (ArrayBuffer, read_only, is_shared, dims)\n\n"
               "The buffer shares the engine's memory and keeps the object alive.")},
    {"group_variable_dimensions", rvx_group_variable_dimensions, METH_VARARGS,
     PyDoc_STR("group_variable_dimensions(group, name: str) -> (dims, kind)\n\n"
               "kind: 0 state variable or parameter, 1 subexpression, 2 internal.")},
    {"object_size", rvx_object_size, METH_VARARGS, PyDoc_STR("object_size(object) -> int")},
    {"synapses_create", rvx_synapses_create, METH_VARARGS,
     PyDoc_STR("synapses_create(source, target, model: str, method: str, delay_seconds: float) -> Handle\n\n"
               "`source` must be a neuron group; pathways are added with synapses_add_pathway.")},
    {"synapses_add_pathway", rvx_synapses_add_pathway, METH_VARARGS,
     PyDoc_STR("synapses_add_pathway(synapses, name: str, is_pre: bool, code: str, delay_seconds: float) -> None\n\n"
               "is_pre: triggered by presynaptic spikes (on_pre); delay_seconds applies to on_post pathways.")},
    {"synapses_connect_indices", rvx_synapses_connect_indices, METH_VARARGS,
     PyDoc_STR("synapses_connect_indices(synapses, i: sequence of int, j: sequence of int) -> None\n\n"
               "Creates the synapses i[k] -> j[k]; i and j must have the same length.")},
    {"synapses_connect", rvx_synapses_connect, METH_VARARGS,
     PyDoc_STR("synapses_connect(synapses, condition, p, n, j_generator, skip_if_invalid: bool, ns) -> None\n\n"
               "connect() with code strings; \"\" for an argument that was not given.")},
    {"synapses_connect_external_names", rvx_synapses_connect_external_names, METH_VARARGS,
     PyDoc_STR("synapses_connect_external_names(synapses, condition, p, n, j_generator) -> list[str]")},
    {"group_model_variable_names", rvx_group_model_variable_names, METH_VARARGS,
     PyDoc_STR("group_model_variable_names(group) -> list[str]: the names Brian2's equations.names gives")},
    {"statemonitor_create", rvx_statemonitor_create, METH_VARARGS,
     PyDoc_STR("statemonitor_create(group, variables: list[str], indices: None | sequence of int) -> Handle")},
    {"spikemonitor_create", rvx_spikemonitor_create, METH_VARARGS,
     PyDoc_STR("spikemonitor_create(group, variables: list[str] = [], record: bool = True) -> Handle")},
    {"statemonitor_record_single_timestep", rvx_statemonitor_record_single_timestep, METH_VARARGS,
     PyDoc_STR("statemonitor_record_single_timestep(monitor) -> None")},
    {"poissoninput_create", rvx_poissoninput_create, METH_VARARGS,
     PyDoc_STR("poissoninput_create(target, variable: str, n: int, rate: float, weight_code: str, "
               "weight_value: float, weight_dims) -> Handle\n\nweight_code \"\": the constant weight_value.")},
    {"ratemonitor_create", rvx_ratemonitor_create, METH_VARARGS,
     PyDoc_STR("ratemonitor_create(group) -> Handle")},
    {"object_set_schedule", rvx_object_set_schedule, METH_VARARGS,
     PyDoc_STR("object_set_schedule(object, when: str, order: int) -> None")},
    {"network_create", rvx_network_create, METH_NOARGS, PyDoc_STR("network_create() -> Handle")},
    {"network_set_dt", rvx_network_set_dt, METH_VARARGS, PyDoc_STR("network_set_dt(network, dt: float) -> None")},
    {"network_set_threads", rvx_network_set_threads, METH_VARARGS,
     PyDoc_STR("network_set_threads(network, threads: int) -> None")},
    {"network_time", rvx_network_time, METH_VARARGS, PyDoc_STR("network_time(network) -> (t, dt) in seconds")},
    {"network_last_run_timing", rvx_network_last_run_timing, METH_VARARGS,
     PyDoc_STR("network_last_run_timing(network) -> (prepare, loop) wall-clock seconds of the last run")},
    {"network_set_time", rvx_network_set_time, METH_VARARGS,
     PyDoc_STR("network_set_time(network, t: float) -> None")},
    {"network_run", rvx_network_run, METH_VARARGS,
     PyDoc_STR("network_run(network, objects: list[Handle], duration: float, ns, report=None, report_period=0.0)"
               " -> None\n\nRuns without the GIL; signal handlers run every few ms (KeyboardInterrupt from Ctrl-C ends"
               " the run and is raised). report(elapsed)"
               " is called every report_period seconds of wall time.")},
    {"network_stop", rvx_network_stop, METH_VARARGS,
     PyDoc_STR("network_stop(network) -> None\n\nEnds the current run after the step being run.")},
    {"stop_run_on_interrupt", rvx_stop_run_on_interrupt, METH_NOARGS,
     PyDoc_STR("stop_run_on_interrupt() -> bool\n\nFrom a SIGINT handler: ends the run under way normally within a few"
               " ms; False when there is none or it was already asked to stop.")},
    {"clock_create", rvx_clock_create, METH_VARARGS, PyDoc_STR("clock_create(dt: float) -> Handle")},
    {"clock_set_dt", rvx_clock_set_dt, METH_VARARGS, PyDoc_STR("clock_set_dt(clock, dt: float) -> None")},
    {"clock_state", rvx_clock_state, METH_VARARGS, PyDoc_STR("clock_state(clock) -> (dt, timestep)")},
    {"network_default_clock", rvx_network_default_clock, METH_VARARGS,
     PyDoc_STR("network_default_clock(network) -> Handle of the network's default clock")},
    {"object_set_clock", rvx_object_set_clock, METH_VARARGS,
     PyDoc_STR("object_set_clock(object, clock: Handle | None) -> None (None: the network's default clock)")},
    {"run_regularly_create", rvx_run_regularly_create, METH_VARARGS,
     PyDoc_STR("run_regularly_create(group, code: str) -> Handle")},
    {"network_operation_create", rvx_network_operation_create, METH_O,
     PyDoc_STR("network_operation_create(function) -> Handle\n\n"
               "function(t: float) is called at the operation's steps during runs.")},
    {"snapshot_take", rvx_snapshot_take, METH_VARARGS,
     PyDoc_STR("snapshot_take(network, objects: list[Handle], names: list[str]) -> Handle\n\n"
               "A snapshot of the network's time, the random generator and the named objects' state.")},
    {"snapshot_restore", rvx_snapshot_restore, METH_VARARGS,
     PyDoc_STR("snapshot_restore(snapshot, network, objects: list[Handle], names: list[str], "
               "restore_random_state: bool) -> None\n\nKeyError when the names do not match the snapshot's.")},
    {"snapshot_write", rvx_snapshot_write, METH_VARARGS,
     PyDoc_STR("snapshot_write(snapshot, path: str, name: str) -> None\n\n"
               "Stores the snapshot as `name` in the file, keeping its other snapshots.")},
    {"snapshot_read", rvx_snapshot_read, METH_VARARGS,
     PyDoc_STR("snapshot_read(path: str, name: str) -> Handle\n\nThe snapshot `name` of a snapshot file.")},
    {"snapshot_byte_count", rvx_snapshot_byte_count, METH_VARARGS,
     PyDoc_STR("snapshot_byte_count(snapshot) -> int\n\nBytes of state the snapshot holds.")},
    {"_array_view_for_tests", rvx_array_view_for_tests, METH_VARARGS,
     PyDoc_STR("_array_view_for_tests(source, dtype, rows, cols, is_2d, read_only) -> ArrayBuffer\n\n"
               "Test hook: an ArrayBuffer over a writable buffer such as a bytearray.")},
    {"_indices_for_tests", rvx_indices_for_tests, METH_O,
     PyDoc_STR("_indices_for_tests(indices) -> tuple[int] | None\n\nTest hook: the converted index argument.")},
    {"_dimensions_for_tests", rvx_dimensions_for_tests, METH_O,
     PyDoc_STR("_dimensions_for_tests(dims) -> tuple[float]\n\nTest hook: the converted dimensions argument.")},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT,
    .m_name = "ranvier._ranvier",
    .m_doc = PyDoc_STR("Low-level binding of the Ranvier engine's C API."),
    .m_size = -1,
    .m_methods = module_methods,
};

/* Integer constants of ranvier.h that Python code needs (status codes and dtypes). */
static int add_constants(PyObject *module)
{
    static const struct { const char *name; long value; } constants[] = {
        {"OK", RV_OK}, {"ERR_SYNTAX", RV_ERR_SYNTAX}, {"ERR_DIMENSION", RV_ERR_DIMENSION},
        {"ERR_UNKNOWN_NAME", RV_ERR_UNKNOWN_NAME}, {"ERR_VALUE", RV_ERR_VALUE}, {"ERR_INDEX", RV_ERR_INDEX},
        {"ERR_TYPE", RV_ERR_TYPE}, {"ERR_NOT_IMPLEMENTED", RV_ERR_NOT_IMPLEMENTED},
        {"ERR_UNSUPPORTED_EQUATIONS", RV_ERR_UNSUPPORTED_EQUATIONS},
        {"ERR_INTERRUPTED", RV_ERR_INTERRUPTED}, {"ERR_IO", RV_ERR_IO}, {"ERR_MEMORY", RV_ERR_MEMORY},
        {"ERR_CALLBACK", RV_ERR_CALLBACK}, {"DTYPE_FLOAT64", RV_DTYPE_FLOAT64},
        {"DTYPE_INT32", RV_DTYPE_INT32}, {"DTYPE_BOOL", RV_DTYPE_BOOL}, {"DTYPE_FLOAT32", RV_DTYPE_FLOAT32},
    };
    for (size_t k = 0; k < sizeof constants / sizeof constants[0]; k++)
        if (PyModule_AddIntConstant(module, constants[k].name, constants[k].value) < 0) return -1;
    return 0;
}

PyMODINIT_FUNC PyInit__ranvier(void)
{
    if (PyType_Ready(&Handle_Type) < 0 || PyType_Ready(&ArrayBuffer_Type) < 0) return NULL;
    PyObject *module = PyModule_Create(&module_definition);
    if (module == NULL) return NULL;
    if (PyModule_AddObjectRef(module, "Handle", (PyObject *)&Handle_Type) < 0 ||
        PyModule_AddObjectRef(module, "ArrayBuffer", (PyObject *)&ArrayBuffer_Type) < 0 ||
        add_constants(module) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
