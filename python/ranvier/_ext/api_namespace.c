/* Module functions for engine-wide state: version, random seed and namespaces of external values. */
#include "extension.h"

#define HANDLE_OF(object) (((HandleObject *)(object))->handle)

PyObject *rvx_api_version(PyObject *module, PyObject *unused)
{
    int32_t major, minor, patch;
    RVX_CALL(rv_api_version(&major, &minor, &patch));
    return Py_BuildValue("(iii)", (int)major, (int)minor, (int)patch);
}

PyObject *rvx_seed(PyObject *module, PyObject *args)
{
    long long seed;
    if (!PyArg_ParseTuple(args, "L:seed", &seed)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    RVX_CALL(rv_seed((int64_t)seed));
    Py_RETURN_NONE;
}

PyObject *rvx_namespace_create(PyObject *module, PyObject *unused)
{
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle ns = NULL;
    RVX_CALL(rv_namespace_create(&ns));
    return rvx_handle_wrap(ns);
}

PyObject *rvx_namespace_set(PyObject *module, PyObject *args)
{
    PyObject *ns, *dims_object;
    const char *name;
    double value;
    double dims[RV_DIMENSIONS];
    if (!PyArg_ParseTuple(args, "O!sdO:namespace_set", &Handle_Type, &ns, &name, &value, &dims_object))
        return NULL;
    if (rvx_dimensions_from_object(dims_object, "namespace_set() dims", dims) < 0) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    RVX_CALL(rv_namespace_set(HANDLE_OF(ns), name, value, dims));
    Py_RETURN_NONE;
}

PyObject *rvx_namespace_set_timed_array(PyObject *module, PyObject *args)
{
    PyObject *ns, *dims_object;
    const char *name;
    Py_buffer values;
    long long rows, cols;
    double dt;
    double dims[RV_DIMENSIONS];
    if (!PyArg_ParseTuple(args, "O!sy*LLdO:namespace_set_timed_array", &Handle_Type, &ns, &name, &values, &rows, &cols,
                          &dt, &dims_object))
        return NULL;
    PyObject *result = NULL;
    long long width = cols > 0 ? cols : 1;
    if (rows <= 0 || cols < 0 || values.len % (Py_ssize_t)sizeof(double) != 0
        || (long long)(values.len / (Py_ssize_t)sizeof(double)) / width != rows
        || (long long)(values.len / (Py_ssize_t)sizeof(double)) % width != 0) {
        PyErr_Format(PyExc_ValueError, "namespace_set_timed_array() needs rows*max(cols, 1) float64 values: "
                     "%lld rows, %lld columns, %zd bytes of values", rows, cols, values.len);
    } else if (rvx_dimensions_from_object(dims_object, "namespace_set_timed_array() dims", dims) == 0
               && rvx_check_engine_idle() == 0) {
        rv_status status = rv_namespace_set_timed_array(HANDLE_OF(ns), name, (const double *)values.buf, (int64_t)rows,
                                                        (int64_t)cols, dt, dims);
        result = status == RV_OK ? Py_NewRef(Py_None) : rvx_raise_status(status);
    }
    PyBuffer_Release(&values);
    return result;
}
