/* SPDX-License-Identifier: MIT */
#include "podman-ns.h"

#include "cleanup.h"
#include "kernel.h"
#include "namespace.h"
#include "subid.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How a qbinfmt hands podman's version to the one it runs in there. */
#define VERSION_ENV "QBINFMT_PODMAN_VERSION"

bool podman_inside(void)
{
	const char *configured = getenv("_CONTAINERS_USERNS_CONFIGURED");

	return configured && !strcmp(configured, "done") && !namespace_is_initial();
}

/* The first podman on PATH: the user's podman, as their shell finds it. */
static bool find_podman(char *out, size_t size)
{
	const char *path = getenv("PATH");

	for (const char *p = path && *path ? path : "/usr/local/bin:/usr/bin:/bin"; *p;) {
		size_t len = strcspn(p, ":");
		if (len > 0 && snprintf(out, size, "%.*s/podman", (int)len, p) < (int)size &&
		    access(out, X_OK) == 0)
			return true;
		p += len;
		if (*p == ':')
			p++;
	}
	return false;
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Wait for pid; its exec's errno when the exec failed (sent through
 * the close-on-exec pipe `errors`), else 0. */
static int reap(pid_t pid, int errors)
{
	int status, exec_errno = 0;

	if (read(errors, &exec_errno, sizeof(exec_errno)) != (ssize_t)sizeof(exec_errno))
		exec_errno = 0;
	close(errors);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return exec_errno;
}

int podman_program_says(const char *program, const char *argument, char *line, size_t size,
			struct failure *f)
{
	int out[2], errors[2];
	size_t got = 0;

	line[0] = '\0';
	if (pipe2(out, O_CLOEXEC) < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "cannot run %s", program);
	if (pipe2(errors, O_CLOEXEC) < 0) {
		close(out[0]);
		close(out[1]);
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "cannot run %s", program);
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		/* A group of its own: what it starts goes with it. */
		setpgid(0, 0);
		int null = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (null >= 0 && dup2(null, STDIN_FILENO) >= 0 && dup2(null, STDERR_FILENO) >= 0 &&
		    dup2(out[1], STDOUT_FILENO) >= 0)
			execl(program, program, argument, (char *)NULL);
		int error = errno;
		if (write(errors[1], &error, sizeof(error)) < 0)
			_exit(127);
		_exit(127);
	}
	int fork_errno = errno;
	if (pid > 0)
		setpgid(pid, pid); /* as the child does: whichever runs first */
	close(out[1]);
	close(errors[1]);
	if (pid < 0) {
		close(out[0]);
		close(errors[0]);
		return fail_errno(f, EXIT_FAILURE_FOUND, fork_errno, "cannot run %s", program);
	}
	/* A program that does not answer (or hangs) is not the one meant: a
	 * few seconds, then it goes. */
	long deadline = now_ms() + 5000;
	for (;;) {
		struct pollfd p = {out[0], POLLIN, 0};
		long left = deadline - now_ms();
		int ready = left > 0 ? poll(&p, 1, (int)left) : 0;
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0)
			break;
		ssize_t n = read(out[0], line + got, size - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got == size - 1 || memchr(line, '\n', got))
			break;
	}
	close(out[0]);
	/* Whatever it would say after its first line, or never says. */
	kill(-pid, SIGKILL);
	int exec_errno = reap(pid, errors[0]);
	line[got] = '\0';
	line[strcspn(line, "\n")] = '\0';
	if (exec_errno)
		return fail_errno(f, EXIT_FAILURE_FOUND, exec_errno, "cannot run %s", program);
	if (!got)
		return fail(f, EXIT_FAILURE_FOUND, "%s %s says nothing", program, argument);
	return 0;
}

int podman_version(struct podman_version *v, struct failure *f)
{
	const char *handed = getenv(VERSION_ENV);
	char podman[PATH_MAX], said[256];

	if (handed && podman_version_parse(handed, v) == 0)
		return 0;
	if (!find_podman(podman, sizeof(podman)))
		return fail(f, EXIT_FAILURE_FOUND,
			    "podman is not installed (Debian: apt install podman)");
	if (podman_program_says(podman, "--version", said, sizeof(said), f) < 0)
		return -1;
	if (podman_version_parse(said, v) < 0)
		return fail(f, EXIT_FAILURE_FOUND, "%s --version says '%.100s', not its version",
			    podman, said);
	snprintf(said, sizeof(said), "version %d.%d", v->major, v->minor);
	setenv(VERSION_ENV, said, 1);
	return 0;
}

