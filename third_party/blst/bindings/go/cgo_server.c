#include "server.c"
