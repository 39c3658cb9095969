/* The C header target needs one translation unit; the API itself is implemented in Swift. */
#include "ranvier.h"