static int can_have_namespace(struct failure *f)
{
	struct id_range range;

	if (geteuid() == 0 && namespace_is_initial())
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "run as root, podman is rootful: its containers use the host's binfmt_misc (qbinfmt install --wiring native --fix-binary TARGET... registers there)");
	if (!kernel_has(KERNEL_PRIVATE_BINFMT))
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "needs Linux %s or later, which gives podman's user namespace a binfmt_misc of its own (this is %s)",
		    kernel_feature_version(KERNEL_PRIVATE_BINFMT), kernel_release());
	struct passwd *pw = getpwuid(getuid());
	const char *name = pw ? pw->pw_name : NULL;
	struct subid_bad_line bad;
	int found = subid_find("/etc/subuid", name, getuid(), &range, &bad);
	char text[512];
	if (found == -EBADMSG) {
		subid_describe_bad_line("/etc/subuid", &bad, text, sizeof(text));
		return fail(f, EXIT_FAILURE_FOUND, "%s", text);
	}
	if (found < 0) {
		/* Rootless podman needs the range as much as the sandbox does. */
		subid_describe_missing(name, text, sizeof(text));
		return fail(f, EXIT_FAILURE_FOUND, "%s", text);
	}
	return 0;
}

/* Is pid podman's pause process: catatonit -P, or podman itself where
 * there is no catatonit? */
static bool is_pause(long pid)
{
	char path[64], comm[32] = "";

	snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, comm, sizeof(comm) - 1) <= 0)
		return false;
	comm[strcspn(comm, "\n")] = '\0';
	return !strcmp(comm, "catatonit") || !strcmp(comm, "podman");
}

/* Podman's pause process, from the file podman keeps its pid in
 * ($XDG_RUNTIME_DIR/libpod/tmp/pause.pid), when it is alive, is one, and
 * holds a user namespace other than ours; 0 otherwise. */
static pid_t pause_process(void)
{
	const char *runtime = getenv("XDG_RUNTIME_DIR");
	char path[PATH_MAX], ns[64], text[32] = "";
	struct stat theirs, ours;
	long pid;

	if (runtime && runtime[0] == '/')
		snprintf(path, sizeof(path), "%s/libpod/tmp/pause.pid", runtime);
	else
		snprintf(path, sizeof(path), "/run/user/%u/libpod/tmp/pause.pid", getuid());
	_cleanup_close_ int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || read(fd, text, sizeof(text) - 1) <= 0 || sscanf(text, "%ld", &pid) != 1 ||
	    pid <= 1 || pid > 0x3fffffff || !is_pause(pid))
		return 0;
	snprintf(ns, sizeof(ns), "/proc/%ld/ns/user", pid);
	/* A stale file whose number another process of ours now has. */
	if (stat(ns, &theirs) < 0 || stat("/proc/self/ns/user", &ours) < 0 ||
	    theirs.st_ino == ours.st_ino)
		return 0;
	return (pid_t)pid;
}

int podman_enter_namespace(char **command_line, struct failure *f)
{
	char podman[PATH_MAX], self[PATH_MAX];
	struct podman_version version;

	if (podman_inside())
		return 0;
	if (can_have_namespace(f) < 0 || podman_version(&version, f) < 0)
		return -1;
	/* Joined from here, nothing needs to run in there: a namespace whose
	 * entries break its native programs can be mended. */
	pid_t pause = pause_process();
	struct failure ignored;
	if (pause && namespace_join(pause, &ignored) == 0)
		return 0;
	if (!find_podman(podman, sizeof(podman)))
		return fail(f, EXIT_FAILURE_FOUND,
			    "podman is not installed (Debian: apt install podman)");
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "/proc/self/exe");
	self[n] = '\0';

	size_t count = 0;
	while (command_line[count])
		count++;
	char **inner = calloc(count + 3, sizeof(*inner));
	if (!inner)
		return fail(f, EXIT_FAILURE_FOUND, "out of memory");
	inner[0] = (char *)"podman";
	inner[1] = (char *)"unshare";
	inner[2] = self;
	for (size_t i = 1; i < count; i++)
		inner[i + 2] = command_line[i];
	/* The instance seen from here, so that the qbinfmt inside can tell
	 * it from podman's own. */
	namespace_export_outer_binfmt();
	fflush(stdout);
	execv(podman, inner);
	int error = errno;
	free(inner);
	return fail_errno(f, EXIT_FAILURE_FOUND, error, "cannot run %s unshare", podman);
}
