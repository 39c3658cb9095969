/* Module functions for clocks and the objects that run on them (run_regularly code). */
#include "extension.h"

#define HANDLE_OF(object) (((HandleObject *)(object))->handle)

PyObject *rvx_clock_create(PyObject *module, PyObject *args)
{
    double dt;
    if (!PyArg_ParseTuple(args, "d:clock_create", &dt)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle clock = NULL;
    RVX_CALL(rv_clock_create(dt, &clock));
    return rvx_handle_wrap(clock);
}

PyObject *rvx_clock_set_dt(PyObject *module, PyObject *args)
{
    PyObject *clock;
    double dt;
    if (!PyArg_ParseTuple(args, "O!d:clock_set_dt", &Handle_Type, &clock, &dt)) return NULL;
    if (rvx_check_engine_stopped() < 0) return NULL;
    RVX_CALL(rv_clock_set_dt(HANDLE_OF(clock), dt));
    Py_RETURN_NONE;
}

PyObject *rvx_clock_state(PyObject *module, PyObject *args)
{
    PyObject *clock;
    if (!PyArg_ParseTuple(args, "O!:clock_state", &Handle_Type, &clock)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    double dt = 0.0;
    int64_t timestep = 0;
    RVX_CALL(rv_clock_state(HANDLE_OF(clock), &dt, &timestep));
    return Py_BuildValue("(dL)", dt, (long long)timestep);
}

PyObject *rvx_network_default_clock(PyObject *module, PyObject *args)
{
    PyObject *network;
    if (!PyArg_ParseTuple(args, "O!:network_default_clock", &Handle_Type, &network)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle clock = NULL;
    RVX_CALL(rv_network_default_clock(HANDLE_OF(network), &clock));
    return rvx_handle_wrap(clock);
}

PyObject *rvx_object_set_clock(PyObject *module, PyObject *args)
{
    PyObject *object, *clock;
    if (!PyArg_ParseTuple(args, "O!O:object_set_clock", &Handle_Type, &object, &clock)) return NULL;
    if (clock != Py_None && !PyObject_TypeCheck(clock, &Handle_Type)) {
        PyErr_SetString(PyExc_TypeError, "object_set_clock() clock must be a Handle or None");
        return NULL;
    }
    if (rvx_check_engine_stopped() < 0) return NULL;
    RVX_CALL(rv_object_set_clock(HANDLE_OF(object), clock == Py_None ? NULL : HANDLE_OF(clock)));
    Py_RETURN_NONE;
}

PyObject *rvx_run_regularly_create(PyObject *module, PyObject *args)
{
    PyObject *group;
    const char *code;
    if (!PyArg_ParseTuple(args, "O!s:run_regularly_create", &Handle_Type, &group, &code)) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle operation = NULL;
    RVX_CALL(rv_run_regularly_create(HANDLE_OF(group), code, &operation));
    return rvx_handle_wrap(operation);
}
