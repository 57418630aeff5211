/* A reference HTTP/1.1 server for bench/ceiling.sh: the least work a server can do per request.
 *
 * One thread, epoll, keep-alive, no parsing beyond counting "\r\n\r\n": every request gets the
 * same 15-byte JSON answer ({"status":"ok"}), as /showcase/count/x does. It tells what wrk can
 * measure on this machine (wrk shares the cores), i.e. the ceiling any fleet instance figure
 * should be read against. Binds 127.0.0.1 only; exits after the given number of seconds.
 *
 *   cc -O2 -o ceiling ceiling.c && ./ceiling 30999 30
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char RESPONSE[] =
    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 15\r\n\r\n{\"status\":\"ok\"}";

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 30999;
    int seconds = argc > 2 ? atoi(argv[2]) : 30;
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 512) != 0) {
        perror("bind/listen");
        return 1;
    }
    int poller = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    time_t end = time(NULL) + seconds;
    struct epoll_event events[256];
    char buffer[16384];
    while (time(NULL) < end) {
        int ready = epoll_wait(poller, events, 256, 200);
        for (int i = 0; i < ready; i++) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                int client;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event client_event = {.events = EPOLLIN, .data.fd = client};
                    epoll_ctl(poller, EPOLL_CTL_ADD, client, &client_event);
                }
                continue;
            }
            ssize_t n = read(fd, buffer, sizeof buffer - 1);
            if (n <= 0) {
                if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) close(fd);
                continue;
            }
            buffer[n] = 0;
            /* Pipelined or not, one answer per request head in what arrived. */
            for (char *p = buffer; (p = strstr(p, "\r\n\r\n")) != NULL; p += 4) {
                if (write(fd, RESPONSE, sizeof RESPONSE - 1) < 0) break;
            }
        }
    }
    return 0;
}
