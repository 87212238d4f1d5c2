#pragma once

namespace insights::emulator {

// Shuts down (without closing: the HTTP library still owns the descriptor) this process's TCP socket whose
// local port is `local_port` and whose peer port is `peer_port`, so the peer sees the connection end with
// no response. False when no such socket is open.
bool shut_down_connection(int local_port, int peer_port);

}  // namespace insights::emulator
