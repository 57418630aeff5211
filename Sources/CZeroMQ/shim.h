// libzmq's C API, found through pkg-config (Debian: libzmq3-dev).
#include <zmq.h>
