/* SPDX-License-Identifier: MIT */
/*
 * count: a counting interpreter for bench/rootfs and bench/podman, never
 * installed.
 * Registered with P (and F) for aarch64, the kernel runs it as
 *
 *     count PATH ARGV0 ARGS...
 *
 * for every foreign exec.  It appends PATH and a newline to COUNT_LOG,
 * then executes, as the launcher does,
 *
 *     COUNT_QEMU -0 ARGV0 -- PATH ARGS...
 *
 * The log must exist: it is never created, so a line cannot land in a
 * stray file inside a chroot.  Inside a chroot neither path exists; both
 * are then reached through /proc/1/root, the root of the sandbox's init,
 * as the launcher reaches qemu.  (bench/podman builds it with both paths
 * in a folder it mounts into the containers.)  An exec it cannot log says
 * so on stderr (the run script counts those lines) and still runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef COUNT_LOG
#error "build with -DCOUNT_LOG='\"/absolute/path\"'"
#endif
#ifndef COUNT_QEMU
#error "build with -DCOUNT_QEMU='\"/absolute/path\"'"
#endif
/* How its lines on stderr begin (bench/podman builds it too). */
#ifndef COUNT_NAME
#define COUNT_NAME "bench-rootfs count"
#endif

#define HOST_ROOT "/proc/1/root"
/* As bubblewrap caps argv: the kernel's limit is far above any build's. */
#define COUNT_ARGC_MAX 9000

extern char **environ;

static void say(const char *what, const char *path)
{
	char line[PATH_MAX + 128];
	int n =
	    snprintf(line, sizeof(line), COUNT_NAME ": %s %s: %s\n", what, path, strerror(errno));

	if (n > 0)
		(void)!write(STDERR_FILENO, line,
			     (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* PATH, then through the host's root when PATH is not there (a chroot). */
static int open_host(const char *path)
{
	char via_host[PATH_MAX];
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);

	if (fd >= 0 || errno != ENOENT)
		return fd;
	if (snprintf(via_host, sizeof(via_host), "%s%s", HOST_ROOT, path) >=
	    (int)sizeof(via_host)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return open(via_host, O_WRONLY | O_APPEND | O_CLOEXEC);
}

/* One write with O_APPEND: concurrent execs never interleave a line. */
static void log_exec(const char *exec_path)
{
	char line[PATH_MAX + 1];
	int fd = open_host(COUNT_LOG);
	int n;

	if (fd < 0) {
		say("cannot open", COUNT_LOG);
		return;
	}
	n = snprintf(line, sizeof(line), "%s\n", exec_path);
	if (n < 0 || n >= (int)sizeof(line)) { /* cut, but still one line */
		n = (int)sizeof(line) - 1;
		line[n - 1] = '\n';
	}
	while (write(fd, line, (size_t)n) < 0) {
		if (errno != EINTR) {
			say("cannot write", COUNT_LOG);
			break;
		}
	}
	close(fd);
}

int main(int argc, char **argv)
{
	char via_host[sizeof(HOST_ROOT) + sizeof(COUNT_QEMU)];
	char **qemu_argv;
	int n = 0;

	if (argc < 3 || argc > COUNT_ARGC_MAX) {
		static const char usage[] =
		    COUNT_NAME ": run by binfmt_misc (P): PATH ARGV0 ARGS...\n";
		(void)!write(STDERR_FILENO, usage, sizeof(usage) - 1);
		return 2;
	}
	log_exec(argv[1]);

	/* QEMU -0 ARGV0 -- PATH ARGS... NULL: argc + 3 entries. */
	qemu_argv = malloc(((size_t)argc + 3) * sizeof(*qemu_argv));
	if (!qemu_argv)
		return 127;
	qemu_argv[n++] = (char *)COUNT_QEMU;
	qemu_argv[n++] = (char *)"-0";
	qemu_argv[n++] = argv[2];
	qemu_argv[n++] = (char *)"--";
	qemu_argv[n++] = argv[1];
	for (int i = 3; i < argc; i++)
		qemu_argv[n++] = argv[i];
	qemu_argv[n] = NULL;

	execve(COUNT_QEMU, qemu_argv, environ);
	if (errno == ENOENT) {
		memcpy(via_host, HOST_ROOT, sizeof(HOST_ROOT) - 1);
		memcpy(via_host + sizeof(HOST_ROOT) - 1, COUNT_QEMU, sizeof(COUNT_QEMU));
		execve(via_host, qemu_argv, environ);
	}
	say("cannot run", COUNT_QEMU);
	return errno == ENOENT ? 127 : 126;
}
