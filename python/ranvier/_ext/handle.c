/* The Handle type: the Python owner of one engine object reference. */
#include "extension.h"

static void Handle_dealloc(HandleObject *self)
{
    if (self->handle != NULL) {
        /* A failed release would mean a corrupt handle; there is no caller to report it to. */
        (void)rv_release(self->handle);
        self->handle = NULL;
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Handle_repr(HandleObject *self)
{
    return PyUnicode_FromFormat("<ranvier._ranvier.Handle %p>", self->handle);
}

PyTypeObject Handle_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ranvier._ranvier.Handle",
    .tp_doc = PyDoc_STR("An engine object (group, monitor, network or namespace) owned by Python.\n\n"
                        "Created only by the module's functions; the engine object is released when\n"
                        "the last reference to the Handle (or to an array borrowed from it) is gone."),
    .tp_basicsize = sizeof(HandleObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)Handle_dealloc,
    .tp_repr = (reprfunc)Handle_repr,
    /* no tp_new: a Handle cannot be made from Python, so it always holds a live engine reference */
};

PyObject *rvx_handle_wrap(rv_handle handle)
{
    if (handle == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the ranvier engine reported success but returned no object");
        return NULL;
    }
    HandleObject *self = PyObject_New(HandleObject, &Handle_Type);
    if (self == NULL) {
        (void)rv_release(handle);
        return NULL;
    }
    self->handle = handle;
    return (PyObject *)self;
}
