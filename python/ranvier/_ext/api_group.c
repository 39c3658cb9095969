/* Module functions for neuron groups and the variables of any engine object. */
#include "extension.h"

#define HANDLE_OF(object) (((HandleObject *)(object))->handle)

PyObject *rvx_neurongroup_create(PyObject *module, PyObject *args)
{
    long long n;
    const char *model, *method, *threshold, *reset, *refractory;
    double refractory_seconds;
    int float_dtype;
    if (!PyArg_ParseTuple(args, "Lsssssdi:neurongroup_create", &n, &model, &method, &threshold, &reset,
                          &refractory, &refractory_seconds, &float_dtype))
        return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle group = NULL;
    RVX_CALL(rv_neurongroup_create((int64_t)n, model, method, threshold, reset, refractory,
                                   refractory_seconds, (int32_t)float_dtype, &group));
    return rvx_handle_wrap(group);
}

PyObject *rvx_subgroup_create(PyObject *module, PyObject *args)
{
    PyObject *parent;
    long long start, stop;
    if (!PyArg_ParseTuple(args, "O!LL:subgroup_create", &Handle_Type, &parent, &start, &stop)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle group = NULL;
    RVX_CALL(rv_subgroup_create(HANDLE_OF(parent), (int64_t)start, (int64_t)stop, &group));
    return rvx_handle_wrap(group);
}

PyObject *rvx_group_external_names(PyObject *module, PyObject *args)
{
    PyObject *group;
    if (!PyArg_ParseTuple(args, "O!:group_external_names", &Handle_Type, &group)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    const char *names = NULL;
    RVX_CALL(rv_group_external_names(HANDLE_OF(group), &names));
    return rvx_names_to_list(names);
}

PyObject *rvx_code_external_names(PyObject *module, PyObject *args)
{
    PyObject *group;
    const char *code;
    int is_expression;
    if (!PyArg_ParseTuple(args, "O!sp:code_external_names", &Handle_Type, &group, &code, &is_expression))
        return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    const char *names = NULL;
    RVX_CALL(rv_code_external_names(HANDLE_OF(group), code, is_expression, &names));
    return rvx_names_to_list(names);
}

PyObject *rvx_group_execute(PyObject *module, PyObject *args)
{
    PyObject *group, *indices_object, *ns;
    const char *code;
    if (!PyArg_ParseTuple(args, "O!sOO!:group_execute", &Handle_Type, &group, &code, &indices_object,
                          &Handle_Type, &ns))
        return NULL;
    IndexArray indices;
    if (rvx_index_array_from_object(indices_object, "group_execute() indices", &indices) < 0) return NULL;
    if (rvx_check_engine_idle() < 0) { rvx_index_array_free(&indices); return NULL; }
    rv_status status = rv_group_execute(HANDLE_OF(group), code, indices.data, indices.count, HANDLE_OF(ns));
    rvx_index_array_free(&indices);
    if (status != RV_OK) return rvx_raise_status(status);
    Py_RETURN_NONE;
}

/* Number of values an evaluation produces: one per index, or one per element of the object. */
static int evaluation_length(rv_handle group, const IndexArray *indices, int64_t *length)
{
    if (indices->count >= 0) {
        *length = indices->count;
        return 0;
    }
    rv_status status = rv_object_size(group, length);
    if (status != RV_OK) { rvx_raise_status(status); return -1; }
    if (*length < 0) {
        PyErr_SetString(PyExc_RuntimeError, "the ranvier engine reported a negative object size");
        return -1;
    }
    return 0;
}

PyObject *rvx_group_evaluate(PyObject *module, PyObject *args)
{
    PyObject *group, *indices_object, *ns;
    const char *expression;
    if (!PyArg_ParseTuple(args, "O!sOO!:group_evaluate", &Handle_Type, &group, &expression, &indices_object,
                          &Handle_Type, &ns))
        return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    IndexArray indices;
    if (rvx_index_array_from_object(indices_object, "group_evaluate() indices", &indices) < 0) return NULL;
    int64_t length = 0;
    PyObject *storage = NULL, *result = NULL;
    if (evaluation_length(HANDLE_OF(group), &indices, &length) < 0) goto done;
    if (length > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(double)) { PyErr_NoMemory(); goto done; }
    /* A private bytearray owns the values; the ArrayBuffer is its only user, so it never resizes. */
    storage = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)length * (Py_ssize_t)sizeof(double));
    if (storage == NULL) goto done;
    double *values = (double *)PyByteArray_AS_STRING(storage);
    rv_status status = rv_group_evaluate(HANDLE_OF(group), expression, indices.data, indices.count,
                                         HANDLE_OF(ns), values);
    if (status != RV_OK) { rvx_raise_status(status); goto done; }
    rv_array array = {.data = values, .rows = length, .cols = 1, .dtype = RV_DTYPE_FLOAT64};
    result = rvx_array_buffer_new(storage, &array);
done:
    Py_XDECREF(storage);
    rvx_index_array_free(&indices);
    return result;
}

