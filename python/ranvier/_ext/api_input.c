/* Module functions that create inputs. */
#include "extension.h"

#define HANDLE_OF(object) (((HandleObject *)(object))->handle)

PyObject *rvx_poissoninput_create(PyObject *module, PyObject *args)
{
    PyObject *target, *dims_object;
    const char *variable, *weight_code;
    long long n;
    double rate, weight_value;
    if (!PyArg_ParseTuple(args, "O!sLdsdO:poissoninput_create", &Handle_Type, &target, &variable, &n, &rate,
                          &weight_code, &weight_value, &dims_object))
        return NULL;
    double dims[RV_DIMENSIONS];
    if (rvx_dimensions_from_object(dims_object, "poissoninput_create() weight dims", dims) < 0) return NULL;
    if (rvx_check_engine_idle() < 0) return NULL;
    rv_handle input = NULL;
    RVX_CALL(rv_poissoninput_create(HANDLE_OF(target), variable, (int64_t)n, rate, weight_code, weight_value, dims, &input));
    return rvx_handle_wrap(input);
}
