#include "emulator/connection_drop.h"

#include <charconv>
#include <filesystem>
#include <string>
#include <system_error>

#include <netinet/in.h>
#include <sys/socket.h>

namespace insights::emulator {

namespace {

int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  return -1;
}

bool has_ports(int fd, int local_port, int peer_port) {
  sockaddr_storage local{};
  sockaddr_storage peer{};
  socklen_t local_size = sizeof(local);
  socklen_t peer_size = sizeof(peer);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0) return false;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) return false;
  return port_of(local) == local_port && port_of(peer) == peer_port;
}

}  // namespace

bool shut_down_connection(int local_port, int peer_port) {
  // The HTTP library does not hand its handlers the socket, so find it by its two ports: unique among the
  // process's connected sockets, even when a client of this server runs in the same process.
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    const auto name = entry.path().filename().string();
    int fd = -1;
    if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc{}) continue;
    if (has_ports(fd, local_port, peer_port)) return shutdown(fd, SHUT_RDWR) == 0;
  }
  return false;
}

}  // namespace insights::emulator