PyObject *rvx_object_variable_names(PyObject *module, PyObject *args)
{
    PyObject *object;
    if (!PyArg_ParseTuple(args, "O!:object_variable_names", &Handle_Type, &object)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    const char *names = NULL;
    RVX_CALL(rv_object_variable_names(HANDLE_OF(object), &names));
    return rvx_names_to_list(names);
}

PyObject *rvx_group_model_variable_names(PyObject *module, PyObject *args)
{
    PyObject *group;
    if (!PyArg_ParseTuple(args, "O!:group_model_variable_names", &Handle_Type, &group)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    const char *names = NULL;
    RVX_CALL(rv_group_model_variable_names(HANDLE_OF(group), &names));
    return rvx_names_to_list(names);
}

PyObject *rvx_object_variable(PyObject *module, PyObject *args)
{
    PyObject *object;
    const char *name;
    if (!PyArg_ParseTuple(args, "O!s:object_variable", &Handle_Type, &object, &name)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_array array = {0};
    RVX_CALL(rv_object_variable(HANDLE_OF(object), name, &array));
    /* The array's own owner keeps exactly this memory alive, even after a monitor grows into new
     * memory; without one, the object itself is the owner. */
    PyObject *owner = array.owner != NULL ? rvx_handle_wrap(array.owner) : Py_NewRef(object);
    if (owner == NULL) return NULL;
    PyObject *buffer = rvx_array_buffer_new(owner, &array);
    Py_DECREF(owner);
    if (buffer == NULL) return NULL;
    PyObject *dims = rvx_dimensions_to_tuple(array.dimensions);
    if (dims == NULL) { Py_DECREF(buffer); return NULL; }
    return Py_BuildValue("(NNNN)", buffer, PyBool_FromLong(array.read_only), PyBool_FromLong(array.is_shared),
                         dims);
}

PyObject *rvx_group_variable_dimensions(PyObject *module, PyObject *args)
{
    PyObject *group;
    const char *name;
    if (!PyArg_ParseTuple(args, "O!s:group_variable_dimensions", &Handle_Type, &group, &name)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    double dims[RV_DIMENSIONS] = {0};
    int32_t kind = 0;
    RVX_CALL(rv_group_variable_dimensions(HANDLE_OF(group), name, dims, &kind));
    return Py_BuildValue("(Ni)", rvx_dimensions_to_tuple(dims), (int)kind);
}

PyObject *rvx_object_size(PyObject *module, PyObject *args)
{
    PyObject *object;
    if (!PyArg_ParseTuple(args, "O!:object_size", &Handle_Type, &object)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    int64_t size = 0;
    RVX_CALL(rv_object_size(HANDLE_OF(object), &size));
    return PyLong_FromLongLong((long long)size);
}

PyObject *rvx_neurongroup_set_spike_schedule(PyObject *module, PyObject *args)
{
    PyObject *group, *indices_object;
    Py_buffer times;
    double period;
    if (!PyArg_ParseTuple(args, "O!Oy*d:neurongroup_set_spike_schedule", &Handle_Type, &group, &indices_object,
                          &times, &period)) return NULL;
    IndexArray indices;
    if (rvx_index_array_from_object(indices_object, "neurongroup_set_spike_schedule() indices", &indices) < 0) {
        PyBuffer_Release(&times);
        return NULL;
    }
    PyObject *result = NULL;
    if ((Py_ssize_t)(indices.count * (int64_t)sizeof(double)) != times.len) {
        PyErr_Format(PyExc_ValueError, "neurongroup_set_spike_schedule() needs one time (8 bytes) per index: "
                     "%lld indices, %zd bytes of times", (long long)indices.count, times.len);
    } else if (rvx_check_engine_stopped() == 0) {
        rv_status status = rv_neurongroup_set_spike_schedule(HANDLE_OF(group), indices.data, (const double *)times.buf,
                                                             indices.count, period);
        result = status == RV_OK ? Py_NewRef(Py_None) : rvx_raise_status(status);
    }
    rvx_index_array_free(&indices);
    PyBuffer_Release(&times);
    return result;
}

PyObject *rvx_neurongroup_spike_schedule(PyObject *module, PyObject *args)
{
    PyObject *group;
    if (!PyArg_ParseTuple(args, "O!:neurongroup_spike_schedule", &Handle_Type, &group)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    int64_t count = 0;
    double period = 0.0;
    RVX_CALL(rv_neurongroup_spike_schedule(HANDLE_OF(group), NULL, NULL, 0, &count, &period));
    PyObject *indices = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(count * (int64_t)sizeof(int64_t)));
    PyObject *times = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(count * (int64_t)sizeof(double)));
    if (indices == NULL || times == NULL) {
        Py_XDECREF(indices);
        Py_XDECREF(times);
        return NULL;
    }
    rv_status status = rv_neurongroup_spike_schedule(HANDLE_OF(group), (int64_t *)PyBytes_AS_STRING(indices),
                                                     (double *)PyBytes_AS_STRING(times), count, &count, &period);
    if (status != RV_OK) {
        Py_DECREF(indices);
        Py_DECREF(times);
        return rvx_raise_status(status);
    }
    return Py_BuildValue("(NNd)", indices, times, period);
}
