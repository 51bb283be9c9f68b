/* The C target needs one translation unit; everything lives in the header. */
#include "CLinux.h"
