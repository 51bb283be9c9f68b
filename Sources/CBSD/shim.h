#include <sys/types.h>
#include <bsd/libutil.h>
#include <bsd/stdlib.h>
#include <bsd/string.h>
