/* Module functions for synapses: creation, pathways and connect(). */
#include "extension.h"

#define HANDLE_OF(object) (((HandleObject *)(object))->handle)

PyObject *rvx_synapses_create(PyObject *module, PyObject *args)
{
    PyObject *source, *target;
    const char *model, *method;
    double delay_seconds;
    int float_dtype;
    if (!PyArg_ParseTuple(args, "O!O!ssdi:synapses_create", &Handle_Type, &source, &Handle_Type, &target, &model,
                          &method, &delay_seconds, &float_dtype))
        return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle synapses = NULL;
    RVX_CALL(rv_synapses_create(HANDLE_OF(source), HANDLE_OF(target), model, method, delay_seconds, (int32_t)float_dtype, &synapses));
    return rvx_handle_wrap(synapses);
}

PyObject *rvx_synapses_add_pathway(PyObject *module, PyObject *args)
{
    PyObject *synapses;
    const char *name, *code;
    int is_pre;
    double delay_seconds;
    if (!PyArg_ParseTuple(args, "O!spsd:synapses_add_pathway", &Handle_Type, &synapses, &name, &is_pre, &code,
                          &delay_seconds))
        return NULL;
    if (rvx_check_engine_stopped() < 0) return NULL;
    RVX_CALL(rv_synapses_add_pathway(HANDLE_OF(synapses), name, (int32_t)is_pre, code, delay_seconds));
    Py_RETURN_NONE;
}

/* Converts i and j (both required) into index arrays of equal length; 0 on success. */
static int connection_pairs(PyObject *i_object, PyObject *j_object, IndexArray *i, IndexArray *j)
{
    if (i_object == Py_None || j_object == Py_None) {
        PyErr_SetString(PyExc_TypeError, "synapses_connect_indices() needs sequences of integers for both i and j");
        return -1;
    }
    if (rvx_index_array_from_object(i_object, "synapses_connect_indices() i", i) < 0) return -1;
    if (rvx_index_array_from_object(j_object, "synapses_connect_indices() j", j) < 0) {
        rvx_index_array_free(i);
        return -1;
    }
    if (i->count != j->count) {
        PyErr_Format(PyExc_ValueError, "synapses_connect_indices(): i and j must have the same length, not %lld and %lld",
                     (long long)i->count, (long long)j->count);
        rvx_index_array_free(i);
        rvx_index_array_free(j);
        return -1;
    }
    return 0;
}

PyObject *rvx_synapses_connect_indices(PyObject *module, PyObject *args)
{
    PyObject *synapses, *i_object, *j_object;
    if (!PyArg_ParseTuple(args, "O!OO:synapses_connect_indices", &Handle_Type, &synapses, &i_object, &j_object))
        return NULL;
    if (rvx_check_engine_stopped() < 0) return NULL;
    IndexArray i, j;
    if (connection_pairs(i_object, j_object, &i, &j) < 0) return NULL;
    rv_status status = rv_synapses_connect_indices(HANDLE_OF(synapses), i.data, j.data, i.count);
    rvx_index_array_free(&i);
    rvx_index_array_free(&j);
    if (status != RV_OK) return rvx_raise_status(status);
    Py_RETURN_NONE;
}

PyObject *rvx_synapses_connect(PyObject *module, PyObject *args)
{
    PyObject *synapses, *ns;
    const char *condition, *p, *n, *j_generator;
    int skip_if_invalid;
    if (!PyArg_ParseTuple(args, "O!sssspO!:synapses_connect", &Handle_Type, &synapses, &condition, &p, &n,
                          &j_generator, &skip_if_invalid, &Handle_Type, &ns))
        return NULL;
    if (rvx_check_engine_stopped() < 0) return NULL;
    rv_status status = rvx_connect_interruptibly(HANDLE_OF(synapses), condition, p, n, j_generator,
                                                 (int32_t)skip_if_invalid, HANDLE_OF(ns));
    /* Interrupted: the exception of the signal handler (KeyboardInterrupt) is set. */
    if (status == RV_ERR_INTERRUPTED && PyErr_Occurred()) return NULL;
    if (status != RV_OK) return rvx_raise_status(status);
    Py_RETURN_NONE;
}

PyObject *rvx_synapses_connect_external_names(PyObject *module, PyObject *args)
{
    PyObject *synapses;
    const char *condition, *p, *n, *j_generator;
    if (!PyArg_ParseTuple(args, "O!ssss:synapses_connect_external_names", &Handle_Type, &synapses, &condition, &p,
                          &n, &j_generator))
        return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    const char *names = NULL;
    RVX_CALL(rv_synapses_connect_external_names(HANDLE_OF(synapses), condition, p, n, j_generator, &names));
    return rvx_names_to_list(names);
}
